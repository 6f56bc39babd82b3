import type { VmSku } from '../model/sku.js';

/** Filters of `gpuops skus`. */
export interface SkuFilter {
  /** Size-name prefix, with or without `Standard_` ("NC", "Standard_ND96"). */
  size?: string;
  /** GPU model query, matched against the model id ("a100" matches A100-80GB-PCIe). */
  gpu?: string;
  minVramGiB?: number;
  minGpus?: number;
  family?: string;
  infiniband?: boolean;
  /** Include sizes a Location restriction makes unusable in the region, and retired sizes. */
  all?: boolean;
  /** ISO date retirements are compared with; without it no size counts as retired. */
  today?: string;
}

export type SkuSort = 'name' | 'price' | 'vram' | 'gpus';

/** True when the size carries a GPU (or an unknown number of them, known by name). */
export function isGpuSku(sku: VmSku): boolean {
  if (sku.gpu.count === 0) return false;
  return sku.gpu.count !== null || sku.gpu.model !== null;
}

/** True when the size was retired on or before `today` (ISO dates). */
export function isRetiredOn(sku: VmSku, today: string | undefined): boolean {
  return sku.retirement !== undefined && today !== undefined && sku.retirement <= today;
}

/** True when a Location restriction makes the size unusable in the region. */
export function isLocationRestricted(sku: VmSku): boolean {
  return sku.restrictions.some((r) => r.type === 'Location');
}

function stripPrefix(name: string): string {
  return name.replace(/^standard_/i, '').toLowerCase();
}

/** Family letters of a size name: "Standard_NC24ads_A100_v4" -> "NC". */
export function familyLetters(name: string): string {
  const m = /^([a-z]+)/i.exec(stripPrefix(name));
  return (m?.[1] ?? '').toUpperCase();
}

function tokens(s: string): string[] {
  return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Does a GPU model id match a user query such as "a100", "A100-80GB", "h100"? Whole tokens only: "a10" is not "a100". */
export function gpuModelMatches(modelId: string, query: string): boolean {
  const model = tokens(modelId);
  const q = tokens(query);
  return q.length > 0 && q.every((t, i) => model[i] === t);
}

/** Does a size's GPU model match a user query (see `gpuModelMatches`)? */
export function gpuMatches(sku: VmSku, query: string): boolean {
  return sku.gpu.model !== null && gpuModelMatches(sku.gpu.model, query);
}

/** Size VRAM in GiB (all GPUs of the VM), or null when unknown. */
export function totalVram(sku: VmSku): number | null {
  if (sku.gpu.totalMemoryGiB !== null) return sku.gpu.totalMemoryGiB;
  if (sku.gpu.memoryGiB !== null && sku.gpu.count !== null) return sku.gpu.memoryGiB * sku.gpu.count;
  return null;
}

/** Apply `gpuops skus` filters; sizes without GPUs never pass. */
export function filterSkus(skus: readonly VmSku[], filter: SkuFilter): VmSku[] {
  const size = filter.size ? stripPrefix(filter.size) : undefined;
  return skus.filter((sku) => {
    if (!isGpuSku(sku)) return false;
    if (!filter.all && (isLocationRestricted(sku) || isRetiredOn(sku, filter.today))) return false;
    if (size && !stripPrefix(sku.name).startsWith(size)) return false;
    if (filter.family && familyLetters(sku.name) !== filter.family.toUpperCase()) return false;
    if (filter.gpu && !gpuMatches(sku, filter.gpu)) return false;
    if (filter.infiniband && sku.infiniband !== true) return false;
    if (filter.minGpus !== undefined && (sku.gpu.count ?? -1) < filter.minGpus) return false;
    if (filter.minVramGiB !== undefined && (totalVram(sku) ?? -1) < filter.minVramGiB) return false;
    return true;
  });
}

/** Sizes that exist in the region but a Location restriction hides (for the "--all shows them" note). */
export function hiddenRestricted(skus: readonly VmSku[], filter: SkuFilter): VmSku[] {
  if (filter.all) return [];
  const shown = new Set(filterSkus(skus, filter).map((s) => s.name));
  return filterSkus(skus, { ...filter, all: true }).filter((s) => !shown.has(s.name) && !isRetiredOn(s, filter.today));
}

/** Retired sizes the filter hides (for the "--all shows them" note). */
export function hiddenRetired(skus: readonly VmSku[], filter: SkuFilter): VmSku[] {
  if (filter.all) return [];
  return filterSkus(skus, { ...filter, all: true }).filter((s) => isRetiredOn(s, filter.today));
}

function compareNullable(a: number | null | undefined, b: number | null | undefined, dir: 1 | -1): number {
  const an = a ?? null;
  const bn = b ?? null;
  if (an === null && bn === null) return 0;
  if (an === null) return 1; // unknown always sorts last
  if (bn === null) return -1;
  return (an - bn) * dir;
}

/** Sort sizes: price ascending, VRAM or GPUs descending, or by model then vCPUs. */
export function sortSkus(skus: readonly VmSku[], by: SkuSort = 'name'): VmSku[] {
  const byName = (a: VmSku, b: VmSku) =>
    (a.gpu.model ?? '~').localeCompare(b.gpu.model ?? '~') ||
    compareNullable(a.vcpus, b.vcpus, 1) ||
    a.name.localeCompare(b.name);
  const cmp: Record<SkuSort, (a: VmSku, b: VmSku) => number> = {
    name: byName,
    price: (a, b) => compareNullable(a.price?.paygPerHour, b.price?.paygPerHour, 1) || byName(a, b),
    vram: (a, b) => compareNullable(totalVram(a), totalVram(b), -1) || byName(a, b),
    gpus: (a, b) => compareNullable(a.gpu.count, b.gpu.count, -1) || byName(a, b),
  };
  return [...skus].sort(cmp[by]);
}
