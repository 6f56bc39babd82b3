import { InputError, nearest } from '../errors.js';
import type { SkuPrice, VmSku } from '../model/sku.js';
import type { QuotaListing, ReconSource, SkuListing, SourceInfo } from '../model/source.js';
import { knownRegions, normalizeRegion, priceFor } from './prices.js';
import { CATALOG_DATE } from './provenance.js';
import { catalogSkus, type CatalogSku } from './skus.js';

/** The region as the catalog names it ("East US 2" -> "eastus2"); InputError UNKNOWN_REGION when it has no such region. */
export function catalogRegion(region: string): string {
  const wanted = normalizeRegion(region);
  const regions = knownRegions();
  if (regions.includes(wanted)) return wanted;
  throw new InputError(`region "${region}" is not among the ${regions.length} regions the embedded catalog knows`, {
    code: 'UNKNOWN_REGION',
    suggestion: `did you mean ${nearest(wanted, regions, 3).join(', ')}? (pass an ARM region name such as eastus2)`,
  });
}

/** A catalog entry as a VmSku: availability is unknown offline, and there are no restrictions to tell. */
function offline(entry: CatalogSku, price?: SkuPrice): VmSku {
  return { ...entry, gpu: { ...entry.gpu }, available: null, restrictions: [], ...(price ? { price } : {}) };
}

/** Every catalog size as a VmSku, in every region (so without prices, which are per region). */
export function catalogVmSkus(): VmSku[] {
  return catalogSkus().map((entry) => offline(entry));
}

/** The catalog's GPU sizes that have a price row in `region`, as VmSku. */
function skusIn(region: string): VmSku[] {
  // A price row says Azure sells the size there, not that this subscription may deploy it.
  return catalogSkus().flatMap((entry) => {
    const price = priceFor(entry.name, region);
    return price ? [offline(entry, price)] : [];
  });
}

/** A ReconSource over the embedded catalog: sizes priced in a region, quota always unknown. */
export function catalogSource(): ReconSource {
  const info: SourceInfo = { kind: 'catalog', detail: 'embedded catalog (offline)', asOf: CATALOG_DATE, offline: true };
  return {
    info,
    async listSkus(region: string): Promise<SkuListing> {
      const name = catalogRegion(region);
      return { region: name, skus: skusIn(name), source: info };
    },
    async listQuota(region: string): Promise<QuotaListing> {
      // Quota lives in the user's subscription; the catalog can only say it does not know.
      return { region: catalogRegion(region), usages: null, source: info };
    },
  };
}

/**
 * Sizes from the embedded catalog, quota from another source (a usage file): what `--usage-file`
 * alone answers. The source's description names both.
 */
export function catalogSizesWithQuota(quota: ReconSource): ReconSource {
  const catalog = catalogSource();
  const info: SourceInfo = { ...quota.info, detail: `${quota.info.detail}; sizes from the embedded catalog` };
  return {
    info,
    listSkus: async (region: string): Promise<SkuListing> => ({ ...(await catalog.listSkus(region)), source: info }),
    listQuota: (region: string): Promise<QuotaListing> => quota.listQuota(region),
  };
}
