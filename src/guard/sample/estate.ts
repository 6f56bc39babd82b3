import * as arm from './arm.js';

// A fictional subscription, "Contoso ML", as `az graph query`, `az consumption budget list`, `az lock list`
// and `az monitor metrics list` would print it. Dates are relative to `today`, so the sample shows the
// same problems on any day. Planted problems (what `gpuops audit --sample` must find):
//   rg-ml-train   4 x ND96isr_H100_v5 left on over a weekend at ~1% GPU with no auto-shutdown (GPU007, GPU003);
//                 train-a100-01 and vmss-batch are compliant; checkpoint storage is compliant.
//   rg-research   notebook-a100 past its expiry (GPU002); stopped-t4 stopped, not deallocated (GPU008);
//                 viz-a10 untagged, in the NSG-less dmz subnet with a public IP and SSH open on its NIC (GPU001, GPU009, GPU010);
//                 finetune-llama tagged training with no lock (GPU012); no budget covers the group (GPU005);
//                 checkpoint storage with no lifecycle policy and anonymous blob access (STG001, STG002);
//                 jumpbox is a CPU VM with the same exposure: no GPU rule applies to it.
//   rg-inference  oai-chat-prod public, key auth, no private endpoint (AI001-AI003); oai-internal compliant;
//                 the budget alerts only at 100% (GPU006); AKS pool gpufixed never scales to 0 (GPU003).
//   rg-ml-platform AML workspace public without private link (ML001, ML002), public online endpoint (ML003),
//                 GPU cluster with min 2 nodes (ML004).

type Json = Record<string, unknown>;

/** The sample estate's files, by the `az` command that would have written them. */
export interface SampleEstate {
  resourceGraph: Json[];
  budgets: Json[];
  locks: Json[];
  metrics: Json[];
}

const EAST = 'eastus';
const EAST2 = 'eastus2';

