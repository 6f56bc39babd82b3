import { defineRule, pass, unknown } from '../rule.js';

export const ai003 = defineRule({
  id: 'AI003',
  title: 'Azure OpenAI / AI Services account accepts API keys',
  severity: 'high',
  appliesTo: ['aiAccount'],
  gpuOnly: false,
  waste: false,
  rationale: 'API keys are shared secrets that end up in notebooks and chat threads and cannot say who called. Entra ID tokens can, and can be revoked per identity.',
  semantics: [
    'Fails when `disableLocalAuth` is not true (Terraform: `local_auth_enabled` true or absent, its default).',
    'Unknown when the value could not be read.',
  ],
  xref: ['CKV_AZURE_236', 'Azure Policy 71ef260a'],
  remediation: {
    az: 'az resource update --ids {id} --set properties.disableLocalAuth=true',
    terraform: 'local_auth_enabled = false',
  },
  check(r) {
    if (r.localAuth === null) return unknown('disableLocalAuth could not be read');
    if (!r.localAuth) return pass;
    return {
      outcome: 'fail',
      message: `${r.accountKind ?? 'AI'} account ${r.name} accepts API keys (local auth is on)`,
      evidence: { disableLocalAuth: false },
    };
  },
});
