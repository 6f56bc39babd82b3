import { bx, writeBicep, type BicepValue } from './bicep.js';
import { API, bicepBudget, bicepTags, head, tfBudget, tfTags } from './base.js';
import type { GpuSize } from './gpu-vms.js';
import { Block, hcl, type Body } from './hcl.js';
import { param, v } from './params.js';
import type { Stack } from './stack.js';

/** The system pool's size: small, general purpose; it runs only cluster add-ons. */
export const SYSTEM_POOL_SIZE = 'Standard_D4ds_v5';
/** NVIDIA device plugin release and the CUDA image of the test pod. */
export const DEVICE_PLUGIN_IMAGE = 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0';
export const CUDA_TEST_IMAGE = 'nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04';
const GPU_TAINT = 'sku=gpu:NoSchedule';
const SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';
// Built-in role "Network Contributor": the cluster identity joins nodes to a subnet it does not own.
const NETWORK_CONTRIBUTOR = 'Network Contributor';

/** AKS: a private cluster, a GPU node pool that scales from 0, the device plugin and a test pod. */
export function aks(stack: Stack, size: GpuSize): void {
  const r = stack.req;
  param(stack, { tf: 'vm_size', bicep: 'vmSize', type: 'string', description: 'GPU node size', default: r.sku ?? '' });
  param(stack, { tf: 'vm_count', bicep: 'vmCount', type: 'number', description: 'Most GPU nodes the pool scales up to (it scales down to 0)', default: r.count });
  cluster(stack);
  gpuPool(stack, size);
  if (!stack.has('allow-no-budget')) nodeBudget(stack);
  manifests(stack);
  const price = r.spot ? size.spotPerHour : size.pricePerHour;
  stack.items.push(
    { address: 'azurerm_kubernetes_cluster.main', instances: 1, infra: `AKS cluster with a private API server, system pool of 1-3 x ${SYSTEM_POOL_SIZE}`, ai: 'the scheduler for training jobs and inference deployments; only reachable from inside the VNet', perHour: null },
    { address: 'azurerm_kubernetes_cluster_node_pool.gpu', instances: r.count, infra: `GPU node pool: 0-${r.count} x ${size.name}${r.spot ? ' (Spot)' : ''}, taint ${GPU_TAINT}, driver installed by AKS`, ai: 'the GPU workers: pods that request nvidia.com/gpu land here; at 0 nodes an idle pool costs nothing', perHour: price === null ? null : price * r.count, guardrail: 'scale to 0 (autoscale minimum 0)' },
  );
}

function cluster(stack: Stack): void {
  const tags = tfTags(stack);
  stack.tf.push(
    {
      keyword: 'resource', labels: ['azurerm_kubernetes_cluster', 'main'], comment: 'Private API server, Entra ID with Azure RBAC, no local accounts.',
      body: [
        ...head(hcl('"${var.name}-aks"')), ['dns_prefix', v('name')], ['node_resource_group', hcl('"rg-${var.name}-aks-nodes"')],
        ['private_cluster_enabled', true], ['local_account_disabled', true],
        ['role_based_access_control_enabled', true], ['oidc_issuer_enabled', true], ['workload_identity_enabled', true], ...tags,
        ['default_node_pool', new Block([
          ['name', 'system'], ['vm_size', SYSTEM_POOL_SIZE], ['vnet_subnet_id', hcl('azurerm_subnet.compute.id')], ['only_critical_addons_enabled', true],
          ['auto_scaling_enabled', true], ['min_count', 1], ['max_count', 3], ['node_public_ip_enabled', false], ...tags,
        ])],
        ['identity', new Block([['type', 'SystemAssigned']])],
        ['azure_active_directory_role_based_access_control', new Block([['azure_rbac_enabled', true]])],
        ['network_profile', new Block([['network_plugin', 'azure'], ['network_plugin_mode', 'overlay'], ['outbound_type', 'userAssignedNATGateway']])],
        // userAssignedNATGateway needs the subnet's NAT gateway (and its NSG) in place before the cluster.
        ['depends_on', [hcl('azurerm_subnet_nat_gateway_association.compute'), hcl('azurerm_subnet_network_security_group_association.compute')]],
      ],
    },
    {
      keyword: 'resource', labels: ['azurerm_role_assignment', 'aks_network'],
      body: [['scope', hcl('azurerm_virtual_network.main.id')], ['role_definition_name', NETWORK_CONTRIBUTOR], ['principal_id', hcl('azurerm_kubernetes_cluster.main.identity[0].principal_id')]],
    },
  );
  stack.bicep.push({
    kind: 'resource', symbol: 'aks', type: 'Microsoft.ContainerService/managedClusters', apiVersion: API.aks, comment: 'Private API server, Entra ID with Azure RBAC, no local accounts.',
    body: {
      name: bx("'${name}-aks'"), location: bx('location'), ...bicepTags(stack), identity: { type: 'SystemAssigned' },
      properties: {
        dnsPrefix: bx('name'), nodeResourceGroup: bx("'rg-${name}-aks-nodes'"), enableRBAC: true, disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true },
        apiServerAccessProfile: { enablePrivateCluster: true },
        oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } },
        networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', outboundType: 'userAssignedNATGateway' },
        agentPoolProfiles: [{
          name: 'system', mode: 'System', vmSize: SYSTEM_POOL_SIZE, vnetSubnetID: bx('subnetId'), enableAutoScaling: true, minCount: 1, maxCount: 3, count: 1,
          enableNodePublicIP: false, osType: 'Linux', nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'], ...(stack.has('allow-no-tags') ? {} : { tags: bx('tags') }),
        }],
      },
    },
  });
  stack.bicep.push({
    kind: 'resource', symbol: 'aksNetwork', type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01',
    comment: 'The cluster identity joins nodes to the subnet: Network Contributor on the VNet.',
    body: {
      name: bx("guid(vnet.id, aks.id, 'network-contributor')"), scope: bx('vnet'),
      properties: { principalId: bx('aks.identity.principalId'), principalType: 'ServicePrincipal', roleDefinitionId: bx("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4d97b98b-1d4f-4787-a291-c67834d212e7')") },
    },
  });
}

