import { makeResource, type InventoryResource, type NsgRule, type ResourceBase } from '../../model/inventory.js';

// One azurerm resource (its type, address and planned values) -> inventory resources. Pure: the plan
// reader and an HCL reader both feed it. Where a value is unknown until apply, `refs` gives what the
// configuration's references resolve to: `terraform:<address>` for an id, the referenced value otherwise.
// Provider defaults count: a missing `public_network_access_enabled` is true, as azurerm applies it.

/** Attribute path (`network_interface_ids`, `ip_configuration.0.public_ip_address_id`) -> resolved values. */
export type TerraformRefs = Record<string, string[]>;

type Values = Record<string, unknown>;

/** ARM resource types of the azurerm types gpuops reads. */
export const ARM_TYPES: Record<string, string> = {
  azurerm_resource_group: 'microsoft.resources/resourcegroups',
  azurerm_linux_virtual_machine: 'microsoft.compute/virtualmachines',
  azurerm_windows_virtual_machine: 'microsoft.compute/virtualmachines',
  azurerm_virtual_machine: 'microsoft.compute/virtualmachines',
  azurerm_linux_virtual_machine_scale_set: 'microsoft.compute/virtualmachinescalesets',
  azurerm_windows_virtual_machine_scale_set: 'microsoft.compute/virtualmachinescalesets',
  azurerm_orchestrated_virtual_machine_scale_set: 'microsoft.compute/virtualmachinescalesets',
  azurerm_kubernetes_cluster: 'microsoft.containerservice/managedclusters',
  azurerm_kubernetes_cluster_node_pool: 'microsoft.containerservice/managedclusters/agentpools',
  azurerm_network_interface: 'microsoft.network/networkinterfaces',
  azurerm_public_ip: 'microsoft.network/publicipaddresses',
  azurerm_network_security_group: 'microsoft.network/networksecuritygroups',
  azurerm_subnet: 'microsoft.network/virtualnetworks/subnets',
  azurerm_dev_test_global_vm_shutdown_schedule: 'microsoft.devtestlab/schedules',
  azurerm_consumption_budget_resource_group: 'microsoft.consumption/budgets',
  azurerm_consumption_budget_subscription: 'microsoft.consumption/budgets',
  azurerm_management_lock: 'microsoft.authorization/locks',
  azurerm_cognitive_account: 'microsoft.cognitiveservices/accounts',
  azurerm_ai_services: 'microsoft.cognitiveservices/accounts',
  azurerm_private_endpoint: 'microsoft.network/privateendpoints',
  azurerm_storage_account: 'microsoft.storage/storageaccounts',
  azurerm_storage_management_policy: 'microsoft.storage/storageaccounts/managementpolicies',
  azurerm_machine_learning_workspace: 'microsoft.machinelearningservices/workspaces',
  azurerm_machine_learning_compute_cluster: 'microsoft.machinelearningservices/workspaces/computes',
};

/** A reader over one resource's values with its references as fallback. */
function reader(values: Values, refs: TerraformRefs) {
  const at = (path: string): unknown => {
    let cur: unknown = values;
    for (const part of path.split('.')) {
      if (cur === null || cur === undefined) return undefined;
      cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Values)[part];
    }
    return cur;
  };
  const ref = (path: string): string[] => refs[path] ?? refs[path.replace(/\.\d+(?=\.|$)/g, '')] ?? [];
  return {
    at,
    str(path: string): string | null {
      const v = at(path);
      if (typeof v === 'string' && v !== '') return v;
      return ref(path)[0] ?? null;
    },
    strs(path: string): string[] {
      const v = at(path);
      const known = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
      return known.length > 0 ? known : ref(path);
    },
    bool(path: string, dflt: boolean | null): boolean | null {
      const v = at(path);
      return typeof v === 'boolean' ? v : v === undefined || v === null ? dflt : null;
    },
    int(path: string): number | null {
      const v = at(path);
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
    },
    blocks(path: string): Values[] {
      const v = at(path);
      return Array.isArray(v) ? v.filter((x): x is Values => x !== null && typeof x === 'object') : [];
    },
    tags(): Record<string, string> | null {
      const v = at('tags');
      if (v === undefined || v === null) return {};
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
    },
  };
}

