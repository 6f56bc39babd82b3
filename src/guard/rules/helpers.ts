import type { GpuHost, InventoryResource } from '../../model/inventory.js';
import { HOURS_PER_MONTH } from '../../plan/cost.js';
import type { RuleContext } from '../rule.js';

/** A tag's value by name, compared case-insensitively as Azure does; undefined when absent. */
export function tagValue(r: InventoryResource, name: string): string | undefined {
  if (!r.tags) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(r.tags)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** Whether a resource carries `key` with one of `values` (values compared case-insensitively). */
export function hasTag(r: InventoryResource, selector: { key: string; values: string[] }): boolean {
  const v = tagValue(r, selector.key)?.trim().toLowerCase();
  return v !== undefined && selector.values.some((x) => x.toLowerCase() === v);
}

/** The date a tag value names (YYYY-MM-DD or an ISO date-time), as YYYY-MM-DD; null when it is not a date. */
export function tagDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Rejects 2026-02-30 and the like, which Date would roll over into March.
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Instances a GPU host bills for now: 1 for a VM, the capacity of a pool; null when unknown. */
export function instances(r: GpuHost): number | null {
  return r.kind === 'vm' ? 1 : r.capacity;
}

/** Whether the host holds allocated (billed) instances: true, false, or null when unknown. */
export function allocated(r: GpuHost): boolean | null {
  if (r.kind === 'vm') {
    if (r.powerState === null) return null;
    return r.powerState !== 'deallocated' && r.powerState !== 'deallocating';
  }
  return r.capacity === null ? null : r.capacity > 0;
}

/** Pay-as-you-go USD per hour of the whole host (all instances); null when the size, region or count is unknown. */
export function hostHourly(r: GpuHost, ctx: RuleContext): number | null {
  const n = instances(r);
  if (r.size === null || r.location === null || n === null) return null;
  const price = ctx.catalog.hourlyPrice(r.size, r.location);
  return price === null ? null : price * n;
}

/** USD per month, rounded to cents; null stays null. */
export function perMonth(hourly: number | null): number | null {
  return hourly === null ? null : Math.round(hourly * HOURS_PER_MONTH * 100) / 100;
}

/** "Standard_ND96asr_v4, 8 x A100" for messages. */
export function sizeLabel(r: GpuHost, ctx: RuleContext): string {
  const gpu = r.size ? ctx.catalog.gpuOf(r.size) : null;
  const what = gpu ? `, ${gpu.count ?? '?'} x ${gpu.model ?? 'GPU'}` : '';
  return `${r.size ?? 'unknown size'}${what}`;
}

/** "VM", "scale set", "AKS node pool". */
export function hostNoun(r: GpuHost): string {
  return r.kind === 'vm' ? 'GPU VM' : r.kind === 'vmss' ? 'GPU scale set' : 'GPU node pool';
}

/** The kinds GPU rules look at. */
export const GPU_HOSTS = ['vm', 'vmss', 'nodePool'] as const;

/** Approved private endpoints reaching a resource: its own connection list, or endpoints in the inventory targeting it. */
export function approvedEndpoints(r: InventoryResource & { privateEndpointConnections: { endpointId: string | null; status: string | null }[] }, ctx: RuleContext): string[] {
  const ids = new Set<string>();
  for (const c of r.privateEndpointConnections) if (c.status?.toLowerCase() === 'approved') ids.add(c.endpointId ?? '(unnamed)');
  for (const pe of ctx.index.privateEndpointsFor(r.id)) {
    const mine = pe.connections.filter((c) => c.targetId !== null && c.targetId.toLowerCase() === r.id.toLowerCase());
    if (mine.some((c) => c.status?.toLowerCase() === 'approved')) ids.add(pe.id);
  }
  return [...ids];
}