function gpuPool(stack: Stack, size: GpuSize): void {
  const r = stack.req;
  const taints = r.spot ? [GPU_TAINT, SPOT_TAINT] : [GPU_TAINT];
  const spot: Body = r.spot ? [['priority', 'Spot'], ['eviction_policy', 'Delete'], ['spot_max_price', -1]] : [];
  const scaling: Body = stack.has('allow-no-shutdown')
    ? [['auto_scaling_enabled', false], ['node_count', v('vm_count')]]
    : [['auto_scaling_enabled', true], ['min_count', 0], ['max_count', v('vm_count')]];
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_kubernetes_cluster_node_pool', 'gpu'], comment: `${size.name} (${size.gpus}); AKS installs the NVIDIA driver (gpu_driver = "Install").`,
    body: [
      ['name', 'gpu'], ['kubernetes_cluster_id', hcl('azurerm_kubernetes_cluster.main.id')], ['vm_size', v('vm_size')], ['vnet_subnet_id', hcl('azurerm_subnet.compute.id')],
      ['os_sku', 'Ubuntu'], ['gpu_driver', 'Install'], ...scaling, ['node_public_ip_enabled', false], ['node_taints', taints], ...spot,
      ['node_labels', { accelerator: 'nvidia' }], ...tfTags(stack),
    ],
  });
  const bscaling: Record<string, BicepValue> = stack.has('allow-no-shutdown')
    ? { enableAutoScaling: false, count: bx('vmCount') }
    : { enableAutoScaling: true, minCount: 0, maxCount: bx('vmCount'), count: 0 };
  stack.bicep.push({
    kind: 'resource', symbol: 'gpuPool', type: 'Microsoft.ContainerService/managedClusters/agentPools', apiVersion: API.aks, comment: `${size.name} (${size.gpus}); AKS installs the NVIDIA driver.`,
    body: {
      parent: bx('aks'), name: 'gpu',
      properties: {
        mode: 'User', vmSize: bx('vmSize'), osType: 'Linux', osSKU: 'Ubuntu', vnetSubnetID: bx('subnetId'), ...bscaling, enableNodePublicIP: false,
        nodeTaints: taints, nodeLabels: { accelerator: 'nvidia' },
        ...(r.spot ? { scaleSetPriority: 'Spot', scaleSetEvictionPolicy: 'Delete', spotMaxPrice: -1 } : {}),
        ...(stack.has('allow-no-tags') ? {} : { tags: bx('tags') }),
      },
    },
  });
  stack.outputs.push({ keyword: 'output', labels: ['aks_name'], body: [['description', 'AKS cluster name (az aks get-credentials --name ...)'], ['value', hcl('azurerm_kubernetes_cluster.main.name')]] });
  stack.bicepOutputs.push({ kind: 'output', name: 'aksName', type: 'string', value: bx('aks.name') });
}

