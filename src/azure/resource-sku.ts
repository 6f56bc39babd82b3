import { z } from 'zod';
import { CATALOG_DATE, catalogSku, parseSizeName, priceFor, seriesFromName, type CatalogSku } from '../catalog/index.js';
import { normalizeRegion } from '../model/names.js';
import type { Restriction, SkuGpu, VmSku } from '../model/sku.js';

// Real captures carry explicit nulls (`kind`, `capacity`, `costs`) and the SDK leaves absent keys as
// undefined, so optional fields are `nullish` throughout.
const CapabilitySchema = z.object({ name: z.string(), value: z.string() });

const RawRestrictionSchema = z.object({
  // The spec enum is Location | Zone; a new value must not break a whole listing, so it is a string here.
  type: z.string(),
  values: z.array(z.string()).nullish(),
  restrictionInfo: z
    .object({ locations: z.array(z.string()).nullish(), zones: z.array(z.string()).nullish() })
    .nullish(),
  reasonCode: z.string().nullish(),
});

const LocationInfoSchema = z.object({
  location: z.string().nullish(),
  zones: z.array(z.string()).nullish(),
  // Shapes vary in the wild (skewer's capture has `Name` and `name: null`); gpuops does not read them.
  zoneDetails: z.array(z.unknown()).nullish(),
  extendedLocations: z.array(z.string()).nullish(),
  type: z.string().nullish(),
});

/** One Resource SKU record as the REST API returns it and `az vm list-skus -o json` prints it. */
export const ResourceSkuSchema = z.object({
  resourceType: z.string(),
  name: z.string(),
  tier: z.string().nullish(),
  size: z.string().nullish(),
  family: z.string().nullish(),
  locations: z.array(z.string()).nullish(),
  locationInfo: z.array(LocationInfoSchema).nullish(),
  capabilities: z.array(CapabilitySchema).nullish(),
  restrictions: z.array(RawRestrictionSchema).nullish(),
});

/** A validated Resource SKU record. */
export type RawResourceSku = z.infer<typeof ResourceSkuSchema>;
type RawRestriction = z.infer<typeof RawRestrictionSchema>;

/** Region names compare case-insensitively without spaces ("East US 2" and "eastus2" are one region). */
export function sameRegion(a: string, b: string): boolean {
  return normalizeRegion(a) === normalizeRegion(b);
}

/** Whether a record lists the region in `locations` or `locationInfo`. */
export function skuInRegion(raw: RawResourceSku, region: string): boolean {
  const named = [...(raw.locations ?? []), ...(raw.locationInfo ?? []).map((l) => l.location ?? '')];
  return named.some((l) => sameRegion(l, region));
}

/** The regions a record is offered in, lower-cased. */
export function skuRegions(raw: RawResourceSku): string[] {
  return [...new Set((raw.locations ?? []).map((l) => l.toLowerCase()))];
}

type Caps = Map<string, string>;

function capNumber(caps: Caps, name: string): number | null {
  const text = caps.get(name);
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  // A negative or endless count is no fact; files are refused earlier, live data becomes unknown.
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function capBool(caps: Caps, name: string): boolean | null {
  const text = caps.get(name)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/** `RetirementDateUtc` is US-style "08/31/2023"; report it as ISO, keep anything else verbatim. */
function isoDate(text: string | undefined): string | undefined {
  const m = text?.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})/);
  if (!m) return text;
  return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

function appliesTo(r: RawRestriction, region: string): boolean {
  const places = [...(r.values ?? []), ...(r.restrictionInfo?.locations ?? [])];
  return places.some((p) => sameRegion(p, region));
}

/** The record's restrictions that concern `region`, in the model's shape. */
export function restrictionsFor(raw: RawResourceSku, region: string): Restriction[] {
  const out: Restriction[] = [];
  for (const r of raw.restrictions ?? []) {
    if ((r.type !== 'Location' && r.type !== 'Zone') || !appliesTo(r, region)) continue;
    const reason = r.reasonCode ?? 'unspecified';
    const zones = r.type === 'Zone' ? sortZones(r.restrictionInfo?.zones ?? []) : undefined;
    out.push(zones ? { type: r.type, reason, zones } : { type: r.type, reason });
  }
  return out;
}

// One collator for all comparisons: localeCompare with options builds a new one on every call.
const numericOrder = new Intl.Collator('en', { numeric: true }).compare;

function sortZones(zones: string[]): string[] {
  return [...new Set(zones)].sort(numericOrder);
}

