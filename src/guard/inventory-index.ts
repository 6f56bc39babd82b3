import { idKey, type Budget, type GpuHost, type Inventory, type InventoryResource, type Lock, type MetricSeries, type Nic, type PrivateEndpoint, type Schedule, type StoragePolicy } from '../model/inventory.js';
import { IdMap, IdMultiMap } from './id-map.js';

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
  const byId = new IdMap<InventoryResource>((r) => r.id);
  const duplicates = new Set<InventoryResource>();
  for (const r of inv.resources) if (!byId.add(r)) duplicates.add(r);

  // Keys depend only on (kind, subscription, group, name for groups): a few thousand distinct answers for a million resources.
  const scopeCache = new Map<string, string[]>();
  const resourceScopeKeys = (r: InventoryResource): string[] => {
    const cacheKey = r.kind === 'resourceGroup' ? '' : `${r.subscriptionId ?? ''}\u0000${r.resourceGroup ?? ''}`;
    if (cacheKey) {
      const hit = scopeCache.get(cacheKey);
      if (hit) return hit;
    }
    const keys: string[] = [];
    if (r.kind === 'resourceGroup') keys.push(idKey(r.id), `rg:${r.name.toLowerCase()}`);
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
    const k = idKey(scopeId);
    const target = byId.get(scopeId);
    if (target?.kind === 'resourceGroup') return [k, `rg:${target.name.toLowerCase()}`];
    const rg = RG_ID.exec(scopeId);
    if (rg) return [k, `rg:${rg[2]!.toLowerCase()}`];
    if (SUB_ID.test(scopeId) || k === 'subscription:current') return [k, 'subscription:current'];
    return [k];
  };

  const schedules = new IdMultiMap<Schedule>();
  const budgets = new Map<string, Budget[]>();
  const locks = new Map<string, Lock[]>();
  const endpoints = new IdMultiMap<PrivateEndpoint>();
  const policies = new IdMultiMap<StoragePolicy>();
  const gpuGroups = new Set<string>();
  const gpuScopes = new Set<string>();
  for (const r of inv.resources) {
    if (duplicates.size > 0 && duplicates.has(r)) continue;
    switch (r.kind) {
      case 'schedule':
        if (r.targetId) schedules.push(r.targetId, r);
        break;
      case 'budget':
        for (const k of new Set(scopeIdKeys(r.scopeId))) push(budgets, k, r);
        break;
      case 'lock':
        for (const k of new Set(scopeIdKeys(r.scopeId))) push(locks, k, r);
        break;
      case 'privateEndpoint':
        for (const c of r.connections) if (c.targetId) endpoints.push(c.targetId, r);
        break;
      case 'storagePolicy':
        if (r.storageAccountId) policies.push(r.storageAccountId, r);
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
  const metrics = new IdMultiMap<MetricSeries>();
  for (const m of inv.metrics) metrics.push(m.resourceId, m);

  const byScope = <T extends { id: string }>(map: Map<string, T[]>, r: InventoryResource): T[] => {
    if (map.size === 0) return [];
    let out: T[] | undefined;
    const add = (list: T[] | undefined) => {
      if (!list) return;
      out ??= [];
      for (const x of list) if (!out.includes(x)) out.push(x);
    };
    for (const k of resourceScopeKeys(r)) add(map.get(k));
    add(map.get(idKey(r.id)));
    return out ?? [];
  };

  return {
    get: (id) => (id ? byId.get(id) : undefined),
    duplicates,
    scopeKeys: resourceScopeKeys,
    schedulesFor: (id) => schedules.get(id) ?? [],
    budgetsFor: (r) => byScope(budgets, r),
    locksFor: (r) => byScope(locks, r),
    privateEndpointsFor: (id) => endpoints.get(id) ?? [],
    policiesFor: (id) => policies.get(id) ?? [],
    metricsFor: (id) => metrics.get(id) ?? [],
    nicsOf: (vmId) => {
      const vm = byId.get(vmId);
      if (vm?.kind !== 'vm') return [];
      return vm.nicIds.flatMap((n) => {
        const nic = byId.get(n);
        return nic?.kind === 'nic' ? [nic] : [];
      });
    },
    groupHasGpu: (r) => resourceScopeKeys(r).slice(1).some((k) => gpuGroups.has(k)),
    scopeHasGpu: (scopeId) => scopeIdKeys(scopeId).some((k) => gpuScopes.has(k)),
  };
}
