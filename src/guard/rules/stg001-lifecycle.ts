import { defineRule, pass } from '../rule.js';
import { hasTag } from './helpers.js';

export const stg001 = defineRule({
  id: 'STG001',
  title: 'Checkpoint storage without a lifecycle policy',
  severity: 'medium',
  appliesTo: ['storage'],
  gpuOnly: false,
  waste: false,
  rationale: 'Training writes a checkpoint every few hundred steps, each as large as the model and its optimizer state; without a lifecycle rule they stay in the hot tier forever.',
  semantics: [
    'Checkpoint storage: a storage account tagged `purpose=checkpoints` (config `checkpointTag`), or one in a resource group that holds GPU compute.',
    'Passes when a lifecycle management policy (`managementPolicies/default`; Terraform `azurerm_storage_management_policy`) with at least one enabled rule is on the account.',
    'Resource Graph does not list management policies: give a bundle from `gpuops inventory export` (or use --live) so this rule can see them.',
  ],
  xref: [],
  remediation: {
    az: 'az storage account management-policy create --account-name {name} --resource-group {resourceGroup} --policy @policy.json',
    terraform: 'resource "azurerm_storage_management_policy" "ckpt" {\n  storage_account_id = azurerm_storage_account.ckpt.id\n  rule {\n    name    = "age-out-checkpoints"\n    enabled = true\n    filters { blob_types = ["blockBlob"] }\n    actions {\n      base_blob {\n        tier_to_cool_after_days_since_modification_greater_than = 7\n        delete_after_days_since_modification_greater_than       = 90\n      }\n    }\n  }\n}',
  },
  check(r, ctx) {
    if (!hasTag(r, ctx.config.checkpointTag) && !ctx.index.groupHasGpu(r)) return null;
    const policies = ctx.index.policiesFor(r.id).filter((p) => p.enabledRules > 0);
    if (policies.length > 0) return pass;
    return { outcome: 'fail', message: `checkpoint storage account ${r.name} has no lifecycle policy with an enabled rule`, evidence: { policies: ctx.index.policiesFor(r.id).map((p) => p.id) } };
  },
});
