import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { VARIANTS, provision } from '../support/provision.js';

// Bicep structure: every resource has an API version, names respect Azure's limits, every reference
// resolves to a declaration, and the resources are the same as the Terraform output's.

// What each azurerm type deploys, as ARM types (written here from the azurerm docs, not from gpuops' code).
// Types whose ARM resource Bicep declares inline in a parent (subnets, associations) map to null.
const ARM: Record<string, string | null> = {
  azurerm_resource_group: null, // Bicep deploys into an existing resource group (created with az group create)
  azurerm_virtual_network: 'Microsoft.Network/virtualNetworks',
  azurerm_subnet: null,
  azurerm_subnet_network_security_group_association: null,
  azurerm_subnet_nat_gateway_association: null,
  azurerm_nat_gateway_public_ip_association: null,
  azurerm_network_security_group: 'Microsoft.Network/networkSecurityGroups',
  azurerm_public_ip: 'Microsoft.Network/publicIPAddresses',
  azurerm_nat_gateway: 'Microsoft.Network/natGateways',
  azurerm_network_interface: 'Microsoft.Network/networkInterfaces',
  azurerm_linux_virtual_machine: 'Microsoft.Compute/virtualMachines',
  azurerm_linux_virtual_machine_scale_set: 'Microsoft.Compute/virtualMachineScaleSets',
  azurerm_virtual_machine_extension: 'Microsoft.Compute/virtualMachines/extensions',
  azurerm_proximity_placement_group: 'Microsoft.Compute/proximityPlacementGroups',
  azurerm_dev_test_global_vm_shutdown_schedule: 'Microsoft.DevTestLab/schedules',
  azurerm_monitor_autoscale_setting: 'Microsoft.Insights/autoscalesettings',
  azurerm_consumption_budget_resource_group: 'Microsoft.Consumption/budgets',
  azurerm_management_lock: 'Microsoft.Authorization/locks',
  azurerm_resource_group_policy_assignment: 'Microsoft.Authorization/policyAssignments',
  azurerm_role_assignment: 'Microsoft.Authorization/roleAssignments',
  azurerm_storage_account: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_container: 'Microsoft.Storage/storageAccounts/blobServices/containers',
  azurerm_storage_management_policy: 'Microsoft.Storage/storageAccounts/managementPolicies',
  azurerm_private_dns_zone: 'Microsoft.Network/privateDnsZones',
  azurerm_private_dns_zone_virtual_network_link: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  azurerm_private_endpoint: 'Microsoft.Network/privateEndpoints',
  azurerm_cognitive_account: 'Microsoft.CognitiveServices/accounts',
  azurerm_kubernetes_cluster: 'Microsoft.ContainerService/managedClusters',
  azurerm_kubernetes_cluster_node_pool: 'Microsoft.ContainerService/managedClusters/agentPools',
};
// Child resources Bicep declares separately that azurerm folds into a parent (blobServices/default, zone groups).
const BICEP_ONLY = new Set(['Microsoft.Storage/storageAccounts/blobServices', 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups']);
const BUILTINS = new Set(['resourceId', 'range', 'guid', 'union', 'string', 'subscriptionResourceId', 'resourceGroup', 'for', 'in', 'i', 'true', 'false', 'null', 'if']);

interface Bicep {
  resources: Array<{ symbol: string; type: string; api: string }>;
  declared: Set<string>;
  params: Record<string, string>;
  text: string;
}

function read(text: string): Bicep {
  const resources = [...text.matchAll(/^resource (\w+) '([^@']+)@([^']+)'/gm)].map((m) => ({ symbol: m[1]!, type: m[2]!, api: m[3]! }));
  const declared = new Set([...text.matchAll(/^(?:param|var|resource|output|module) (\w+)/gm)].map((m) => m[1]!));
  const params = Object.fromEntries([...text.matchAll(/^param (\w+) \w+ = '([^']*)'/gm)].map((m) => [m[1]!, m[2]!]));
  return { resources, declared, params, text };
}

/** Identifiers used as values: outside strings, plus inside `${...}` interpolations. */
function references(text: string): string[] {
  const body = text.split('\n').filter((l) => !l.startsWith('//') && !/^(param|resource|module|output|targetScope|@description)/.test(l)).join('\n');
  const code: string[] = [];
  body.replace(/'((?:\\.|[^'\\])*)'|([^']+)/g, (_all, str: string | undefined, other: string | undefined) => {
    if (str !== undefined) for (const m of str.matchAll(/\$\{([^}]*)\}/g)) code.push(m[1]!);
    else code.push(other!);
    return '';
  });
  const ids: string[] = [];
  for (const chunk of code) {
    // `key:` names a property; anything after `.` is a member; the rest are references.
    const cleaned = chunk.replace(/^\s*[\w'-]+:/gm, ':').replace(/\.\w+/g, '').replace(/\b\d+\b/g, '');
    for (const m of cleaned.matchAll(/\b([A-Za-z_]\w*)\b/g)) ids.push(m[1]!);
  }
  return [...new Set(ids)].filter((id) => !BUILTINS.has(id) && id !== 'var');
}

/** The name a resource gets with the parameter defaults, when it is a literal or a template of parameters. */
function names(b: Bicep): Array<{ symbol: string; type: string; name: string }> {
  const out: Array<{ symbol: string; type: string; name: string }> = [];
  for (const r of b.resources) {
    const start = b.text.indexOf(`resource ${r.symbol} `);
    const m = /\n {2}name: ('[^'\n]*'|\w+)\n/.exec(b.text.slice(start));
    if (!m) continue;
    let name = m[1]!.startsWith("'") ? m[1]!.slice(1, -1) : b.params[m[1]!] ?? '';
    name = name.replace(/\$\{(\w+)\}/g, (_a, p: string) => (p === 'i' ? '99' : b.params[p] ?? `\${${p}}`));
    if (!name.includes('${')) out.push({ symbol: r.symbol, type: r.type, name });
  }
  return out;
}

// Azure naming rules for the types gpuops names (Microsoft Learn "Naming rules and restrictions").
const LIMITS: Record<string, RegExp> = {
  'Microsoft.Storage/storageAccounts': /^[a-z0-9]{3,24}$/,
  'Microsoft.Compute/virtualMachines': /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$/,
  'Microsoft.Network/virtualNetworks': /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$/,
  'Microsoft.CognitiveServices/accounts': /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/,
  'Microsoft.ContainerService/managedClusters': /^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]$/,
  'Microsoft.ContainerService/managedClusters/agentPools': /^[a-z][a-z0-9]{0,11}$/,
};

