import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { InputError, RemoteError } from '../errors.js';
import type { PriceKind, PriceQuote } from '../model/workload-plan.js';
import { isoSeconds } from './time.js';

/** Service name used in messages, as Azure docs name it. */
export const RETAIL_PRICES_SERVICE = 'Azure Retail Prices API';
/** The public, unauthenticated endpoint. */
export const RETAIL_PRICES_URL = 'https://prices.azure.com';
const API_VERSION = '2023-01-01-preview';
const MAX_PAGES = 50;
const HOURS_PER_YEAR = 8760;

/** How to reach the Retail Prices API; `baseUrl` and `ca` exist so tests can use a loopback server. */
export interface RetailPricesOptions {
  baseUrl?: string;
  ca?: string | Buffer;
  timeoutMs?: number;
}

const money = z.number().finite().nonnegative();

// Only the fields gpuops reads; prices must be finite and not negative.
const ItemSchema = z.object({
  currencyCode: z.string(),
  unitPrice: money,
  armRegionName: z.string(),
  armSkuName: z.string(),
  productName: z.string(),
  skuName: z.string(),
  type: z.string(),
  unitOfMeasure: z.string(),
  reservationTerm: z.string().optional(),
  effectiveStartDate: z.string().optional(),
});
export type RetailItem = z.infer<typeof ItemSchema>;

const PageSchema = z.object({
  Items: z.array(z.unknown()),
  NextPageLink: z.string().nullable().optional(),
});

/** A priced item as gpuops reads it: one VM-hour of one kind, with the date it took effect. */
export interface RetailQuote extends PriceQuote {
  effectiveStartDate: string | null;
}

/** GET one URL and parse its JSON; RemoteError naming the service and status otherwise. */
function getJson(url: URL, opts: RetailPricesOptions): Promise<unknown> {
  const get = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = get(url, { method: 'GET', headers: { accept: 'application/json' }, ...(opts.ca ? { ca: opts.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const what = status === 429 ? 'throttled; wait a minute and retry, or use --offline for catalog prices' : 'retry later, or use --offline for catalog prices';
          return reject(new RemoteError(RETAIL_PRICES_SERVICE, status, what));
        }
        try {
          resolve(JSON.parse(body));
        } catch (cause) {
          reject(new RemoteError(RETAIL_PRICES_SERVICE, status, 'answered with a body that is not JSON; retry later, or use --offline', { cause }));
        }
      });
      res.on('error', (cause) => reject(new RemoteError(RETAIL_PRICES_SERVICE, undefined, `the response broke off (${cause.message})`, { cause })));
    });
    req.setTimeout(opts.timeoutMs ?? 15000, () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 15000} ms`)));
    req.on('error', (cause) => reject(new RemoteError(RETAIL_PRICES_SERVICE, undefined, `cannot be reached (${cause.message}); check the network or use --offline`, { cause })));
    req.end();
  });
}

/** Every item matching an OData filter, following NextPageLink (same origin only) to the last page. */
export async function fetchRetailItems(filter: string, opts: RetailPricesOptions = {}): Promise<RetailItem[]> {
  let base: URL;
  try {
    base = new URL(opts.baseUrl ?? RETAIL_PRICES_URL);
  } catch (cause) {
    throw new InputError(`the Retail Prices URL "${opts.baseUrl}" is not a URL; expected e.g. ${RETAIL_PRICES_URL}`, { cause });
  }
  let url: URL | null = new URL('/api/retail/prices', base);
  url.searchParams.set('api-version', API_VERSION);
  url.searchParams.set('$filter', filter);
  const items: RetailItem[] = [];
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES) throw new RemoteError(RETAIL_PRICES_SERVICE, undefined, `kept paging past ${MAX_PAGES} pages for one size; retry later`);
    const parsed = PageSchema.safeParse(await getJson(url, opts));
    if (!parsed.success) throw new RemoteError(RETAIL_PRICES_SERVICE, 200, 'answered with a page that has no Items array; retry later, or use --offline');
    for (const raw of parsed.data.Items) {
      const item = ItemSchema.safeParse(raw);
      // An item with a price that is not a finite, non-negative number is skipped, never read as 0.
      if (item.success) items.push({ ...item.data, armSkuName: item.data.armSkuName.trim() });
    }
    const next = parsed.data.NextPageLink;
    url = next ? new URL(next) : null;
    if (url && url.origin !== base.origin) {
      throw new RemoteError(RETAIL_PRICES_SERVICE, 200, `NextPageLink points to another host (${url.origin}); refusing to follow it`);
    }
  }
  return items;
}

/** Windows meters: product names end in " Windows" (some H100 products in " Win"). */
function isWindows(item: RetailItem): boolean {
  return /\sWindows\b/i.test(item.productName) || /\sWin$/i.test(item.productName);
}

/** The kind of VM-hour an item prices, or null for what gpuops does not quote (Windows, Low Priority, DevTest). */
function kindOf(item: RetailItem): PriceKind | null {
  if (isWindows(item) || item.unitOfMeasure !== '1 Hour' || /\sLow Priority$/i.test(item.skuName)) return null;
  if (item.type === 'Consumption') return /\sSpot$/i.test(item.skuName) ? 'spot' : 'payg';
  if (item.type === 'Reservation') {
    if (item.reservationTerm === '1 Year') return 'reservation-1y';
    if (item.reservationTerm === '3 Years') return 'reservation-3y';
  }
  return null;
}

/** Linux quotes per VM-hour; reservation items carry the whole term's price, converted here to per hour. */
export function toQuotes(items: readonly RetailItem[], readAt: Date): RetailQuote[] {
  const asOf = isoSeconds(readAt);
  return items.flatMap((item): RetailQuote[] => {
    const kind = kindOf(item);
    if (!kind) return [];
    const years = kind === 'reservation-1y' ? 1 : kind === 'reservation-3y' ? 3 : 0;
    const perHour = years ? item.unitPrice / (HOURS_PER_YEAR * years) : item.unitPrice;
    return [{
      sku: item.armSkuName, region: item.armRegionName, kind, perHour, currency: item.currencyCode, asOf,
      source: `${RETAIL_PRICES_SERVICE} (live${years ? `, ${years}-year reservation price / ${HOURS_PER_YEAR * years} h` : ''})`,
      effectiveStartDate: item.effectiveStartDate ?? null,
    }];
  });
}

/** OData string literal: single quotes doubled. */
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Linux quotes (pay-as-you-go, Spot, reservations) of one size in one region, live. */
export async function retailQuotes(sku: string, region: string, opts: RetailPricesOptions = {}, now: () => Date = () => new Date()): Promise<RetailQuote[]> {
  const filter = `serviceName eq 'Virtual Machines' and armRegionName eq ${literal(region)} and armSkuName eq ${literal(sku)}`;
  return toQuotes(await fetchRetailItems(filter, opts), now());
}
