import { defineRule, pass, unknown } from '../rule.js';
import { allocated, GPU_HOSTS, hostHourly, hostNoun, perMonth, sizeLabel, tagDate, tagValue } from './helpers.js';

export const gpu002 = defineRule({
  id: 'GPU002',
  title: 'GPU compute past its expiry date and still allocated',
  severity: 'high',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: true,
  rationale: 'The expiry tag is the owner\'s own promise of when the GPUs are no longer needed; past it, every allocated hour is spend nobody planned.',
  semantics: [
    'Fails when the expiry tag (default `expires`) names a date before today and the compute is allocated: a VM running or stopped but not deallocated; a scale set or node pool with more than 0 instances.',
    'A VM that is deallocated passes (it costs only its disks). An absent or unreadable expiry tag is left to GPU001.',
    'Unknown when the power state (or the pool\'s instance count) could not be read.',
    'Monthly cost: pay-as-you-go price x 730 h x instances (null when the catalog has no price for the size in its region).',
  ],
  xref: [],
  remediation: {
    az: 'az vm deallocate --ids {id}   # or extend: az resource tag --ids {id} --is-incremental --tags expires=<YYYY-MM-DD>',
    terraform: '# delete the resource, or move the expiry:\ntags = { expires = "2027-01-31" }',
  },
  check(r, ctx) {
    const raw = tagValue(r, ctx.config.expiryTag);
    const expires = raw === undefined ? null : tagDate(raw);
    if (expires === null || expires >= ctx.today) return expires === null ? null : pass;
    const on = allocated(r);
    if (on === null) return unknown(`expired on ${expires}, but the power state could not be read`);
    if (!on) return pass;
    const monthlyCost = perMonth(hostHourly(r, ctx));
    const state = r.kind === 'vm' ? r.powerState : `${r.capacity} instance(s)`;
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) expired on ${expires} and is still allocated (${state})`,
      evidence: { expires, today: ctx.today, powerState: r.kind === 'vm' ? r.powerState : null, instances: r.kind === 'vm' ? 1 : r.capacity },
      monthlyCost,
    };
  },
});
