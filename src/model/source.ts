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

/**
 * An exported file as a listing: it may leave records out (plain `az vm list-skus` hides sizes
 * restricted for the subscription; a REST page with a `nextLink` is one page of several).
 */
export interface ExportInfo {
  file: string;
  /** Why the file is visibly incomplete ("it is one page of a paged list: nextLink is set"); absent when it looks whole. */
  incomplete?: string;
}

/** Raw SKU records for one region, already normalized into VmSku (GPU sizes and others). */
export interface SkuListing {
  region: string;
  skus: VmSku[];
  source: SourceInfo;
  /** Set when the listing comes from an exported file, where a missing size is not proof of absence. */
  export?: ExportInfo;
}

/** Quota for one region; `usages` is null when unknown (offline). */
export interface QuotaListing {
  region: string;
  usages: QuotaUsage[] | null;
  source: SourceInfo;
  /** Set when the usage data comes from an exported file. */
  export?: ExportInfo;
}

/** A place to read SKUs and quota from: live Azure, exported files or the embedded catalog. */
export interface ReconSource {
  info: SourceInfo;
  listSkus(region: string): Promise<SkuListing>;
  listQuota(region: string): Promise<QuotaListing>;
}
