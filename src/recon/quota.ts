import { normalizeFamily, type QuotaUsage } from '../model/quota.js';
import type { VmSku } from '../model/sku.js';
import { isGpuSku } from './skus.js';

/** Regional counters every VM draws on: all vCPUs, and Spot vCPUs. */
export const REGIONAL_CORES = 'cores';
export const SPOT_CORES = 'lowPriorityCores';

/** Find a usage entry by family, tolerating the case and spacing differences real data has. */
export function findUsage(usages: readonly QuotaUsage[], family: string): QuotaUsage | undefined {
  const key = normalizeFamily(family);
  return usages.find((u) => normalizeFamily(u.family) === key);
}

/** Quota families in reading order, whatever their case. */
const byFamily = new Intl.Collator('en', { sensitivity: 'base' }).compare;

/** A quota row whose numbers are unknown (offline): the family is known, its usage is not. */
export interface UnknownQuota {
  family: string;
  name: string;
  used: null;
  limit: null;
  available: null;
}

/** The GPU quota families a region's sizes point at, with unknown numbers: quota is never invented. */
export function unknownGpuQuota(skus: readonly VmSku[]): UnknownQuota[] {
  const families = new Map<string, string>();
  for (const s of skus) if (s.quotaFamily && isGpuSku(s)) families.set(s.quotaFamily, s.quotaName ?? '');
  return [...families]
    .sort(([a], [b]) => byFamily(a, b))
    .map(([family, name]) => ({ family, name, used: null, limit: null, available: null }));
}

// GPU quota families are the N-series ones: standardNC…, standardND…, standardNV…, standardNG…
// (usage ids in the Compute Usages API; case varies, so normalize before matching).
const GPU_FAMILY = /^standardn[cdvg]/;

/**
 * The GPU part of a region's quota: every N-series family entry, every family a GPU size of the
 * listing points at, then `cores` and `lowPriorityCores`.
 */
export function gpuQuota(usages: readonly QuotaUsage[], skus: readonly VmSku[] = []): QuotaUsage[] {
  const gpuFamilies = new Set(
    skus.filter(isGpuSku).flatMap((s) => (s.quotaFamily ? [normalizeFamily(s.quotaFamily)] : [])),
  );
  const families = usages
    .filter((u) => {
      const key = normalizeFamily(u.family);
      return GPU_FAMILY.test(key) || gpuFamilies.has(key);
    })
    .sort((a, b) => byFamily(a.family, b.family));
  const regional = [REGIONAL_CORES, SPOT_CORES].flatMap((f) => findUsage(usages, f) ?? []);
  return [...families, ...regional];
}