function nsgRules(blocks: Values[]): NsgRule[] {
  const list = (one: unknown, many: unknown): string[] => [
    ...(typeof one === 'string' && one !== '' ? [one] : []),
    ...(Array.isArray(many) ? many.filter((x): x is string => typeof x === 'string') : []),
  ];
  return blocks.map((b) => ({
    name: String(b.name ?? ''),
    direction: b.direction === 'Outbound' ? 'Outbound' : 'Inbound',
    access: b.access === 'Deny' ? 'Deny' : 'Allow',
    protocol: String(b.protocol ?? '*'),
    priority: typeof b.priority === 'number' ? b.priority : 4096,
    sourcePrefixes: list(b.source_address_prefix, b.source_address_prefixes),
    destinationPorts: list(b.destination_port_range, b.destination_port_ranges),
  }));
}

/** The inventory resources one azurerm resource stands for ([] for data-only types, `other` for the rest). */
export function mapTerraformResource(type: string, address: string, values: Values, refs: TerraformRefs = {}): InventoryResource[] {
  const v = reader(values, refs);
  const id = v.str('id') ?? `terraform:${address}`;
  const base = {
    id, type: ARM_TYPES[type] ?? type, name: v.str('name') ?? address.split('.').pop()!, location: v.str('location'),
    subscriptionId: null, resourceGroup: v.str('resource_group_name'), tags: v.tags(), address,
  };
  const network = (pnaAttr: string) => ({
    publicNetworkAccess: v.bool(pnaAttr, true),
    defaultAction: ((a) => (a === 'Deny' || a === 'Allow' ? a : a === null ? 'Allow' : null))(v.str('network_acls.0.default_action') ?? v.str('network_rules.0.default_action')) as 'Allow' | 'Deny' | null,
    privateEndpointConnections: [],
  });
  switch (type) {
    case 'azurerm_resource_group':
      return [makeResource({ ...base, resourceGroup: base.name }, 'resourceGroup', {})];
    case 'azurerm_linux_virtual_machine':
    case 'azurerm_windows_virtual_machine':
    case 'azurerm_virtual_machine':
      return [makeResource(base, 'vm', {
        size: v.str('size') ?? v.str('vm_size'), powerState: null, nicIds: v.strs('network_interface_ids'),
        passwordAuth: type === 'azurerm_linux_virtual_machine' ? !v.bool('disable_password_authentication', true) : null,
      })];
    case 'azurerm_linux_virtual_machine_scale_set':
    case 'azurerm_windows_virtual_machine_scale_set':
    case 'azurerm_orchestrated_virtual_machine_scale_set': {
      const ipConfigs = v.blocks('network_interface').flatMap((n) => (Array.isArray(n.ip_configuration) ? (n.ip_configuration as Values[]) : []));
      return [makeResource(base, 'vmss', {
        size: v.str('sku') ?? v.str('sku_name'), capacity: v.int('instances'), autoscale: false, minCount: null,
        publicIpPerInstance: ipConfigs.some((c) => Array.isArray(c.public_ip_address) && c.public_ip_address.length > 0),
        subnetIds: ipConfigs.flatMap((c) => (typeof c.subnet_id === 'string' ? [c.subnet_id] : [])),
      })];
    }
    case 'azurerm_kubernetes_cluster': {
      const pool = v.blocks('default_node_pool')[0];
      const out: InventoryResource[] = [makeResource(base, 'aks', {})];
      // Node VMs are billed in the node resource group; when the configuration names it, the pool is there.
      if (pool) out.push(nodePool(`${address}.default_node_pool`, pool, id, { ...base, resourceGroup: v.str('node_resource_group') ?? base.resourceGroup }));
      return out;
    }
    case 'azurerm_kubernetes_cluster_node_pool':
      return [nodePool(address, values, v.str('kubernetes_cluster_id'), base, id)];
    case 'azurerm_network_interface':
      return [makeResource(base, 'nic', {
        nsgId: null,
        ipConfigurations: v.blocks('ip_configuration').map((_, i) => ({
          subnetId: v.str(`ip_configuration.${i}.subnet_id`), publicIpId: v.str(`ip_configuration.${i}.public_ip_address_id`),
        })),
      })];
    case 'azurerm_public_ip':
      return [makeResource(base, 'publicIp', { ipAddress: v.str('ip_address') })];
    case 'azurerm_network_security_group':
      return [makeResource(base, 'nsg', { rules: nsgRules(v.blocks('security_rule')) })];
    case 'azurerm_subnet':
      return [makeResource(base, 'subnet', { nsgId: null })];
    case 'azurerm_dev_test_global_vm_shutdown_schedule':
      return [makeResource(base, 'schedule', {
        targetId: v.str('virtual_machine_id'), enabled: v.bool('enabled', true), taskType: 'ComputeVmShutdownTask',
        notificationsEnabled: v.bool('notification_settings.0.enabled', null),
      })];
    case 'azurerm_consumption_budget_resource_group':
    case 'azurerm_consumption_budget_subscription':
      return [makeResource(base, 'budget', {
        
        scopeId: v.str(type.endsWith('subscription') ? 'subscription_id' : 'resource_group_id') ?? 'subscription:current',
        amount: typeof values.amount === 'number' && Number.isFinite(values.amount) && values.amount >= 0 ? values.amount : null,
        notifications: v.blocks('notification').map((n) => ({
          enabled: n.enabled !== false,
          threshold: typeof n.threshold === 'number' && Number.isFinite(n.threshold) && n.threshold >= 0 ? n.threshold : 0,
          thresholdType: n.threshold_type === 'Forecasted' ? 'Forecasted' as const : 'Actual' as const,
          contacts: ['contact_emails', 'contact_groups', 'contact_roles'].reduce((sum, k) => sum + (Array.isArray(n[k]) ? (n[k] as unknown[]).length : 0), 0),
        })),
      })];
    case 'azurerm_management_lock': {
      const scopeId = v.str('scope');
      if (!scopeId) return [makeResource(base, 'other', {})];
      return [makeResource(base, 'lock', { scopeId, level: v.str('lock_level') === 'ReadOnly' ? 'ReadOnly' : 'CanNotDelete' })];
    }
    case 'azurerm_cognitive_account':
    case 'azurerm_ai_services':
      return [makeResource(base, 'aiAccount', { accountKind: v.str('kind') ?? (type === 'azurerm_ai_services' ? 'AIServices' : null), ...network('public_network_access_enabled'), localAuth: v.bool('local_auth_enabled', true) })];
    case 'azurerm_private_endpoint':
      return [makeResource(base, 'privateEndpoint', {
        
        connections: v.blocks('private_service_connection').map((c, i) => ({
          targetId: v.str(`private_service_connection.${i}.private_connection_resource_id`),
          groupIds: Array.isArray(c.subresource_names) ? c.subresource_names.filter((x): x is string => typeof x === 'string') : [],
          // An automatic connection in the same tenant is approved on creation; a manual one waits for the owner.
          status: c.is_manual_connection === true ? 'Pending' : 'Approved',
        })),
      })];
    case 'azurerm_storage_account':
      return [makeResource(base, 'storage', { ...network('public_network_access_enabled'), allowBlobPublicAccess: v.bool('allow_nested_items_to_be_public', true) })];
    case 'azurerm_storage_management_policy':
      return [makeResource({ ...base, name: 'default' }, 'storagePolicy', { storageAccountId: v.str('storage_account_id'), enabledRules: v.blocks('rule').filter((r) => r.enabled !== false).length })];
    case 'azurerm_machine_learning_workspace':
      return [makeResource(base, 'mlWorkspace', { ...network('public_network_access_enabled'), defaultAction: null })];
    case 'azurerm_machine_learning_compute_cluster':
      return [makeResource(base, 'mlCompute', {
        workspaceId: v.str('machine_learning_workspace_id'), size: v.str('vm_size'),
        minNodes: v.int('scale_settings.0.min_node_count'), maxNodes: v.int('scale_settings.0.max_node_count'),
      })];
    default:
      return [makeResource(base, 'other', {})];
  }
}

