import type { GuardCatalog } from '../../src/guard/catalog.js';
import type {
  AiAccount, Budget, Inventory, InventoryResource, Lock, MetricSeries, MlCompute, MlEndpoint, MlWorkspace, Nic, NodePool, Nsg,
  NsgRule, PrivateEndpoint, PublicIp, Schedule, Storage, StoragePolicy, Subnet, Vm, Vmss,
} from '../../src/model/inventory.js';

// Builders of inventory resources for rule tests: a compliant default, and the one field a test changes.

export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG = 'rg-gpu';

/** An ARM id in the test subscription. */
export const rid = (type: string, name: string, rg = RG) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/${type}/${name}`;
export const rgId = (rg = RG) => `/subscriptions/${SUB}/resourceGroups/${rg}`;

const base = (type: string, name: string, rg = RG) => ({
  id: rid(type, name, rg), type: type.toLowerCase(), name, location: 'eastus', subscriptionId: SUB, resourceGroup: rg,
  tags: {} as Record<string, string> | null,
});

/** Tags that satisfy GPU001 (expiry after the tests' today, 2026-11-27). */
export const GOOD_TAGS = { owner: 'ana@example.com', 'cost-center': 'CC-42', expires: '2027-01-31' };

export const vm = (name: string, over: Partial<Vm> = {}): Vm => ({
  ...base('Microsoft.Compute/virtualMachines', name), tags: { ...GOOD_TAGS }, kind: 'vm', size: 'Standard_NC24ads_A100_v4',
  powerState: 'running', nicIds: [], passwordAuth: false, ...over,
});
export const vmss = (name: string, over: Partial<Vmss> = {}): Vmss => ({
  ...base('Microsoft.Compute/virtualMachineScaleSets', name), tags: { ...GOOD_TAGS }, kind: 'vmss', size: 'Standard_NC24ads_A100_v4',
  capacity: 0, minCount: 0, autoscale: true, publicIpPerInstance: false, subnetIds: [], ...over,
});
export const nodePool = (name: string, over: Partial<NodePool> = {}): NodePool => ({
  ...base('Microsoft.ContainerService/managedClusters/agentPools', `aks/${name}`), name, tags: { ...GOOD_TAGS }, kind: 'nodePool',
  size: 'Standard_NC24ads_A100_v4', capacity: 0, minCount: 0, autoscale: true, publicIpPerInstance: false, clusterId: null, ...over,
});
export const nic = (name: string, over: Partial<Nic> = {}): Nic => ({
  ...base('Microsoft.Network/networkInterfaces', name), kind: 'nic', ipConfigurations: [{ subnetId: null, publicIpId: null }], nsgId: null, ...over,
});
export const publicIp = (name: string, ip = '20.1.2.3'): PublicIp => ({ ...base('Microsoft.Network/publicIPAddresses', name), kind: 'publicIp', ipAddress: ip });
export const rule = (over: Partial<NsgRule> = {}): NsgRule => ({
  name: 'r', direction: 'Inbound', access: 'Allow', protocol: 'Tcp', priority: 100, sourcePrefixes: ['*'], destinationPorts: ['22'], ...over,
});
export const nsg = (name: string, rules: NsgRule[] = []): Nsg => ({ ...base('Microsoft.Network/networkSecurityGroups', name), kind: 'nsg', rules });
export const subnet = (vnet: string, name: string, nsgId: string | null): Subnet => ({
  ...base('Microsoft.Network/virtualNetworks', `${vnet}/subnets/${name}`), name, kind: 'subnet', nsgId,
});
export const schedule = (vmName: string, over: Partial<Schedule> = {}): Schedule => ({
  ...base('Microsoft.DevTestLab/schedules', `shutdown-computevm-${vmName}`), kind: 'schedule',
  targetId: rid('Microsoft.Compute/virtualMachines', vmName), enabled: true, taskType: 'ComputeVmShutdownTask', notificationsEnabled: true, ...over,
});
export const budget = (name: string, scopeId: string, over: Partial<Budget> = {}): Budget => ({
  ...base('Microsoft.Consumption/budgets', name), id: `${scopeId}/providers/Microsoft.Consumption/budgets/${name}`, kind: 'budget', scopeId, amount: 1000,
  notifications: [{ enabled: true, threshold: 80, thresholdType: 'Actual', contacts: 1 }], ...over,
});
export const lock = (name: string, scopeId: string, level: Lock['level'] = 'CanNotDelete'): Lock => ({
  ...base('Microsoft.Authorization/locks', name), id: `${scopeId}/providers/Microsoft.Authorization/locks/${name}`, kind: 'lock', scopeId, level,
});
export const aiAccount = (name: string, over: Partial<AiAccount> = {}): AiAccount => ({
  ...base('Microsoft.CognitiveServices/accounts', name), kind: 'aiAccount', accountKind: 'OpenAI', publicNetworkAccess: false,
  defaultAction: 'Deny', privateEndpointConnections: [{ endpointId: rid('Microsoft.Network/privateEndpoints', `${name}-pe`), status: 'Approved' }],
  localAuth: false, ...over,
});
export const privateEndpoint = (name: string, targetId: string, status: string | null = 'Approved'): PrivateEndpoint => ({
  ...base('Microsoft.Network/privateEndpoints', name), kind: 'privateEndpoint', connections: [{ targetId, groupIds: ['account'], status }],
});
export const mlWorkspace = (name: string, over: Partial<MlWorkspace> = {}): MlWorkspace => ({
  ...base('Microsoft.MachineLearningServices/workspaces', name), kind: 'mlWorkspace', publicNetworkAccess: false, defaultAction: null,
  privateEndpointConnections: [{ endpointId: null, status: 'Approved' }], ...over,
});
export const mlEndpoint = (name: string, publicNetworkAccess: boolean | null): MlEndpoint => ({
  ...base('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', `ws/${name}`), name, kind: 'mlEndpoint', workspaceId: null, publicNetworkAccess,
});
export const mlCompute = (name: string, minNodes: number | null, size = 'Standard_NC24ads_A100_v4'): MlCompute => ({
  ...base('Microsoft.MachineLearningServices/workspaces/computes', `ws/${name}`), name, kind: 'mlCompute', workspaceId: null, size, minNodes, maxNodes: 4,
});
export const storage = (name: string, over: Partial<Storage> = {}, rg = RG): Storage => ({
  ...base('Microsoft.Storage/storageAccounts', name, rg), kind: 'storage', publicNetworkAccess: false, defaultAction: 'Deny',
  privateEndpointConnections: [], allowBlobPublicAccess: false, ...over,
});
export const storagePolicy = (accountId: string, enabledRules = 1): StoragePolicy => ({
  ...base('Microsoft.Storage/storageAccounts/managementPolicies', 'default'), id: `${accountId}/managementPolicies/default`, kind: 'storagePolicy',
  storageAccountId: accountId, enabledRules,
});

/** Hourly `Percentage CPU` (or GPU) samples at `value`% over `hours` hours ending on the tests' today. */
export function samples(resourceId: string, value: number, hours: number, metric: 'cpu' | 'gpu' = 'cpu'): MetricSeries {
  const end = Date.parse('2026-11-27T00:00:00Z');
  const points = Array.from({ length: hours + 1 }, (_, i) => ({ timestamp: new Date(end - (hours - i) * 3_600_000).toISOString(), average: value }));
  return { resourceId, metric, name: metric === 'cpu' ? 'Percentage CPU' : 'DCGM_FI_DEV_GPU_UTIL', points };
}

export function inventory(resources: InventoryResource[], metrics: MetricSeries[] = []): Inventory {
  return { resources, metrics, unreadable: [], sources: ['test'] };
}

/**
 * A catalog for rule tests, independent of the embedded one: two GPU sizes with round prices, one CPU size.
 * Test sizes: NC24ads_A100_v4 at $4/h, ND96asr_v4 at $30/h (not priced in westus), D4s_v3 carries no GPU.
 */
export const TEST_CATALOG: GuardCatalog = {
  isGpuSize: (s) => ['standard_nc24ads_a100_v4', 'standard_nd96asr_v4'].includes(s.toLowerCase()),
  gpuOf: (s) => (s.toLowerCase() === 'standard_nc24ads_a100_v4' ? { model: 'A100', count: 1 } : s.toLowerCase() === 'standard_nd96asr_v4' ? { model: 'A100', count: 8 } : null),
  hourlyPrice: (s, region) => (region === 'westus' ? null : s.toLowerCase() === 'standard_nc24ads_a100_v4' ? 4 : s.toLowerCase() === 'standard_nd96asr_v4' ? 30 : null),
  pricesAsOf: '2026-01-01',
};
