import { defineRule, pass, unknown } from '../rule.js';
import { hostHourly, perMonth, sizeLabel } from './helpers.js';

export const gpu008 = defineRule({
  id: 'GPU008',
  title: 'GPU VM stopped but not deallocated (still billed)',
  severity: 'high',
  appliesTo: ['vm'],
  gpuOnly: true,
  waste: true,
  rationale: 'Shutting a VM down from inside the OS (or `az vm stop`) keeps its hardware reserved and billed at the full hourly rate; only deallocation stops the meter.',
  semantics: [
    'Fails when the power state is `PowerState/stopped`; `deallocated` passes.',
    'Unknown when the power state could not be read (a Terraform plan never knows it).',
    'Monthly cost: the full pay-as-you-go price x 730 h, since a stopped VM bills like a running one.',
  ],
  xref: ['Cloud Custodian stop (deallocate) vs poweroff'],
  remediation: { az: 'az vm deallocate --ids {id}', terraform: '# not a Terraform setting: deallocate with az vm deallocate' },
  check(r, ctx) {
    if (r.powerState === null) return r.address !== undefined ? null : unknown('the power state could not be read');
    if (r.powerState !== 'stopped') return pass;
    return {
      outcome: 'fail',
      message: `GPU VM ${r.name} (${sizeLabel(r, ctx)}) is stopped but not deallocated, so it is still billed`,
      evidence: { powerState: r.powerState },
      monthlyCost: perMonth(hostHourly(r, ctx)),
    };
  },
});
