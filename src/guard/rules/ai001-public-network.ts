import { defineRule, pass, unknown } from '../rule.js';

export const ai001 = defineRule({
  id: 'AI001',
  title: 'Azure OpenAI / AI Services account open to public networks',
  severity: 'high',
  appliesTo: ['aiAccount'],
  gpuOnly: false,
  waste: false,
  rationale: 'An inference endpoint reachable from any network leaks prompts, completions and quota to whoever holds a key or a token. Keep it on private networking.',
  semantics: [
    'Applies to every `Microsoft.CognitiveServices/accounts` account (OpenAI, AIServices and other kinds).',
    'Fails when `publicNetworkAccess` is not Disabled and `networkAcls.defaultAction` is not Deny (Azure Policy 037eea7a). A missing `publicNetworkAccess` (Terraform: `public_network_access_enabled`) counts as Enabled and a missing `networkAcls` as Allow, as the provider defaults are.',
    'Unknown when either value could not be read.',
  ],
  xref: ['CKV_AZURE_134', 'Azure Policy 037eea7a', 'Azure Policy 0725b4dd (deprecated)'],
  remediation: {
    az: 'az cognitiveservices account update --ids {id} --custom-domain {name} --api-properties "{}" && az resource update --ids {id} --set properties.publicNetworkAccess=Disabled',
    terraform: 'public_network_access_enabled = false',
  },
  check(r) {
    if (r.publicNetworkAccess === false) return pass;
    if (r.publicNetworkAccess === null) return unknown('publicNetworkAccess could not be read');
    if (r.defaultAction === 'Deny') return pass;
    if (r.defaultAction === null) return unknown('networkAcls.defaultAction could not be read');
    return {
      outcome: 'fail',
      message: `${r.accountKind ?? 'AI'} account ${r.name} accepts traffic from public networks (publicNetworkAccess Enabled, default action Allow)`,
      evidence: { accountKind: r.accountKind, publicNetworkAccess: 'Enabled', defaultAction: r.defaultAction },
    };
  },
});
