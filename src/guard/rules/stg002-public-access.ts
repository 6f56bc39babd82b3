import { defineRule, pass, unknown } from '../rule.js';
import { hasTag } from './helpers.js';

export const stg002 = defineRule({
  id: 'STG002',
  title: 'Checkpoint storage open to public access',
  severity: 'high',
  appliesTo: ['storage'],
  gpuOnly: false,
  waste: false,
  rationale: 'Checkpoints are the model: weights someone paid GPU-weeks for. Public network access or anonymous blob access puts them one URL away from anyone.',
  semantics: [
    'Checkpoint storage as in STG001.',
    'Fails when anonymous blob access is allowed (`allowBlobPublicAccess` true; Terraform `allow_nested_items_to_be_public`), or when public network access is on (missing counts as Enabled) and the firewall\'s default action is not Deny.',
    'Unknown when a value needed for the verdict could not be read.',
  ],
  xref: ['CKV_AZURE_59', 'CKV_AZURE_190', 'CKV2_AZURE_47', 'AVD-AZU-0007', 'Azure Policy b2982f36'],
  remediation: {
    az: 'az storage account update --ids {id} --public-network-access Disabled --allow-blob-public-access false',
    terraform: 'public_network_access_enabled   = false\nallow_nested_items_to_be_public = false',
  },
  check(r, ctx) {
    if (!hasTag(r, ctx.config.checkpointTag) && !ctx.index.groupHasGpu(r)) return null;
    const problems: string[] = [];
    if (r.allowBlobPublicAccess === true) problems.push('anonymous blob access is allowed');
    const network = r.publicNetworkAccess === false ? false : r.publicNetworkAccess === null || r.defaultAction === null ? null : r.defaultAction !== 'Deny';
    if (network === true) problems.push('public network access is on with default action Allow');
    if (problems.length === 0) {
      return network === null || r.allowBlobPublicAccess === null ? unknown('public network or blob access settings could not be read') : pass;
    }
    return {
      outcome: 'fail',
      message: `checkpoint storage account ${r.name}: ${problems.join('; ')}`,
      evidence: { allowBlobPublicAccess: r.allowBlobPublicAccess, publicNetworkAccess: r.publicNetworkAccess, defaultAction: r.defaultAction },
    };
  },
});