describe('generated Bicep', () => {
  it.each(VARIANTS)('%s: API versions, names, references and the same resources as Terraform', async (_name, args) => {
    const [bicepRun, tfRun] = await Promise.all([provision([...args, '--format', 'bicep']), provision([...args, '--format', 'terraform'])]);
    expect(bicepRun.run.code).toBe(0);
    const b = read(bicepRun.files['main.bicep']!);
    expect(b.resources.length).toBeGreaterThan(5);
    for (const r of b.resources) expect(r.api, `${r.symbol} ${r.type}`).toMatch(/^20\d{2}-\d{2}-\d{2}(-preview)?$/);
    expect(references(b.text).filter((id) => !b.declared.has(id))).toEqual([]);
    for (const n of names(b)) {
      expect(n.name.length, `${n.symbol} name ${n.name}`).toBeLessThanOrEqual(80);
      if (LIMITS[n.type]) expect(n.name, `${n.type} ${n.symbol}`).toMatch(LIMITS[n.type]!);
    }
    const parsed = (await parse('main.tf', tfRun.files['main.tf']!)) as { resource: Record<string, unknown> };
    const fromTf = new Set(Object.keys(parsed.resource).map((t) => {
      expect(ARM, `no ARM type written down for ${t}`).toHaveProperty(t);
      return ARM[t];
    }).filter((t): t is string => t !== null));
    const fromBicep = new Set(b.resources.map((r) => r.type).filter((t) => !BICEP_ONLY.has(t)));
    expect([...fromBicep].sort()).toEqual([...fromTf].sort());
  });

  it('the reference check catches an undeclared symbol', () => {
    const b = read("param name string = 'x'\n\nresource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${name}-${nmae}'\n  location: lcation\n}\n");
    expect(references(b.text).filter((id) => !b.declared.has(id))).toEqual(['nmae', 'lcation']);
  });
});
