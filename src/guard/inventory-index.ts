import { idKey, type Budget, type GpuHost, type Inventory, type InventoryResource, type Lock, type MetricSeries, type Nic, type PrivateEndpoint, type Schedule, type StoragePolicy } from '../model/inventory.js';

/** Indexes over an inventory, built once per audit so each rule is a lookup, not a scan. */
export interface InventoryIndex {
  get(id: string | null): InventoryResource | undefined;
  /** Resources whose id an earlier resource already has (one resource listed by two sources). */
  duplicates: ReadonlySet<InventoryResource>;
  /** Scope keys of a resource: its subscription and resource group, in forms that match budgets and locks. */
  scopeKeys(r: InventoryResource): string[];
  schedulesFor(id: string): Schedule[];
  budgetsFor(r: InventoryResource): Budget[];
  locksFor(r: InventoryResource): Lock[];
  privateEndpointsFor(id: string): PrivateEndpoint[];
  policiesFor(storageId: string): StoragePolicy[];
  metricsFor(id: string): MetricSeries[];
  nicsOf(vmId: string): Nic[];
  /** Resource-group keys holding GPU compute (for checkpoint storage next to GPUs). */
  groupHasGpu(r: InventoryResource): boolean;
  /** Whether a budget's or lock's scope holds GPU compute. */
  scopeHasGpu(scopeId: string): boolean;
}

const RG_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)$/i;
const SUB_ID = /^\/subscriptions\/([^/]+)$/i;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Build every index in one pass over the resources (and one over the metrics). */
export function buildIndex(inv: Inventory, isGpuHost: (r: GpuHost) => boolean): InventoryIndex {
  const byId = new Map<string, InventoryResource>();
  const duplicates = new Set<InventoryResource>();
  // Each id lower-cased once: lookups by an id string seen before (every resource's own id, and the
  // references that match it exactly) cost a hash lookup instead of a new lower-case string.
  const lower = new Map<string, string>();
  const key = (id: string): string => lower.get(id) ?? idKey(id);
  for (const r of inv.resources) {
    const k = idKey(r.id);
    lower.set(r.id, k);
    if (byId.has(k)) duplicates.add(r);
    else byId.set(k, r);
  }

  // Keys depend only on (kind, subscription, group, name for groups): a few thousand distinct answers for a million resources.
  const scopeCache = new Map<string, string[]>();
  const resourceScopeKeys = (r: InventoryResource): string[] => {
    const cacheKey = r.kind === 'resourceGroup' ? '' : `${r.subscriptionId ?? ''}\u0000${r.resourceGroup ?? ''}`;
    if (cacheKey) {
      const hit = scopeCache.get(cacheKey);
      if (hit) return hit;
    }
    const keys: string[] = [];
    if (r.kind === 'resourceGroup') keys.push(key(r.id), `rg:${r.name.toLowerCase()}`);
    if (r.subscriptionId) {
      const sub = `/subscriptions/${r.subscriptionId}`.toLowerCase();
      keys.push(sub);
      if (r.resourceGroup) keys.push(`${sub}/resourcegroups/${r.resourceGroup.toLowerCase()}`);
    } else {
      // A Terraform plan does not know its subscription until apply: one plan, one subscription.
      keys.push('subscription:current');
      if (r.resourceGroup) keys.push(`rg:${r.resourceGroup.toLowerCase()}`);
    }
    if (cacheKey) scopeCache.set(cacheKey, keys);
    return keys;
  };
  /** Keys a budget's or lock's scope id stands for. */
  const scopeIdKeys = (scopeId: string): string[] => {
    const k = key(scopeId);
    const target = byId.get(k);
    if (target?.kind === 'resourceGroup') return [k, `rg:${target.name.toLowerCase()}`];
    const rg = RG_ID.exec(scopeId);
    if (rg) return [k, `rg:${rg[2]!.toLowerCase()}`];
    if (SUB_ID.test(scopeId) || k === 'subscription:current') return [k, 'subscription:current'];
    return [k];
  };

  const schedules = new Map<string, Schedule[]>();
  const budgets = new Map<string, Budget[]>();
  const locks = new Map<string, Lock[]>();
  const endpoints = new Map<string, PrivateEndpoint[]>();
  const policies = new Map<string, StoragePolicy[]>();
  const gpuGroups = new Set<string>();
  const gpuScopes = new Set<string>();
  for (const r of inv.resources) {
    if (duplicates.size > 0 && duplicates.has(r)) continue;
    switch (r.kind) {
      case 'schedule':
        if (r.targetId) push(schedules, key(r.targetId), r);
        break;
      case 'budget':
        for (const k of new Set(scopeIdKeys(r.scopeId))) push(budgets, k, r);
        break;
      case 'lock':
        for (const k of new Set(scopeIdKeys(r.scopeId))) push(locks, k, r);
        break;
      case 'privateEndpoint':
        for (const c of r.connections) if (c.targetId) push(endpoints, key(c.targetId), r);
        break;
      case 'storagePolicy':
        if (r.storageAccountId) push(policies, key(r.storageAccountId), r);
        break;
      case 'vm':
      case 'vmss':
      case 'nodePool':
        if (isGpuHost(r)) {
          const keys = resourceScopeKeys(r);
          for (const k of keys.slice(1)) gpuGroups.add(k);
          for (const k of keys) gpuScopes.add(k);
        }
        break;
    }
  }
  const metrics = new Map<string, MetricSeries[]>();
  for (const m of inv.metrics) push(metrics, key(m.resourceId), m);

  const byScope = <T extends { id: string }>(map: Map<string, T[]>, r: InventoryResource): T[] => {
    if (map.size === 0) return [];
    let out: T[] | undefined;
    const add = (list: T[] | undefined) => {
      if (!list) return;
      out ??= [];
      for (const x of list) if (!out.includes(x)) out.push(x);
    };
    for (const k of resourceScopeKeys(r)) add(map.get(k));
    add(map.get(key(r.id)));
    return out ?? [];
  };

  return {
    get: (id) => (id ? byId.get(key(id)) : undefined),
    duplicates,
    scopeKeys: resourceScopeKeys,
    schedulesFor: (id) => schedules.get(key(id)) ?? [],
    budgetsFor: (r) => byScope(budgets, r),
    locksFor: (r) => byScope(locks, r),
    privateEndpointsFor: (id) => endpoints.get(key(id)) ?? [],
    policiesFor: (id) => policies.get(key(id)) ?? [],
    metricsFor: (id) => metrics.get(key(id)) ?? [],
    nicsOf: (vmId) => {
      const vm = byId.get(key(vmId));
      if (vm?.kind !== 'vm') return [];
      return vm.nicIds.flatMap((n) => {
        const nic = byId.get(key(n));
        return nic?.kind === 'nic' ? [nic] : [];
      });
    },
    groupHasGpu: (r) => resourceScopeKeys(r).slice(1).some((k) => gpuGroups.has(k)),
    scopeHasGpu: (scopeId) => scopeIdKeys(scopeId).some((k) => gpuScopes.has(k)),
  };
}