function nodePool(address: string, pool: Values, clusterId: string | null, base: ResourceBase, id?: string): InventoryResource {
  const int = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : null);
  const autoscale = [pool.auto_scaling_enabled, pool.enable_auto_scaling].find((x) => typeof x === 'boolean') as boolean | undefined;
  const publicIp = [pool.node_public_ip_enabled, pool.enable_node_public_ip].find((x) => typeof x === 'boolean') as boolean | undefined;
  return makeResource({
    ...base, id: id ?? `terraform:${address}`, address, type: ARM_TYPES.azurerm_kubernetes_cluster_node_pool!,
    name: typeof pool.name === 'string' ? pool.name : address.split('.').pop()!,
    tags: pool.tags && typeof pool.tags === 'object' ? (pool.tags as Record<string, string>) : base.tags,
  }, 'nodePool', {
    size: typeof pool.vm_size === 'string' ? pool.vm_size : null,
    capacity: int(pool.node_count) ?? int(pool.min_count), autoscale: autoscale ?? false,
    minCount: autoscale ? int(pool.min_count) : null, publicIpPerInstance: publicIp ?? false, clusterId,
  });
}

/** Links that azurerm keeps in separate resources, applied to the mapped resources: NSG associations, NSG rules, autoscale. */
export function linkTerraformResources(resources: InventoryResource[], extras: { type: string; values: Values; refs: TerraformRefs }[]): InventoryResource[] {
  const byId = new Map(resources.map((r) => [r.id.toLowerCase(), r]));
  const get = (id: string | null) => (id ? byId.get(id.toLowerCase()) : undefined);
  for (const { type, values, refs } of extras) {
    const v = reader(values, refs);
    if (type === 'azurerm_network_interface_security_group_association' || type === 'azurerm_subnet_network_security_group_association') {
      const target = get(v.str(type.startsWith('azurerm_subnet') ? 'subnet_id' : 'network_interface_id'));
      if (target && (target.kind === 'nic' || target.kind === 'subnet')) target.nsgId = v.str('network_security_group_id');
    } else if (type === 'azurerm_network_security_rule') {
      const nsg = resources.find((r) => r.kind === 'nsg' && r.name === v.str('network_security_group_name') && r.resourceGroup === v.str('resource_group_name'));
      if (nsg?.kind === 'nsg') nsg.rules.push(...nsgRules([values]));
    } else if (type === 'azurerm_monitor_autoscale_setting') {
      const target = get(v.str('target_resource_id'));
      const min = v.int('profile.0.capacity.0.minimum');
      if (target?.kind === 'vmss' && v.bool('enabled', true)) Object.assign(target, { autoscale: true, minCount: min });
    }
  }
  inheritNodeResourceGroup(resources);
  return resources;
}

/**
 * An `azurerm_kubernetes_cluster_node_pool` has no resource group of its own: its VMs are billed in the
 * cluster's node resource group. When the cluster names it (`node_resource_group`), the pool gets it.
 */
function inheritNodeResourceGroup(resources: InventoryResource[]): void {
  for (const pool of resources) {
    if (pool.kind !== 'nodePool' || pool.resourceGroup !== null || !pool.clusterId) continue;
    const cluster = resources.find((r) => r.kind === 'aks' && r.id.toLowerCase() === pool.clusterId!.toLowerCase());
    const first = cluster && resources.find((r) => r.kind === 'nodePool' && r.address === `${cluster.address}.default_node_pool`);
    if (first && first.resourceGroup !== null && first.resourceGroup !== cluster.resourceGroup) pool.resourceGroup = first.resourceGroup;
  }
}

/** azurerm types that only link other resources; `linkTerraformResources` applies them. */
export const LINK_TYPES = new Set([
  'azurerm_network_interface_security_group_association', 'azurerm_subnet_network_security_group_association',
  'azurerm_network_security_rule', 'azurerm_monitor_autoscale_setting',
]);
