import type { QuotaUsage } from './quota.js';
import type { VmSku } from './sku.js';

/** Which kind of source answered. Offline answers always say so. */
export type SourceKind = 'live' | 'file' | 'catalog';

/** Describes the source of an answer; printed with every report. */
export interface SourceInfo {
  kind: SourceKind;
  /** "Azure Resource SKUs API (subscription 0000…)", "skus.json", "embedded catalog". */
  detail: string;
  /** Date the facts were read (catalog) or fetched (live/file: now or file mtime). */
  asOf: string;
  offline: boolean;
}

/** Raw SKU records for one region, already normalized into VmSku (GPU sizes and others). */
export interface SkuListing {
  region: string;
  skus: VmSku[];
  source: SourceInfo;
}

/** Quota for one region; `usages` is null when unknown (offline). */
export interface QuotaListing {
  region: string;
  usages: QuotaUsage[] | null;
  source: SourceInfo;
}

/** A place to read SKUs and quota from: live Azure, exported files or the embedded catalog. */
export interface ReconSource {
  info: SourceInfo;
  listSkus(region: string): Promise<SkuListing>;
  listQuota(region: string): Promise<QuotaListing>;
}
