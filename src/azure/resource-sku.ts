import { z } from 'zod';
import { withCatalogFacts, type ApiSkuFacts } from '../catalog/merge.js';
import { normalizeRegion } from '../model/names.js';
import type { Restriction, VmSku } from '../model/sku.js';

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
  name: z.string().min(1, 'expected a size name such as Standard_NC24ads_A100_v4'),
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
  // Decimal only ("0x18" is no vCPU count); a negative or endless count is no fact. Files are refused
  // earlier; live data becomes unknown.
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
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

/** What the record itself says about the size in `region`: converted, not merged. */
export function apiFacts(raw: RawResourceSku, region: string): ApiSkuFacts {
  const caps: Caps = new Map((raw.capabilities ?? []).map((c) => [c.name, c.value]));
  const tempMb = capNumber(caps, 'MaxResourceVolumeMB');
  const nvmeMib = capNumber(caps, 'NvmeDiskSizeInMiB');
  const facts: ApiSkuFacts = {
    name: raw.name,
    // Verbatim: it is the key into Compute Usages `name.value`; compare with normalizeFamily().
    family: raw.family ?? null,
    gpus: capNumber(caps, 'GPUs'),
    vcpus: capNumber(caps, 'vCPUs'),
    memoryGiB: capNumber(caps, 'MemoryGB'),
    // MaxResourceVolumeMB is MiB despite its name (65536 for the 64 GiB temp disk of NC24ads_A100_v4).
    tempDiskGiB: tempMb === null ? null : tempMb / 1024,
    nvmeGiB: nvmeMib === null ? null : Math.round((nvmeMib / 1024) * 100) / 100,
    rdma: capBool(caps, 'RdmaEnabled'),
    lowPriorityCapable: capBool(caps, 'LowPriorityCapable'),
    restrictions: restrictionsFor(raw, region),
  };
  const zones = zonesFor(raw, region);
  if (zones) facts.zones = zones;
  const retirement = isoDate(caps.get('RetirementDateUtc'));
  if (retirement) facts.retirement = retirement;
  return facts;
}

/**
 * A `virtualMachines` Resource SKU as a VmSku for `region`; null for other resource types.
 * Every size is converted (non-GPU sizes get `gpu.count: 0`, `model: null`); the engine filters.
 * The merge with the catalog's facts is `withCatalogFacts`, beside the catalog.
 */
export function toVmSku(raw: RawResourceSku, region: string): VmSku | null {
  if (raw.resourceType !== 'virtualMachines') return null;
  return withCatalogFacts(apiFacts(raw, region), region);
}
