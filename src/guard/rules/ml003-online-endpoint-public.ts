import { defineRule, pass, unknown } from '../rule.js';

export const ml003 = defineRule({
  id: 'ML003',
  title: 'Azure ML online endpoint open to public networks',
  severity: 'high',
  appliesTo: ['mlEndpoint'],
  gpuOnly: false,
  waste: false,
  rationale: 'An online endpoint is a model served as an API; public access puts scoring (and its GPU bill) one leaked key away from anyone.',
  semantics: ['Fails when the endpoint\'s `publicNetworkAccess` is missing or Enabled (the ARM default); unknown when it could not be read.'],
  xref: [],
  remediation: {
    az: 'az ml online-endpoint update --name {name} --resource-group {resourceGroup} --workspace-name <workspace> --set public_network_access=disabled',
    terraform: 'public_network_access_enabled = false # azurerm_machine_learning_online_endpoint, or azapi: properties.publicNetworkAccess = "Disabled"',
  },
  check(r) {
    if (r.publicNetworkAccess === null) return unknown('publicNetworkAccess could not be read');
    if (!r.publicNetworkAccess) return pass;
    return { outcome: 'fail', message: `Azure ML online endpoint ${r.name} accepts traffic from public networks`, evidence: { publicNetworkAccess: 'Enabled', workspaceId: r.workspaceId } };
  },
});
