#!/usr/bin/env node
// One measured run of bench/audit.mjs: generate N Resource Graph rows (plus budgets, locks and metrics),
// then, unless --baseline, convert them to an Inventory and audit it. Prints one JSON line.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2]);
const baseline = process.argv.includes('--baseline');
const SUB = '5e7b1c2d-0000-4000-8000-00000000be0c';
const SIZES = ['Standard_NC24ads_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_NC4as_T4_v3', 'Standard_D8s_v5', 'Standard_D4s_v3'];

/** A deterministic estate: groups of 10 resources (VM, NIC, NSG, public IP, schedule, storage, AI account, VNet, PE, other). */
function generate(count, first = 0) {
  const rows = [];
  const budgets = [];
  const locks = [];
  const metrics = [];
  const end = Date.parse('2026-11-27T00:00:00Z');
  for (let i = first; rows.length < count; i++) {
    const rg = `rg-${Math.floor(i / 50)}`;
    const id = (t, name) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/${t}/${name}`;
    const base = (t, name, extra) => ({ id: id(t, name), name, type: t.toLowerCase(), location: 'eastus', resourceGroup: rg, subscriptionId: SUB, tags: {}, ...extra });
    const vm = `vm-${i}`;
    const nsg = id('Microsoft.Network/networkSecurityGroups', `nsg-${i}`);
    const pip = i % 7 === 0 ? id('Microsoft.Network/publicIPAddresses', `pip-${i}`) : undefined;
    const subnet = `${id('Microsoft.Network/virtualNetworks', `vnet-${i}`)}/subnets/default`;
    const size = SIZES[i % SIZES.length];
    rows.push(
      base('Microsoft.Compute/virtualMachines', vm, {
        tags: i % 3 === 0 ? {} : { owner: 'o', 'cost-center': 'c', expires: i % 11 === 0 ? '2026-01-01' : '2027-12-31', ...(i % 13 === 0 ? { workload: 'training' } : {}) },
        properties: { hardwareProfile: { vmSize: size }, networkProfile: { networkInterfaces: [{ id: id('Microsoft.Network/networkInterfaces', `nic-${i}`) }] },
          extended: { instanceView: { powerState: { code: i % 17 === 0 ? 'PowerState/stopped' : 'PowerState/running' } } } },
      }),
      base('Microsoft.Network/networkInterfaces', `nic-${i}`, { properties: { ipConfigurations: [{ properties: { subnet: { id: subnet }, ...(pip ? { publicIPAddress: { id: pip } } : {}) } }], networkSecurityGroup: { id: nsg } } }),
      base('Microsoft.Network/networkSecurityGroups', `nsg-${i}`, { properties: { securityRules: i % 5 === 0 ? [{ name: 'ssh', properties: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', priority: 100, sourceAddressPrefix: '*', destinationPortRange: '22' } }] : [] } }),
      base('Microsoft.Network/publicIPAddresses', `pip-${i}`, { properties: { ipAddress: '20.0.0.1' } }),
      base('Microsoft.DevTestLab/schedules', `shutdown-computevm-${vm}`, { properties: { status: i % 4 === 0 ? 'Disabled' : 'Enabled', taskType: 'ComputeVmShutdownTask', targetResourceId: id('Microsoft.Compute/virtualMachines', vm) } }),
      base('Microsoft.Storage/storageAccounts', `st${i}`, { tags: i % 2 ? { purpose: 'checkpoints' } : {}, properties: { publicNetworkAccess: i % 3 ? 'Disabled' : 'Enabled', allowBlobPublicAccess: false } }),
      base('Microsoft.CognitiveServices/accounts', `ai-${i}`, { kind: 'OpenAI', properties: { publicNetworkAccess: i % 2 ? 'Enabled' : 'Disabled', disableLocalAuth: i % 2 === 0 } }),
      base('Microsoft.Network/virtualNetworks', `vnet-${i}`, { properties: { subnets: [{ id: subnet, name: 'default', properties: {} }] } }),
      base('Microsoft.Network/privateEndpoints', `pe-${i}`, { properties: { privateLinkServiceConnections: [{ properties: { privateLinkServiceId: id('Microsoft.CognitiveServices/accounts', `ai-${i}`), groupIds: ['account'], privateLinkServiceConnectionState: { status: 'Approved' } } }] } }),
      base('Microsoft.KeyVault/vaults', `kv-${i}`, {}),
    );
    if (i % 50 === 0) {
      budgets.push({ id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Consumption/budgets/b`, name: 'b', type: 'Microsoft.Consumption/budgets', amount: 1000, notifications: { a: { enabled: true, threshold: i % 100 ? 80 : 100, thresholdType: 'Actual', contactEmails: ['x'] } } });
      if (i % 150 === 0) locks.push({ id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Authorization/locks/l`, name: 'l', type: 'Microsoft.Authorization/locks', level: 'CanNotDelete' });
    }
    if (i % 5 < 3) {
      const data = Array.from({ length: 25 }, (_, h) => ({ timeStamp: new Date(end - (24 - h) * 3_600_000).toISOString(), average: i % 2 ? 2 : 40 }));
      metrics.push({ value: [{ id: `${id('Microsoft.Compute/virtualMachines', vm)}/providers/Microsoft.Insights/metrics/Percentage CPU`, type: 'Microsoft.Insights/metrics', name: { value: 'Percentage CPU' }, timeseries: [{ data }] }] });
    }
  }
  rows.length = count;
  return { rows, budgets, locks, metrics };
}

// Rows are generated and converted 10,000 at a time, as `--live` converts pages as they arrive from Resource
// Graph (RecordConverter), so the raw rows never all sit in memory at once; the baseline generates the same
// rows and drops them.
const CHUNK = 10_000;
const mod = baseline ? null : {
  ...(await import(join(root, 'dist', 'azure', 'inventory', 'files.js'))),
  ...(await import(join(root, 'dist', 'azure', 'inventory', 'metrics.js'))),
  ...(await import(join(root, 'dist', 'model', 'inventory.js'))),
  ...(await import(join(root, 'dist', 'guard', 'engine.js'))),
  ...(await import(join(root, 'dist', 'guard', 'config.js'))),
};
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const graph = mod && new mod.RecordConverter('bench');
const budgets = mod && new mod.RecordConverter('bench budgets');
const locks = mod && new mod.RecordConverter('bench locks');
const metrics = [];
let convertMs = 0;
for (let done = 0; done < n; done += CHUNK) {
  const estate = generate(Math.min(CHUNK, n - done), done / 10);
  if (!mod) continue;
  const c0 = process.hrtime.bigint();
  graph.add(estate.rows);
  budgets.add(estate.budgets);
  locks.add(estate.locks);
  for (const m of estate.metrics) metrics.push(...mod.metricsFromDocument(m, 'bench').metrics);
  convertMs += Number(process.hrtime.bigint() - c0) / 1e6;
}
let findings = null;
let auditMs = 0;
if (mod) {
  const a0 = process.hrtime.bigint();
  const inventory = mod.combineInventories([graph.finish(), budgets.finish(), locks.finish(), { resources: [], metrics, unreadable: [], sources: [] }]);
  metrics.length = 0;
  const report = mod.audit(inventory, mod.DEFAULT_CONFIG, { today: '2026-11-27' });
  findings = report.findings.length;
  auditMs = Number(process.hrtime.bigint() - a0) / 1e6;
}
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ n, baseline, totalMs: Number(t2 - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, convertMs, auditMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, findings })}\n`);