function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Contoso ML sample estate as of `today` (YYYY-MM-DD). */
export function sampleEstate(today: string): SampleEstate {
  const later = addDays(today, 60);
  const tags = (owner: string, cc: string, extra: Json = {}) => ({ owner, 'cost-center': cc, expires: later, ...extra });
  const id = arm.armId;
  const vnetId = (rg: string, name: string) => id(rg, 'Microsoft.Network/virtualNetworks', name);
  const subnetOf = (rg: string, v: string, s: string) => `${vnetId(rg, v)}/subnets/${s}`;
  const nsgId = (rg: string, name: string) => id(rg, 'Microsoft.Network/networkSecurityGroups', name);
  const nicId = (rg: string, name: string) => id(rg, 'Microsoft.Network/networkInterfaces', name);
  const vmId = (rg: string, name: string) => id(rg, 'Microsoft.Compute/virtualMachines', name);
  const end = new Date(`${today}T07:00:00Z`);
  const resources: Json[] = [];
  const metrics: Json[] = [];
  const gpuVm = (rg: string, name: string, location: string, size: string, power: string, t: Json, subnet: string, extra: { pip?: string; nsg?: string } = {}) => {
    resources.push(arm.nic(rg, `${name}-nic`, { location, subnetId: subnet, publicIpId: extra.pip, nsgId: extra.nsg }));
    resources.push(arm.vm(rg, name, { location, size, power, tags: t, nics: [nicId(rg, `${name}-nic`)] }));
  };

  // rg-ml-train: the training group, locked and budgeted.
  const train = 'rg-ml-train';
  resources.push(arm.resourceGroup(train, EAST));
  resources.push(arm.nsg(train, 'nsg-train', EAST, [{ name: 'ssh-from-bastion', priority: 100, access: 'Allow', source: '10.10.255.0/26', port: '22' }]));
  resources.push(arm.vnet(train, 'vnet-train', EAST, [{ name: 'gpu', nsgId: nsgId(train, 'nsg-train') }]));
  const trainSubnet = subnetOf(train, 'vnet-train', 'gpu');
  gpuVm(train, 'train-a100-01', EAST, 'Standard_NC24ads_A100_v4', 'running', tags('mira@contoso.example', 'CC-100', { workload: 'training' }), trainSubnet);
  resources.push(arm.shutdownSchedule(train, 'train-a100-01', EAST, 'Enabled'));
  metrics.push(arm.metrics(vmId(train, 'train-a100-01'), 'DCGM_FI_DEV_GPU_UTIL', end, 48, (h) => 70 + (h % 7) * 3));
  for (let i = 1; i <= 4; i++) {
    const name = `nd-weekend-0${i}`;
    gpuVm(train, name, EAST, 'Standard_ND96isr_H100_v5', 'running', tags('jonas@contoso.example', 'CC-100', { workload: 'training' }), trainSubnet);
    metrics.push(arm.metrics(vmId(train, name), 'DCGM_FI_DEV_GPU_UTIL', end, 60, (h) => (h < 2 ? 35 : 0.4 + (h % 5) * 0.2)));
  }
  resources.push(arm.vmss(train, 'vmss-batch', EAST, 'Standard_NC24ads_A100_v4', 0, tags('mira@contoso.example', 'CC-100'), trainSubnet));
  resources.push(arm.autoscale(train, 'vmss-batch-autoscale', EAST, id(train, 'Microsoft.Compute/virtualMachineScaleSets', 'vmss-batch'), 0));
  resources.push(arm.storage(train, 'stckptmltrain', EAST, { tags: { purpose: 'checkpoints', owner: 'mira@contoso.example' }, public: false, blobPublic: false }));
  resources.push(arm.managementPolicy(train, 'stckptmltrain'));

  // rg-research: notebooks and experiments, nobody's budget.
  const research = 'rg-research';
  resources.push(arm.resourceGroup(research, EAST2));
  resources.push(arm.nsg(research, 'nsg-research', EAST2, [{ name: 'ssh-anywhere', priority: 300, access: 'Allow', source: '*', port: '22' }]));
  resources.push(arm.nsg(research, 'nsg-research-default', EAST2, []));
  resources.push(arm.vnet(research, 'vnet-research', EAST2, [{ name: 'default', nsgId: nsgId(research, 'nsg-research-default') }, { name: 'dmz' }]));
  const researchSubnet = subnetOf(research, 'vnet-research', 'default');
  const dmzSubnet = subnetOf(research, 'vnet-research', 'dmz');
  gpuVm(research, 'notebook-a100', EAST2, 'Standard_NC24ads_A100_v4', 'running', { ...tags('li@contoso.example', 'CC-200'), expires: addDays(today, -12) }, researchSubnet);
  resources.push(arm.shutdownSchedule(research, 'notebook-a100', EAST2, 'Enabled'));
  metrics.push(arm.metrics(vmId(research, 'notebook-a100'), 'Percentage CPU', end, 48, (h) => 20 + (h % 4) * 5));
  gpuVm(research, 'stopped-t4', EAST2, 'Standard_NC4as_T4_v3', 'stopped', tags('li@contoso.example', 'CC-200'), researchSubnet);
  resources.push(arm.shutdownSchedule(research, 'stopped-t4', EAST2, 'Enabled'));
  resources.push(arm.publicIp(research, 'viz-a10-pip', EAST2, '20.62.14.7'));
  gpuVm(research, 'viz-a10', EAST2, 'Standard_NV36ads_A10_v5', 'running', { owner: 'sam@contoso.example' }, dmzSubnet,
    { pip: id(research, 'Microsoft.Network/publicIPAddresses', 'viz-a10-pip'), nsg: nsgId(research, 'nsg-research') });
  resources.push(arm.shutdownSchedule(research, 'viz-a10', EAST2, 'Enabled'));
  metrics.push(arm.metrics(vmId(research, 'viz-a10'), 'Percentage CPU', end, 48, (h) => 40 + (h % 3) * 10));
  gpuVm(research, 'finetune-llama', EAST2, 'Standard_NC24ads_A100_v4', 'deallocated', tags('li@contoso.example', 'CC-200', { workload: 'training' }), researchSubnet);
  resources.push(arm.shutdownSchedule(research, 'finetune-llama', EAST2, 'Enabled'));
  resources.push(arm.publicIp(research, 'jumpbox-pip', EAST2, '20.62.14.8'));
  resources.push(arm.nic(research, 'jumpbox-nic', { location: EAST2, subnetId: dmzSubnet, publicIpId: id(research, 'Microsoft.Network/publicIPAddresses', 'jumpbox-pip'), nsgId: nsgId(research, 'nsg-research') }));
  resources.push(arm.vm(research, 'jumpbox', { location: EAST2, size: 'Standard_D4s_v3', power: 'running', tags: {}, nics: [nicId(research, 'jumpbox-nic')] }));
  resources.push(arm.storage(research, 'stckptresearch', EAST2, { tags: { purpose: 'checkpoints' }, public: false, blobPublic: true }));

  // rg-inference: the serving side.
  const inference = 'rg-inference';
  resources.push(arm.resourceGroup(inference, EAST2));
  resources.push(arm.nsg(inference, 'nsg-inference', EAST2, []));
  resources.push(arm.vnet(inference, 'vnet-inference', EAST2, [{ name: 'apps', nsgId: nsgId(inference, 'nsg-inference') }, { name: 'endpoints' }]));
  gpuVm(inference, 'vllm-a10', EAST2, 'Standard_NV36ads_A10_v5', 'running', tags('apps@contoso.example', 'CC-300'), subnetOf(inference, 'vnet-inference', 'apps'));
  resources.push(arm.shutdownSchedule(inference, 'vllm-a10', EAST2, 'Enabled'));
  metrics.push(arm.metrics(vmId(inference, 'vllm-a10'), 'DCGM_FI_DEV_GPU_UTIL', end, 72, (h) => 45 + (h % 12) * 4));
  const oaiInternal = id(inference, 'Microsoft.CognitiveServices/accounts', 'oai-internal');
  const peId = id(inference, 'Microsoft.Network/privateEndpoints', 'oai-internal-pe');
  resources.push(arm.aiAccount(inference, 'oai-chat-prod', { location: EAST2, kind: 'OpenAI', public: true, localAuth: true }));
  resources.push(arm.aiAccount(inference, 'oai-internal', { location: EAST2, kind: 'OpenAI', public: false, localAuth: false, peId }));
  resources.push(arm.privateEndpoint(inference, 'oai-internal-pe', EAST2, oaiInternal, subnetOf(inference, 'vnet-inference', 'endpoints')));
  resources.push(arm.aks(inference, 'aks-inference', EAST2, [
    { name: 'system', vmSize: 'Standard_D4s_v5', count: 3, enableAutoScaling: false, mode: 'System' },
    { name: 'gpu', vmSize: 'Standard_NC24ads_A100_v4', count: 0, enableAutoScaling: true, minCount: 0, maxCount: 4, mode: 'User' },
    { name: 'gpufixed', vmSize: 'Standard_NC24ads_A100_v4', count: 2, enableAutoScaling: false, mode: 'User' },
  ]));

  // rg-ml-platform: Azure ML.
  const platform = 'rg-ml-platform';
  resources.push(arm.resourceGroup(platform, EAST));
  resources.push(arm.mlWorkspace(platform, 'mlw-research', EAST));
  resources.push(arm.mlChild(platform, 'mlw-research', 'onlineEndpoints', 'chat-endpoint', EAST, { authMode: 'Key', publicNetworkAccess: 'Enabled' }));
  resources.push(arm.mlChild(platform, 'mlw-research', 'computes', 'gpu-cluster', EAST, {
    computeType: 'AmlCompute', properties: { vmSize: 'Standard_NC24ads_A100_v4', scaleSettings: { minNodeCount: 2, maxNodeCount: 8, nodeIdleTimeBeforeScaleDown: 'PT30M' } },
  }));

  return {
    resourceGraph: resources,
    budgets: [
      arm.budget(arm.rgArmId(train), 'ml-train-monthly', 60000, { actual80: { threshold: 80, thresholdType: 'Actual' }, forecast100: { threshold: 100, thresholdType: 'Forecasted' } }),
      arm.budget(arm.rgArmId(inference), 'inference-monthly', 15000, { actual100: { threshold: 100, thresholdType: 'Actual' } }),
      arm.budget(arm.rgArmId(platform), 'ml-platform-monthly', 20000, { actual75: { threshold: 75, thresholdType: 'Actual' } }),
    ],
    locks: [arm.lock(arm.rgArmId(train), 'no-delete-training', 'CanNotDelete')],
    metrics,
  };
}
