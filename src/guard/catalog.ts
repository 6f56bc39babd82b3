import { catalogSku, CATALOG_DATE, priceFor } from '../catalog/index.js';

/** What the rules need to know about VM sizes; the CLI passes the embedded catalog, tests may pass their own. */
export interface GuardCatalog {
  /** true when the size is known to carry GPUs (whole or partitioned); false otherwise. */
  isGpuSize(size: string): boolean;
  /** GPUs per VM and their model, or null when the size carries none or is unknown. */
  gpuOf(size: string): { model: string | null; count: number | null } | null;
  /** Linux pay-as-you-go USD per hour of one VM in a region; null when not priced there. */
  hourlyPrice(size: string, region: string): number | null;
  /** The date the prices were read, named in notes. */
  pricesAsOf: string;
}

/** The embedded catalog as a GuardCatalog: a size carries GPUs when the catalog lists it with a GPU count or model. */
export function embeddedCatalog(): GuardCatalog {
  const gpuOf = (size: string) => {
    const sku = catalogSku(size);
    if (!sku) return null;
    const { model, count } = sku.gpu;
    return (count !== null && count > 0) || model !== null ? { model, count } : null;
  };
  return {
    isGpuSize: (size) => gpuOf(size) !== null,
    gpuOf,
    hourlyPrice: (size, region) => priceFor(size, region)?.paygPerHour ?? null,
    pricesAsOf: CATALOG_DATE,
  };
}
