import { bx } from './bicep.js';
import { API, bicepTags, head, tfTags } from './base.js';
import { Block, hcl } from './hcl.js';
import type { Stack } from './stack.js';

/** What a private endpoint connects to. */
export interface PrivateTarget {
  /** Terraform local name and Bicep symbol stem, e.g. "openai". */
  key: string;
  /** Terraform reference to the target's id, Bicep reference to it. */
  tfId: string;
  bicepId: string;
  /** Private link sub-resource, e.g. "account", "blob". */
  subresource: string;
  /** Private DNS zone, e.g. privatelink.openai.azure.com. */
  zone: string;
  /** Bicep symbol of the target resource (for dependsOn-free references). */
  what: string;
}

/** A private endpoint in the compute subnet, its private DNS zone linked to the VNet, and the zone group. */
export function privateEndpoint(stack: Stack, t: PrivateTarget): void {
  const zoneKey = t.key;
  stack.tf.push(
    { keyword: 'resource', labels: ['azurerm_private_dns_zone', zoneKey], body: [['name', t.zone], ['resource_group_name', hcl('azurerm_resource_group.main.name')], ...tfTags(stack)] },
    {
      keyword: 'resource', labels: ['azurerm_private_dns_zone_virtual_network_link', zoneKey],
      body: [
        ['name', hcl(`"\${var.name}-${t.key}-dns-link"`)], ['resource_group_name', hcl('azurerm_resource_group.main.name')],
        ['private_dns_zone_name', hcl(`azurerm_private_dns_zone.${zoneKey}.name`)], ['virtual_network_id', hcl('azurerm_virtual_network.main.id')],
        ['registration_enabled', false], ...tfTags(stack),
      ],
    },
    {
      keyword: 'resource', labels: ['azurerm_private_endpoint', t.key],
      body: [
        ...head(hcl(`"\${var.name}-${t.key}-pe"`)), ['subnet_id', hcl('azurerm_subnet.compute.id')], ...tfTags(stack),
        ['private_service_connection', new Block([['name', `${t.key}-connection`], ['private_connection_resource_id', hcl(t.tfId)], ['subresource_names', [t.subresource]], ['is_manual_connection', false]])],
        ['private_dns_zone_group', new Block([['name', 'default'], ['private_dns_zone_ids', [hcl(`azurerm_private_dns_zone.${zoneKey}.id`)]]])],
      ],
    },
  );
  const sym = `${t.key}Pe`;
  stack.bicep.push(
    { kind: 'resource', symbol: `${t.key}Dns`, type: 'Microsoft.Network/privateDnsZones', apiVersion: API.dns, body: { name: t.zone, location: 'global', ...bicepTags(stack) } },
    {
      kind: 'resource', symbol: `${t.key}DnsLink`, type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', apiVersion: API.dns,
      body: { parent: bx(`${t.key}Dns`), name: bx(`'\${name}-${t.key}-dns-link'`), location: 'global', ...bicepTags(stack), properties: { registrationEnabled: false, virtualNetwork: { id: bx('vnet.id') } } },
    },
    {
      kind: 'resource', symbol: sym, type: 'Microsoft.Network/privateEndpoints', apiVersion: API.network,
      body: {
        name: bx(`'\${name}-${t.key}-pe'`), location: bx('location'), ...bicepTags(stack),
        properties: { subnet: { id: bx('subnetId') }, privateLinkServiceConnections: [{ name: `${t.key}-connection`, properties: { privateLinkServiceId: bx(t.bicepId), groupIds: [t.subresource] } }] },
      },
    },
    {
      kind: 'resource', symbol: `${t.key}DnsGroup`, type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', apiVersion: API.network,
      body: { parent: bx(sym), name: 'default', properties: { privateDnsZoneConfigs: [{ name: 'default', properties: { privateDnsZoneId: bx(`${t.key}Dns.id`) } }] } },
    },
  );
  stack.items.push(
    { address: `azurerm_private_endpoint.${t.key}`, instances: 1, infra: `private endpoint (sub-resource "${t.subresource}") in the compute subnet`, ai: `the only way in to ${t.what}: a private IP inside the VNet`, perHour: null, guardrail: 'private endpoint' },
    { address: `azurerm_private_dns_zone.${zoneKey}`, instances: 1, infra: `private DNS zone ${t.zone}, linked to the VNet`, ai: `makes the usual hostname of ${t.what} resolve to the private IP from inside the VNet, so SDKs need no change`, perHour: null },
  );
}
