import { normalizeRegion, sizeKey } from '../model/names.js';
import type { SkuPrice } from '../model/sku.js';
import { aliasesOf, canonicalSize } from './aliases.js';
import { PAYG_TEXT, SKYPILOT_TEXT } from './price-data.js';
import { CATALOG_DATE, PAYG_SOURCE, SPOT_SOURCE } from './provenance.js';

export { CATALOG_DATE } from './provenance.js';
export { normalizeRegion } from '../model/names.js';

interface SkyPilotRow {
  payg: number | null;
  spot: number | null;
}

interface PriceTables {
  /** lower-case size name -> region -> USD/hour */
  payg: Map<string, Map<string, number>>;
  spot: Map<string, Map<string, SkyPilotRow>>;
  regions: string[];
}

let tables: PriceTables | undefined;

function cell(text: string | undefined): number | null {
  if (text === undefined || text === '-' || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Each line is "name region=value ..."; `read` turns a value into a table entry. */
function parseLines<T>(text: string, read: (value: string) => T): Map<string, Map<string, T>> {
  const out = new Map<string, Map<string, T>>();
  for (const line of text.split('\n')) {
    const [name, ...pairs] = line.trim().split(' ');
    if (!name) continue;
    const byRegion = new Map<string, T>();
    for (const pair of pairs) {
      const [region, value] = pair.split('=');
      if (region && value !== undefined) byRegion.set(region, read(value));
    }
    out.set(name.toLowerCase(), byRegion);
  }
  return out;
}

// Parsed on first use: the CLI's cold start must not pay for 1,421 rows it may never read.
function priceTables(): PriceTables {
  if (!tables) {
    const payg = parseLines(PAYG_TEXT, (v) => Number(v));
    const spot = parseLines(SKYPILOT_TEXT, (v) => {
      const [p, s] = v.split('/');
      return { payg: cell(p), spot: cell(s) };
    });
    const regions = new Set<string>();
    for (const table of [payg, spot]) for (const byRegion of table.values()) for (const r of byRegion.keys()) regions.add(r);
    tables = { payg, spot, regions: [...regions].sort() };
  }
  return tables;
}

/**
 * SkyPilot's spot price where it is a real discount: absent, or not below either pay-as-you-go
 * figure (its H100 rows repeat the pay-as-you-go price as "spot"), means no spot price.
 */
function spotFor(key: string, region: string, payg: number): number | undefined {
  const row = priceTables().spot.get(key)?.get(region);
  if (!row || row.spot === null) return undefined;
  if (row.spot >= payg || (row.payg !== null && row.spot >= row.payg)) return undefined;
  return row.spot;
}

/** Linux pay-as-you-go price (and spot, where known) of one VM of `name` in `region`; undefined when unpriced. */
export function priceFor(name: string, region: string): SkuPrice | undefined {
  const where = normalizeRegion(region);
  // A size is priced under its own name or, where the sheet uses another, under an alias.
  const real = canonicalSize(name);
  const key = [real, ...aliasesOf(real)].map(sizeKey).find((k) => priceTables().payg.get(k)?.has(where));
  if (key === undefined) return undefined;
  const payg = priceTables().payg.get(key)!.get(where)!;
  const price: SkuPrice = { paygPerHour: payg, currency: 'USD', asOf: CATALOG_DATE, source: PAYG_SOURCE };
  const spot = spotFor(key, where, payg);
  if (spot !== undefined) {
    price.spotPerHour = spot;
    price.spotSource = SPOT_SOURCE;
  }
  return price;
}

/** Regions with a pay-as-you-go price row for `name`, sorted. */
export function regionsOffering(name: string): string[] {
  const real = canonicalSize(name);
  const regions = [real, ...aliasesOf(real)].flatMap((n) => [...(priceTables().payg.get(sizeKey(n))?.keys() ?? [])]);
  return [...new Set(regions)].sort();
}

/** Every region named in either price table, sorted. */
export function knownRegions(): string[] {
  return [...priceTables().regions];
}
