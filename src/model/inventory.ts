import { z } from 'zod';

// One inventory for every source (Resource Graph, az exports, a Terraform plan, provision's generated
// resources). Relations are ids: ARM ids lower-cased where known, `terraform:<address>` where Terraform
// only knows them after apply. `null` always means "could not be read", never "absent" or "false".

/** VM power state as ARM reports it (`PowerState/<code>`); `stopped` is still allocated and billed. */
export const POWER_STATES = ['running', 'starting', 'stopping', 'stopped', 'deallocating', 'deallocated'] as const;
export type PowerState = (typeof POWER_STATES)[number];

const tags = z.record(z.string(), z.string()).nullable();
const id = z.string().min(1);

const base = {
  id,
  /** ARM resource type, lower-case, e.g. "microsoft.compute/virtualmachines". */
  type: z.string().min(1),
  name: z.string(),
  location: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  tags,
  /** Terraform address when the resource came from a plan or from HCL. */
  address: z.string().optional(),
};

const scale = {
  size: z.string().nullable(),
  /** Instances now (VMSS capacity, node pool count); null when unknown. */
  capacity: z.number().int().nonnegative().nullable(),
  /** Autoscale floor; null when autoscale is off or unknown (see `autoscale`). */
  minCount: z.number().int().nonnegative().nullable(),
  autoscale: z.boolean().nullable(),
  /** Whether each instance gets a public IP. */
  publicIpPerInstance: z.boolean().nullable(),
};

export const VmSchema = z.object({
  ...base,
  kind: z.literal('vm'),
  size: z.string().nullable(),
  powerState: z.enum(POWER_STATES).nullable(),
  nicIds: z.array(id),
  /** Linux password log-in allowed (null: unknown or Windows). */
  passwordAuth: z.boolean().nullable().optional(),
});

export const VmssSchema = z.object({ ...base, kind: z.literal('vmss'), ...scale, subnetIds: z.array(id) });
export const NodePoolSchema = z.object({ ...base, kind: z.literal('nodePool'), ...scale, clusterId: id.nullable() });

export const NicSchema = z.object({
  ...base,
  kind: z.literal('nic'),
  ipConfigurations: z.array(z.object({ subnetId: id.nullable(), publicIpId: id.nullable() })),
  nsgId: id.nullable(),
});

export const PublicIpSchema = z.object({ ...base, kind: z.literal('publicIp'), ipAddress: z.string().nullable() });

export const NsgRuleSchema = z.object({
  name: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  access: z.enum(['Allow', 'Deny']),
  protocol: z.string(),
  priority: z.number().int(),
  sourcePrefixes: z.array(z.string()),
  destinationPorts: z.array(z.string()),
});

export const NsgSchema = z.object({ ...base, kind: z.literal('nsg'), rules: z.array(NsgRuleSchema) });
export const SubnetSchema = z.object({ ...base, kind: z.literal('subnet'), nsgId: id.nullable() });

export const ScheduleSchema = z.object({
  ...base,
  kind: z.literal('schedule'),
  targetId: id.nullable(),
  enabled: z.boolean().nullable(),
  taskType: z.string().nullable(),
  notificationsEnabled: z.boolean().nullable(),
});

export const BudgetNotificationSchema = z.object({
  enabled: z.boolean(),
  /** Percent of the budget amount. */
  threshold: z.number().finite().nonnegative(),
  thresholdType: z.enum(['Actual', 'Forecasted']),
  contacts: z.number().int().nonnegative(),
});

export const BudgetSchema = z.object({
  ...base,
  kind: z.literal('budget'),
  /** Subscription or resource-group id the budget is on. */
  scopeId: id,
  amount: z.number().finite().nonnegative().nullable(),
  notifications: z.array(BudgetNotificationSchema),
});

export const LockSchema = z.object({ ...base, kind: z.literal('lock'), scopeId: id, level: z.enum(['CanNotDelete', 'ReadOnly']) });

const connection = z.object({ endpointId: id.nullable(), status: z.string().nullable() });
const network = {
  /** publicNetworkAccess Enabled (true) or Disabled (false); provider default when absent. */
  publicNetworkAccess: z.boolean().nullable(),
  /** networkAcls.defaultAction. */
  defaultAction: z.enum(['Allow', 'Deny']).nullable(),
  privateEndpointConnections: z.array(connection),
};

export const AiAccountSchema = z.object({
  ...base,
  kind: z.literal('aiAccount'),
  accountKind: z.string().nullable(),
  ...network,
  /** Key (local) auth on: disableLocalAuth != true. */
  localAuth: z.boolean().nullable(),
});

export const PrivateEndpointSchema = z.object({
  ...base,
  kind: z.literal('privateEndpoint'),
  connections: z.array(z.object({ targetId: id.nullable(), groupIds: z.array(z.string()), status: z.string().nullable() })),
});

export const MlWorkspaceSchema = z.object({ ...base, kind: z.literal('mlWorkspace'), ...network });
export const MlEndpointSchema = z.object({
  ...base,
  kind: z.literal('mlEndpoint'),
  workspaceId: id.nullable(),
  publicNetworkAccess: z.boolean().nullable(),
});
export const MlComputeSchema = z.object({
  ...base,
  kind: z.literal('mlCompute'),
  workspaceId: id.nullable(),
  size: z.string().nullable(),
  minNodes: z.number().int().nonnegative().nullable(),
  maxNodes: z.number().int().nonnegative().nullable(),
});