function zonesFor(raw: RawResourceSku, region: string): string[] | undefined {
  // With includeExtendedLocations the API adds `type: EdgeZone` entries for the same region; those are
  // edge sites, not availability zones.
  const infos = (raw.locationInfo ?? []).filter((l) => sameRegion(l.location ?? '', region) && l.type !== 'EdgeZone');
  if (infos.length === 0) return undefined;
  return sortZones(infos.flatMap((l) => l.zones ?? []));
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

/** A fact from the API if present, else from the catalog, else null; records which one. */
function pick<T>(p: Provenance, fact: string, api: T | null, cat: T | null | undefined): T | null {
  if (api !== null) {
    p.add('api', fact);
    return api;
  }
  if (cat !== null && cat !== undefined) {
    p.add(`catalog ${CATALOG_DATE}`, fact);
    return cat;
  }
  return null;
}

function gpuFrom(raw: RawResourceSku, caps: Caps, cat: CatalogSku | undefined, p: Provenance): SkuGpu {
  const catalog = `catalog ${CATALOG_DATE}`;
  const known = cat?.gpu;
  // The API rounds partitioned GPUs up to "1" (NV6ads_A10_v5 is 1/6 of an A10, SkyPilot
  // fetch_azure.py), so a catalog fraction wins over the API's count.
  if (known && (known.fraction !== undefined || (known.count !== null && known.count > 0 && known.count < 1))) {
    p.add(catalog, 'gpu.count, gpu.model, gpu.memoryGiB');
    return { ...known };
  }
  const parsed = parseSizeName(raw.name);
  // No GPUs capability on a size whose name says GPU family means "unknown", not zero.
  const count = pick(p, 'gpu.count', capNumber(caps, 'GPUs'), known?.count) ?? (parsed?.isGpuFamily ? null : 0);
  let model = known?.model ?? null;
  if (model !== null) p.add(catalog, 'gpu.model');
  else if (count !== 0 && parsed?.accelerator) {
    model = parsed.accelerator;
    p.add('name', 'gpu.model');
  }
  const memoryGiB = known?.memoryGiB ?? null;
  if (memoryGiB !== null) p.add(catalog, 'gpu.memoryGiB');
  const totalMemoryGiB = memoryGiB !== null && count !== null ? memoryGiB * count : null;
  return { model, count, memoryGiB, totalMemoryGiB };
}

/**
 * A `virtualMachines` Resource SKU as a VmSku for `region`; null for other resource types.
 * Every size is converted (non-GPU sizes get `gpu.count: 0`, `model: null`); the engine filters.
 */
export function toVmSku(raw: RawResourceSku, region: string): VmSku | null {
  if (raw.resourceType !== 'virtualMachines') return null;
  const caps: Caps = new Map((raw.capabilities ?? []).map((c) => [c.name, c.value]));
  const cat = catalogSku(raw.name);
  const p = new Provenance();
  const tempMb = capNumber(caps, 'MaxResourceVolumeMB');
  const nvmeMib = capNumber(caps, 'NvmeDiskSizeInMiB');
  const gpu = gpuFrom(raw, caps, cat, p);
  const restrictions = restrictionsFor(raw, region);
  const sku: VmSku = {
    name: raw.name,
    series: cat?.series ?? seriesFromName(raw.name),
    // Verbatim: it is the key into Compute Usages `name.value`; compare with normalizeFamily().
    quotaFamily: raw.family ?? cat?.quotaFamily ?? null,
    quotaName: cat?.quotaName ?? null,
    gpu,
    vcpus: pick(p, 'vcpus', capNumber(caps, 'vCPUs'), cat?.vcpus),
    memoryGiB: pick(p, 'memoryGiB', capNumber(caps, 'MemoryGB'), cat?.memoryGiB),
    // MaxResourceVolumeMB is MiB despite its name (65536 for the 64 GiB temp disk of NC24ads_A100_v4).
    tempDiskGiB: pick(p, 'tempDiskGiB', tempMb === null ? null : tempMb / 1024, cat?.tempDiskGiB),
    nvmeGiB: pick(p, 'nvmeGiB', nvmeMib === null ? null : Math.round((nvmeMib / 1024) * 100) / 100, cat?.nvmeGiB),
    infiniband: pick(p, 'infiniband', capBool(caps, 'RdmaEnabled'), cat?.infiniband),
    // A VM with at most one GPU has no NVLink peer, whatever its GPU model supports.
    nvlink: gpu.count !== null && gpu.count > 0 && gpu.count <= 1 ? false : pick(p, 'nvlink', null, cat?.nvlink),
    available: !restrictions.some((r) => r.type === 'Location'),
    restrictions,
    lowPriorityCapable: pick(p, 'lowPriorityCapable', capBool(caps, 'LowPriorityCapable'), cat?.lowPriorityCapable),
    factsFrom: '',
  };
  return finish(sku, raw, region, cat, caps, p);
}

function finish(
  sku: VmSku,
  raw: RawResourceSku,
  region: string,
  cat: CatalogSku | undefined,
  caps: Caps,
  p: Provenance,
): VmSku {
  const zones = zonesFor(raw, region);
  if (zones) sku.zones = zones;
  const apiRetirement = isoDate(caps.get('RetirementDateUtc'));
  if (apiRetirement) {
    sku.retirement = apiRetirement;
    sku.retirementSource = 'Resource SKUs API (RetirementDateUtc)';
  } else if (cat?.retirement) {
    sku.retirement = cat.retirement;
    if (cat.retirementSource) sku.retirementSource = cat.retirementSource;
  }
  if (cat?.interconnectNote) sku.interconnectNote = cat.interconnectNote;
  const price = priceFor(raw.name, region);
  if (price) sku.price = price;
  sku.factsFrom = p.toString() || 'api';
  return sku;
}