/** The NVIDIA device plugin DaemonSet and a pod that asks for one GPU and runs nvidia-smi. */
function manifests(stack: Stack): void {
  const spotToleration = stack.req.spot
    ? '\n      - key: kubernetes.azure.com/scalesetpriority\n        operator: Equal\n        value: spot\n        effect: NoSchedule'
    : '';
  stack.files['k8s/nvidia-device-plugin.yaml'] = `# NVIDIA device plugin: advertises nvidia.com/gpu on the GPU nodes so pods can request GPUs.
# AKS installs the driver on the gpu pool; the plugin is still yours to deploy:
#   kubectl apply -f k8s/nvidia-device-plugin.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: gpu-resources
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: nvidia-device-plugin-daemonset
  namespace: gpu-resources
spec:
  selector:
    matchLabels:
      name: nvidia-device-plugin-ds
  updateStrategy:
    type: RollingUpdate
  template:
    metadata:
      labels:
        name: nvidia-device-plugin-ds
    spec:
      nodeSelector:
        accelerator: nvidia
      tolerations:
      - key: sku
        operator: Equal
        value: gpu
        effect: NoSchedule${spotToleration}
      priorityClassName: system-node-critical
      containers:
      - name: nvidia-device-plugin-ctr
        image: ${DEVICE_PLUGIN_IMAGE}
        env:
        - name: FAIL_ON_INIT_ERROR
          value: "false"
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop: ["ALL"]
        volumeMounts:
        - name: device-plugin
          mountPath: /var/lib/kubelet/device-plugins
      volumes:
      - name: device-plugin
        hostPath:
          path: /var/lib/kubelet/device-plugins
`;
  stack.files['k8s/gpu-test-pod.yaml'] = `# A pod that requests one GPU and prints nvidia-smi: the "hello world" of a GPU pool.
#   kubectl apply -f k8s/gpu-test-pod.yaml && kubectl logs -f gpu-test
# The pool scales up from 0 for it (a few minutes), and back to 0 after it ends.
apiVersion: v1
kind: Pod
metadata:
  name: gpu-test
spec:
  restartPolicy: Never
  nodeSelector:
    accelerator: nvidia
  tolerations:
  - key: sku
    operator: Equal
    value: gpu
    effect: NoSchedule${spotToleration.replace(/\n {6}/g, '\n  ')}
  containers:
  - name: cuda
    image: ${CUDA_TEST_IMAGE}
    command: ["nvidia-smi"]
    resources:
      limits:
        nvidia.com/gpu: 1
`;
}

/**
 * AKS bills node VMs in the node resource group, which the main resource group's budget does not see:
 * the same budget goes there too.
 */
function nodeBudget(stack: Stack): void {
  stack.tf.push(
    { keyword: 'data', labels: ['azurerm_subscription', 'current'], body: [] },
    {
      ...tfBudget('aks_nodes', hcl('"${var.name}-aks-nodes-budget"'), hcl('"/subscriptions/${data.azurerm_subscription.current.subscription_id}/resourceGroups/${azurerm_kubernetes_cluster.main.node_resource_group}"')),
      comment: 'AKS bills the GPU nodes in the node resource group: the budget goes there too.',
    },
  );
  stack.bicep.push({
    kind: 'module', symbol: 'nodeBudget', path: 'node-budget.bicep', comment: 'AKS bills the GPU nodes in the node resource group: the budget goes there too.',
    body: {
      // A module's scope must be known when the deployment starts: the name, not aks.properties.nodeResourceGroup.
      name: 'node-budget', scope: bx("resourceGroup('rg-${name}-aks-nodes')"), dependsOn: [bx('aks')],
      params: { budgetName: bx("'${name}-aks-nodes-budget'"), budgetAmount: bx('budgetAmount'), budgetStartDate: bx('budgetStartDate'), notifyEmail: bx('notifyEmail') },
    },
  });
  stack.files['node-budget.bicep'] = writeBicep([
    { kind: 'targetScope', value: 'resourceGroup' },
    { kind: 'param', name: 'budgetName', type: 'string' },
    { kind: 'param', name: 'budgetAmount', type: 'int' },
    { kind: 'param', name: 'budgetStartDate', type: 'string' },
    { kind: 'param', name: 'notifyEmail', type: 'string' },
    bicepBudget('budget', bx('budgetName'), 'budgetAmount', 'budgetStartDate', 'notifyEmail'),
  ], 'The monthly budget of the AKS node resource group, deployed by main.bicep.');
  stack.items.push({ address: 'azurerm_consumption_budget_resource_group.aks_nodes', instances: 1, infra: 'the same monthly budget on the AKS node resource group', ai: 'AKS bills the GPU nodes in its own resource group: without this budget the GPUs would be outside the alarm', perHour: 0, guardrail: 'budget with alerts' });
}
