import { defineRule, pass, unknown } from '../rule.js';

export const ml001 = defineRule({
  id: 'ML001',
  title: 'Azure ML workspace open to public networks',
  severity: 'high',
  appliesTo: ['mlWorkspace'],
  gpuOnly: false,
  waste: false,
  rationale: 'A public workspace exposes its studio, data and model registry to the internet behind a login page only.',
  semantics: [
    'Fails when `publicNetworkAccess` is missing or not Disabled (Azure Policy 438c38d2; Terraform `public_network_access_enabled` defaults to true).',
    'Unknown when it could not be read.',
  ],
  xref: ['CKV_AZURE_144', 'CKV2_AZURE_49', 'Azure Policy 438c38d2'],
  remediation: {
    az: 'az ml workspace update --name {name} --resource-group {resourceGroup} --public-network-access Disabled',
    terraform: 'public_network_access_enabled = false',
  },
  check(r) {
    if (r.publicNetworkAccess === null) return unknown('publicNetworkAccess could not be read');
    if (!r.publicNetworkAccess) return pass;
    return { outcome: 'fail', message: `Azure ML workspace ${r.name} allows public network access`, evidence: { publicNetworkAccess: 'Enabled' } };
  },
});
