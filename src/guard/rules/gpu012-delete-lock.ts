import { defineRule, pass } from '../rule.js';
import { hasTag, hostNoun, sizeLabel } from './helpers.js';

export const gpu012 = defineRule({
  id: 'GPU012',
  title: 'Long-running training compute has no delete lock',
  severity: 'low',
  appliesTo: ['vm', 'vmss'],
  gpuOnly: true,
  waste: false,
  rationale: 'A week-long training run is lost to one mistaken `terraform destroy` or portal click. A CanNotDelete lock blocks deletion but still lets the VM be deallocated.',
  semantics: [
    'Applies to GPU VMs and scale sets tagged as training (default `workload=training`; config `trainingTag`).',
    'Passes when a management lock on the resource, its resource group or its subscription blocks deletion (`CanNotDelete`, or `ReadOnly`, which also blocks deletion but breaks deallocation).',
  ],
  xref: ['Cloud Custodian resource-lock: Absent'],
  remediation: {
    az: 'az lock create --name no-delete --lock-type CanNotDelete --resource {id}',
    terraform: 'resource "azurerm_management_lock" "gpu" {\n  name       = "no-delete"\n  scope      = azurerm_linux_virtual_machine.gpu.id\n  lock_level = "CanNotDelete"\n}',
  },
  check(r, ctx) {
    if (!hasTag(r, ctx.config.trainingTag)) return null;
    if (ctx.index.locksFor(r).length > 0) return pass;
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) is tagged ${ctx.config.trainingTag.key}=${ctx.config.trainingTag.values.join('|')} but has no delete lock on it, its resource group or its subscription`,
      evidence: { resourceGroup: r.resourceGroup },
    };
  },
});
