import { sizeKey } from '../../model/names.js';
import { defineRule, pass } from '../rule.js';
import { GPU_HOSTS, hostNoun } from './helpers.js';

export const gpu011 = defineRule({
  id: 'GPU011',
  title: 'GPU size not in the allowed list',
  severity: 'medium',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: false,
  rationale: 'An allowed-size list keeps a typo or a copy-paste from deploying an 8 x H100 VM where a single A10 was meant.',
  semantics: [
    'Applies only when the config sets `allowedSizes`; with no list it never fails.',
    'Fails when the size is not in the list (compared case-insensitively, `Standard_` prefix optional).',
  ],
  xref: ['Azure Policy cccc23c7 (Allowed virtual machine size SKUs)'],
  remediation: {
    az: 'az vm resize --ids {id} --size <allowed size>',
    terraform: 'size = "Standard_NC24ads_A100_v4" # a size from the allowed list',
  },
  check(r, ctx) {
    const allowed = ctx.config.allowedSizes;
    if (allowed === null || r.size === null) return null;
    if (allowed.some((s) => sizeKey(s) === sizeKey(r.size!))) return pass;
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} uses ${r.size}, which is not in the allowed list`,
      evidence: { size: r.size, allowedSizes: allowed },
    };
  },
});