export const StorageSchema = z.object({
  ...base,
  kind: z.literal('storage'),
  ...network,
  allowBlobPublicAccess: z.boolean().nullable(),
});
export const StoragePolicySchema = z.object({ ...base, kind: z.literal('storagePolicy'), storageAccountId: id.nullable(), enabledRules: z.number().int().nonnegative() });
export const ResourceGroupSchema = z.object({ ...base, kind: z.literal('resourceGroup') });
export const AksSchema = z.object({ ...base, kind: z.literal('aks') });
/** Any other resource: counted, never checked. */
export const OtherSchema = z.object({ ...base, kind: z.literal('other') });

export const InventoryResourceSchema = z.discriminatedUnion('kind', [
  VmSchema, VmssSchema, NodePoolSchema, NicSchema, PublicIpSchema, NsgSchema, SubnetSchema, ScheduleSchema, BudgetSchema,
  LockSchema, AiAccountSchema, PrivateEndpointSchema, MlWorkspaceSchema, MlEndpointSchema, MlComputeSchema, StorageSchema,
  StoragePolicySchema, ResourceGroupSchema, AksSchema, OtherSchema,
]);

/** Utilisation samples of one resource: GPU utilisation (%) or host `Percentage CPU`. */
export const MetricSeriesSchema = z.object({
  resourceId: id,
  metric: z.enum(['gpu', 'cpu']),
  /** The metric's name at the source ("Percentage CPU", "DCGM_FI_DEV_GPU_UTIL"). */
  name: z.string(),
  points: z.array(z.object({ timestamp: z.string(), average: z.number().finite().min(0).max(100) })),
});

/** Something a source could not read; the audit reports it and goes on. */
export const UnreadableSchema = z.object({ source: z.string(), id: z.string().nullable(), reason: z.string() });

export const InventorySchema = z.object({
  resources: z.array(InventoryResourceSchema),
  metrics: z.array(MetricSeriesSchema),
  unreadable: z.array(UnreadableSchema),
  /** Where it was read from, for the report footer. */
  sources: z.array(z.string()),
});

export type Vm = z.infer<typeof VmSchema>;
export type Vmss = z.infer<typeof VmssSchema>;
export type NodePool = z.infer<typeof NodePoolSchema>;
export type Nic = z.infer<typeof NicSchema>;
export type PublicIp = z.infer<typeof PublicIpSchema>;
export type NsgRule = z.infer<typeof NsgRuleSchema>;
export type Nsg = z.infer<typeof NsgSchema>;
export type Subnet = z.infer<typeof SubnetSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type BudgetNotification = z.infer<typeof BudgetNotificationSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
export type Lock = z.infer<typeof LockSchema>;
export type AiAccount = z.infer<typeof AiAccountSchema>;
export type PrivateEndpoint = z.infer<typeof PrivateEndpointSchema>;
export type MlWorkspace = z.infer<typeof MlWorkspaceSchema>;
export type MlEndpoint = z.infer<typeof MlEndpointSchema>;
export type MlCompute = z.infer<typeof MlComputeSchema>;
export type Storage = z.infer<typeof StorageSchema>;
export type StoragePolicy = z.infer<typeof StoragePolicySchema>;
export type InventoryResource = z.infer<typeof InventoryResourceSchema>;
export type ResourceKind = InventoryResource['kind'];
export type MetricSeries = z.infer<typeof MetricSeriesSchema>;
export type Unreadable = z.infer<typeof UnreadableSchema>;
export type Inventory = z.infer<typeof InventorySchema>;

/** The resource of a given kind. */
export type ResourceOf<K extends ResourceKind> = Extract<InventoryResource, { kind: K }>;

/** Compute that can carry GPUs: a VM, a scale set, an AKS node pool. */
export type GpuHost = Vm | Vmss | NodePool;

/** The fields every resource has, whatever its kind. */
export type ResourceBase = Pick<InventoryResource, 'id' | 'type' | 'name' | 'location' | 'subscriptionId' | 'resourceGroup' | 'tags' | 'address'>;

/**
 * A resource of one kind from the common fields and its own, in that order. Deliberately not
 * `{ ...base, kind, ... }`: once warmed up, V8 (Node 20) gives every object built by a spread followed by
 * more properties a hidden class of its own, about 300 bytes each, 0.3 GiB over a million resources.
 */
export function makeResource<K extends ResourceKind>(base: ResourceBase, kind: K, own: Omit<ResourceOf<K>, keyof ResourceBase | 'kind'>): ResourceOf<K> {
  const r: ResourceBase = { id: base.id, type: base.type, name: base.name, location: base.location, subscriptionId: base.subscriptionId, resourceGroup: base.resourceGroup, tags: base.tags };
  if (base.address !== undefined) r.address = base.address;
  return Object.assign(r, { kind }, own) as ResourceOf<K>;
}

/** An empty inventory to add to. */
export function emptyInventory(): Inventory {
  return { resources: [], metrics: [], unreadable: [], sources: [] };
}

/** One key per ARM id: ARM ids are case-insensitive, and sources disagree on case. */
export function idKey(resourceId: string): string {
  return resourceId.toLowerCase();
}

/**
 * Several inventories as one: everything concatenated. A resource listed by two sources appears twice
 * here; the audit counts and checks it once (the first one listed wins).
 */
export function combineInventories(parts: readonly Inventory[]): Inventory {
  const out = emptyInventory();
  for (const p of parts) {
    for (const r of p.resources) out.resources.push(r);
    for (const m of p.metrics) out.metrics.push(m);
    for (const u of p.unreadable) out.unreadable.push(u);
    out.sources.push(...p.sources);
  }
  return out;
}
