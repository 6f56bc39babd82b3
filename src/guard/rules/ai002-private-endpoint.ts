import { defineRule, pass } from '../rule.js';
import { approvedEndpoints } from './helpers.js';

export const ai002 = defineRule({
  id: 'AI002',
  title: 'Azure OpenAI / AI Services account without an approved private endpoint',
  severity: 'high',
  appliesTo: ['aiAccount'],
  gpuOnly: false,
  waste: false,
  rationale: 'A private endpoint gives the account an address inside your network, so callers and the API stay off the internet.',
  semantics: [
    'Passes when the account lists a private endpoint connection with status Approved, or the inventory holds a private endpoint targeting it with an approved connection (Terraform: an `azurerm_private_endpoint` whose `private_connection_resource_id` is the account and is not a manual connection).',
    'Fails otherwise.',
  ],
  xref: ['Azure Policy d6759c02'],
  remediation: {
    az: 'az network private-endpoint create --resource-group {resourceGroup} --name {name}-pe --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id {id} --group-id account --connection-name {name}',
    terraform: 'resource "azurerm_private_endpoint" "ai" {\n  name                = "ai-pe"\n  location            = azurerm_cognitive_account.ai.location\n  resource_group_name = azurerm_cognitive_account.ai.resource_group_name\n  subnet_id           = azurerm_subnet.endpoints.id\n  private_service_connection {\n    name                           = "ai"\n    private_connection_resource_id = azurerm_cognitive_account.ai.id\n    subresource_names              = ["account"]\n    is_manual_connection           = false\n  }\n}',
  },
  check(r, ctx) {
    if (approvedEndpoints(r, ctx).length > 0) return pass;
    return {
      outcome: 'fail',
      message: `${r.accountKind ?? 'AI'} account ${r.name} has no approved private endpoint`,
      evidence: { connections: r.privateEndpointConnections },
    };
  },
});
