#!/usr/bin/env node
// Extract a trimmed azurerm provider schema (attribute and block names per resource type) from the
// published @cdktf/provider-azurerm package, so tests can check generated Terraform against it
// without installing the 270 MB package on every `npm ci`.
//
// Usage: npm install --no-save @cdktf/provider-azurerm@14.23.1 (in any folder), then
//   node scripts/extract-azurerm-schema.mjs <path to node_modules/@cdktf/provider-azurerm> > test/fixtures/provision/azurerm-schema.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The resource types gpuops provision generates (keep in step with src/provision).
const TYPES = [
  'azurerm_consumption_budget_resource_group', 'azurerm_cognitive_account', 'azurerm_dev_test_global_vm_shutdown_schedule',
  'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_linux_virtual_machine',
  'azurerm_linux_virtual_machine_scale_set', 'azurerm_management_lock', 'azurerm_monitor_autoscale_setting',
  'azurerm_nat_gateway', 'azurerm_nat_gateway_public_ip_association', 'azurerm_network_interface', 'azurerm_network_security_group', 'azurerm_public_ip', 'azurerm_subnet_nat_gateway_association', 'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link', 'azurerm_private_endpoint', 'azurerm_proximity_placement_group',
  'azurerm_resource_group', 'azurerm_resource_group_policy_assignment', 'azurerm_role_assignment', 'azurerm_storage_account', 'azurerm_storage_container', 'azurerm_storage_management_policy',
  'azurerm_subnet', 'azurerm_subnet_network_security_group_association', 'azurerm_virtual_machine_extension',
  'azurerm_virtual_network',
];

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: extract-azurerm-schema.mjs <node_modules/@cdktf/provider-azurerm>\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Map of `fooToTerraform` function name -> its returned object body, for one file. */
function mappers(src) {
  const out = new Map();
  const re = /^function (\w+)ToTerraform\(struct\) \{([\s\S]*?)^\}/gm;
  for (const m of src.matchAll(re)) out.set(m[1], m[2]);
  return out;
}

/** Attributes and nested blocks of one `return { ... }` body. */
function fields(body, fns, depth = 0) {
  const ret = body.slice(body.lastIndexOf('return {'));
  const attributes = [];
  const blocks = {};
  for (const m of ret.matchAll(/^\s+(\w+): (.+),$/gm)) {
    const [, name, expr] = m;
    const nested = /(\w+)ToTerraform\b/.exec(expr.replace(/cdktf\.\w+ToTerraform/g, ''));
    if (nested && fns.has(nested[1]) && depth < 8) blocks[name] = fields(fns.get(nested[1]), fns, depth + 1);
    else attributes.push(name);
  }
  return { attributes: attributes.sort(), blocks: Object.fromEntries(Object.entries(blocks).sort(([a], [b]) => a.localeCompare(b))) };
}

let version = null;
const resources = {};
for (const dir of readdirSync(join(root, 'lib')).filter((d) => !d.startsWith('data-'))) {
  let src;
  try {
    src = readFileSync(join(root, 'lib', dir, 'index.js'), 'utf8');
  } catch {
    continue;
  }
  const type = /\.tfResourceType = "(\w+)";/.exec(src)?.[1];
  if (!type || !TYPES.includes(type)) continue;
  version ??= /providerVersion: '([^']+)'/.exec(src)?.[1] ?? null;
  const synth = /synthesizeAttributes\(\) \{([\s\S]*?)^ {4}\}/m.exec(src);
  if (!synth) throw new Error(`${dir}: no synthesizeAttributes`);
  resources[type] = fields(synth[1], mappers(src));
}
const missing = TYPES.filter((t) => !resources[t]);
if (missing.length > 0) throw new Error(`not found in the package: ${missing.join(', ')}`);
const sorted = Object.fromEntries(Object.entries(resources).sort(([a], [b]) => a.localeCompare(b)));
process.stdout.write(`${JSON.stringify({
  source: `@cdktf/provider-azurerm@${pkg.version} (npm), generated for hashicorp/azurerm ${version}`,
  providerVersion: version,
  resources: sorted,
}, null, 1)}\n`);
