import { sizeKey } from '../model/names.js';
import type { VmSku } from '../model/sku.js';
import { canonicalSize } from './aliases.js';
import { CATALOG_SKUS } from './sku-data.js';

/** A size as the catalog knows it: the hardware facts, without anything that depends on region or subscription. */
export type CatalogSku = Omit<VmSku, 'available' | 'restrictions' | 'price' | 'zones'>;

let byName: Map<string, CatalogSku> | undefined;

function index(): Map<string, CatalogSku> {
  if (!byName) {
    // Entries are shared by every caller; freezing makes an accidental edit fail loudly instead of leaking.
    for (const s of CATALOG_SKUS) {
      Object.freeze(s.gpu);
      Object.freeze(s);
    }
    byName = new Map(CATALOG_SKUS.map((s) => [sizeKey(s.name), s]));
  }
  return byName;
}

/** The catalog entry for a size name or alias (case-insensitive, exact; the `Standard_` prefix may be left out). */
export function catalogSku(name: string): CatalogSku | undefined {
  return index().get(sizeKey(canonicalSize(name)));
}

/** Every catalog entry, grouped by series: documented sizes first, then variants, older and name-only sizes. */
export function catalogSkus(): readonly CatalogSku[] {
  index();
  return CATALOG_SKUS;
}

/** Every size name in the catalog, sorted the way people read them (NC4 before NC16). */
export function skuNames(): string[] {
  return catalogSkus().map((s) => s.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
