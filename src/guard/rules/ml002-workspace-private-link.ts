import { defineRule, pass } from '../rule.js';
import { approvedEndpoints } from './helpers.js';

export const ml002 = defineRule({
  id: 'ML002',
  title: 'Azure ML workspace without private link',
  severity: 'high',
  appliesTo: ['mlWorkspace'],
  gpuOnly: false,
  waste: false,
  rationale: 'Without a private endpoint, clients and compute reach the workspace over public addresses even when they sit in your VNet.',
  semantics: ['Passes when the workspace has an approved private endpoint connection, or a private endpoint in the inventory targets it with one; fails otherwise (Azure Policy 45e05259).'],
  xref: ['Azure Policy 45e05259', 'CKV_AZURE_243'],
  remediation: {
    az: 'az network private-endpoint create --resource-group {resourceGroup} --name {name}-pe --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id {id} --group-id amlworkspace --connection-name {name}',
    terraform: 'resource "azurerm_private_endpoint" "ml" {\n  # ...\n  private_service_connection {\n    name                           = "ml"\n    private_connection_resource_id = azurerm_machine_learning_workspace.ml.id\n    subresource_names              = ["amlworkspace"]\n    is_manual_connection           = false\n  }\n}',
  },
  check(r, ctx) {
    if (approvedEndpoints(r, ctx).length > 0) return pass;
    return { outcome: 'fail', message: `Azure ML workspace ${r.name} has no approved private endpoint`, evidence: { connections: r.privateEndpointConnections } };
  },
});
