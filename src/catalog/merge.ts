// The decision of what a live or exported Resource SKU record means with the catalog's facts: the
// API's own values first, the catalog's where the API is silent, a catalog GPU fraction over the API's
// rounded "1", prices from the catalog. Pure: sources convert, this merges.
import { oneGpuOrLess, type Restriction, type SkuGpu, type VmSku } from '../model/sku.js';
import { priceFor } from './prices.js';
import { CATALOG_DATE } from './provenance.js';
import { parseSizeName, seriesFromName } from './size-name.js';
import { catalogSku, type CatalogSku } from './skus.js';

/** What a Resource SKU record says about a size in one region, converted but not merged; null = not stated. */
export interface ApiSkuFacts {
  name: string;
  /** The record's `family`, verbatim (the key into Compute Usages). */
  family: string | null;
  gpus: number | null;
  vcpus: number | null;
  memoryGiB: number | null;
  tempDiskGiB: number | null;
  nvmeGiB: number | null;
  rdma: boolean | null;
  lowPriorityCapable: boolean | null;
  restrictions: Restriction[];
  /** Availability zones in the region; absent when the record has no location info for it. */
  zones?: string[];
  /** ISO date of `RetirementDateUtc`, when the record has one. */
  retirement?: string;
}

/** Tracks which facts came from where, for `factsFrom`. */
class Provenance {
  private readonly by = new Map<string, string[]>();
  add(source: string, fact: string): void {
    this.by.set(source, [...(this.by.get(source) ?? []), fact]);
  }
  toString(): string {
    return [...this.by].map(([source, facts]) => `${source} (${facts.join(', ')})`).join('; ');
  }
}

const CATALOG = `catalog ${CATALOG_DATE}`;

/** A fact from the API if present, else from the catalog, else null; records which one. */
function pick<T>(p: Provenance, fact: string, api: T | null, cat: T | null | undefined): T | null {
  if (api !== null) {
    p.add('api', fact);
    return api;
  }
  if (cat !== null && cat !== undefined) {
    p.add(CATALOG, fact);
    return cat;
  }
  return null;
}

function gpuFrom(api: ApiSkuFacts, cat: CatalogSku | undefined, p: Provenance): SkuGpu {
  const known = cat?.gpu;
  // The API rounds partitioned GPUs up to "1" (NV6ads_A10_v5 is 1/6 of an A10, SkyPilot
  // fetch_azure.py), so a catalog fraction wins over the API's count.
  if (known && (known.fraction !== undefined || (known.count !== null && known.count > 0 && known.count < 1))) {
    p.add(CATALOG, 'gpu.count, gpu.model, gpu.memoryGiB');
    return { ...known };
  }
  const parsed = parseSizeName(api.name);
  // No GPUs capability on a size whose name says GPU family means "unknown", not zero.
  const count = pick(p, 'gpu.count', api.gpus, known?.count) ?? (parsed?.isGpuFamily ? null : 0);
  let model = known?.model ?? null;
  if (model !== null) p.add(CATALOG, 'gpu.model');
  else if (count !== 0 && parsed?.accelerator) {
    model = parsed.accelerator;
    p.add('name', 'gpu.model');
  }
  const memoryGiB = known?.memoryGiB ?? null;
  if (memoryGiB !== null) p.add(CATALOG, 'gpu.memoryGiB');
  const totalMemoryGiB = memoryGiB !== null && count !== null ? memoryGiB * count : null;
  return { model, count, memoryGiB, totalMemoryGiB };
}

/** A size in a region as the API describes it, completed with the catalog's facts and price. */
export function withCatalogFacts(api: ApiSkuFacts, region: string): VmSku {
  const cat = catalogSku(api.name);
  const p = new Provenance();
  const gpu = gpuFrom(api, cat, p);
  const sku: VmSku = {
    name: api.name,
    series: cat?.series ?? seriesFromName(api.name),
    quotaFamily: api.family ?? cat?.quotaFamily ?? null,
    quotaName: cat?.quotaName ?? null,
    gpu,
    vcpus: pick(p, 'vcpus', api.vcpus, cat?.vcpus),
    memoryGiB: pick(p, 'memoryGiB', api.memoryGiB, cat?.memoryGiB),
    tempDiskGiB: pick(p, 'tempDiskGiB', api.tempDiskGiB, cat?.tempDiskGiB),
    nvmeGiB: pick(p, 'nvmeGiB', api.nvmeGiB, cat?.nvmeGiB),
    infiniband: pick(p, 'infiniband', api.rdma, cat?.infiniband),
    // A VM with at most one GPU has no NVLink peer, whatever its GPU model supports.
    nvlink: oneGpuOrLess(gpu) ? false : pick(p, 'nvlink', null, cat?.nvlink),
    available: !api.restrictions.some((r) => r.type === 'Location'),
    restrictions: api.restrictions,
    lowPriorityCapable: pick(p, 'lowPriorityCapable', api.lowPriorityCapable, cat?.lowPriorityCapable),
    factsFrom: '',
  };
  if (api.zones) sku.zones = api.zones;
  if (api.retirement) {
    sku.retirement = api.retirement;
    sku.retirementSource = 'Resource SKUs API (RetirementDateUtc)';
  } else if (cat?.retirement) {
    sku.retirement = cat.retirement;
    if (cat.retirementSource) sku.retirementSource = cat.retirementSource;
  }
  if (cat?.interconnectNote) sku.interconnectNote = cat.interconnectNote;
  if (cat?.aliases) sku.aliases = [...cat.aliases];
  const price = priceFor(api.name, region);
  if (price) sku.price = price;
  sku.factsFrom = p.toString() || 'api';
  return sku;
}
