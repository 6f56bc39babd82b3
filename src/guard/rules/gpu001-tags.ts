import { defineRule, pass, unknown } from '../rule.js';
import { GPU_HOSTS, hostNoun, tagDate, tagValue } from './helpers.js';

export const gpu001 = defineRule({
  id: 'GPU001',
  title: 'GPU compute missing required governance tags',
  severity: 'high',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: false,
  rationale: 'A GPU VM nobody owns is a GPU VM nobody turns off. Owner, cost centre and an expiry date let finance charge it back and let you ask the right person before deleting it.',
  semantics: [
    'Applies to GPU VMs, scale sets and AKS node pools (size known to the catalog as carrying GPUs).',
    'Fails when any required tag (default `owner`, `cost-center`, `expires`; config `requiredTags`) is absent or empty; tag names are compared case-insensitively, as Azure does.',
    'Also fails when the expiry tag is present but is not a date (YYYY-MM-DD or an ISO date-time).',
    'Unknown when the source could not read the tags.',
  ],
  xref: ['Azure Policy 871b6d14 (Require a tag on resources)', 'Azure Policy 1e30110a'],
  remediation: {
    az: 'az resource tag --ids {id} --is-incremental --tags owner=<email> cost-center=<code> expires=<YYYY-MM-DD>',
    terraform: 'tags = {\n  owner       = "team@example.com"\n  cost-center = "CC-1234"\n  expires     = "2026-12-31"\n}',
  },
  check(r, ctx) {
    if (r.tags === null) return unknown('the tags could not be read');
    const missing = ctx.config.requiredTags.filter((t) => !tagValue(r, t)?.trim());
    const expiry = tagValue(r, ctx.config.expiryTag);
    const badExpiry = expiry !== undefined && expiry.trim() !== '' && tagDate(expiry) === null;
    if (missing.length === 0 && !badExpiry) return pass;
    const parts = [
      ...(missing.length > 0 ? [`is missing required tag(s) ${missing.join(', ')}`] : []),
      ...(badExpiry ? [`has ${ctx.config.expiryTag}="${expiry}", which is not a date (YYYY-MM-DD)`] : []),
    ];
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} ${parts.join(' and ')}`,
      evidence: { missingTags: missing, ...(badExpiry ? { invalidExpiry: expiry } : {}), requiredTags: ctx.config.requiredTags },
    };
  },
});
