import type { Schedule } from '../../model/inventory.js';
import { defineRule, pass, unknown } from '../rule.js';
import { GPU_HOSTS, hostNoun, sizeLabel } from './helpers.js';

const SHUTDOWN_TASK = 'computevmshutdowntask';

function isShutdownFor(s: Schedule, vmName: string): boolean {
  // ARM names the schedule shutdown-computevm-<vm>; Terraform plans do not know the name, only the target.
  const nameOk = s.address !== undefined || s.name.toLowerCase() === `shutdown-computevm-${vmName.toLowerCase()}`;
  return nameOk && (s.taskType === null || s.taskType.toLowerCase() === SHUTDOWN_TASK);
}

export const gpu003 = defineRule({
  id: 'GPU003',
  title: 'GPU compute has no auto-shutdown',
  severity: 'high',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: false,
  rationale: 'A training job that crashes at 3 AM on Saturday leaves eight GPU VMs up until Monday. A nightly shutdown schedule caps the damage at one evening. Azure Policy has no built-in for it.',
  semantics: [
    'VM: passes when a `Microsoft.DevTestLab/schedules` resource named `shutdown-computevm-<vm>` with task type `ComputeVmShutdownTask` targets the VM (`targetResourceId`) with status Enabled (Terraform: an `azurerm_dev_test_global_vm_shutdown_schedule` whose `virtual_machine_id` is the VM, `enabled` true). A disabled schedule fails. Unknown when the schedule\'s status could not be read.',
    'Scale set and AKS node pool: schedules do not apply; passes when autoscale is on with a minimum of 0 instances, or when the pool has 0 instances; fails when it keeps instances with no way to scale to zero. Unknown when autoscale or capacity could not be read.',
  ],
  xref: ['Cloud Custodian offhour filter'],
  remediation: {
    az: 'az vm auto-shutdown --ids {id} --time 1900 --email <owner@example.com>',
    terraform: 'resource "azurerm_dev_test_global_vm_shutdown_schedule" "gpu" {\n  virtual_machine_id    = azurerm_linux_virtual_machine.gpu.id\n  location              = azurerm_linux_virtual_machine.gpu.location\n  enabled               = true\n  daily_recurrence_time = "1900"\n  timezone              = "UTC"\n  notification_settings {\n    enabled = true\n    email   = "owner@example.com"\n  }\n}',
  },
  check(r, ctx) {
    if (r.kind !== 'vm') {
      if (r.autoscale === true && r.minCount === 0) return pass;
      if (r.capacity === 0 && r.autoscale !== true) return pass;
      if (r.autoscale === null || (r.autoscale === true && r.minCount === null) || (r.autoscale === false && r.capacity === null)) {
        return unknown('autoscale settings or instance count could not be read');
      }
      const floor = r.autoscale ? r.minCount : r.capacity;
      return {
        outcome: 'fail',
        message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) never scales below ${floor} instance(s); enable autoscale with a minimum of 0`,
        evidence: { autoscale: r.autoscale, minCount: r.minCount, capacity: r.capacity },
      };
    }
    const schedules = ctx.index.schedulesFor(r.id).filter((s) => isShutdownFor(s, r.name));
    if (schedules.some((s) => s.enabled === true)) return pass;
    if (schedules.some((s) => s.enabled === null)) return unknown('an auto-shutdown schedule exists but its status could not be read');
    return {
      outcome: 'fail',
      message: schedules.length > 0
        ? `GPU VM ${r.name} (${sizeLabel(r, ctx)}) has an auto-shutdown schedule, but it is disabled`
        : `GPU VM ${r.name} (${sizeLabel(r, ctx)}) has no auto-shutdown schedule`,
      evidence: { schedules: schedules.map((s) => s.id), expectedName: `shutdown-computevm-${r.name}` },
    };
  },
});
