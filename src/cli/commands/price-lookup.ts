import { homedir } from 'node:os';
import type { RetailPricesOptions } from '../../azure/retail-prices.js';
import { InputError, RemoteError } from '../../errors.js';
import type { PriceKind, PriceQuote } from '../../model/workload-plan.js';
import { catalogQuote, pickQuote } from '../../plan/prices.js';
import type { CliContext } from '../context.js';

/** Flags that choose where prices come from. */
export interface PriceFlags {
  offline?: boolean;
  live?: boolean;
}

/** Where prices come from for one run: the live Retail Prices API, or the catalog (with the reason). */
export interface PriceLookup {
  live: RetailPricesOptions | null;
  notes: string[];
  quote(sku: string, region: string, kind: PriceKind): Promise<PriceQuote | null>;
}

/**
 * Live prices when Azure is in use (--live, or a configured subscription), as for SKUs and quota; the
 * catalog otherwise. Tests point the client at their loopback server through the Azure endpoint override
 * or GPUOPS_RETAIL_PRICES_URL, so no test can reach prices.azure.com.
 */
export async function priceLookup(flags: PriceFlags, ctx: CliContext): Promise<PriceLookup> {
  if (flags.offline && flags.live) throw new InputError('--offline and --live contradict each other; pass one of them');
  const { hasAzureConfig } = await import('../../azure/subscription.js');
  const { CATALOG_DATE, priceFor } = await import('../../catalog/index.js');
  const useLive = !flags.offline && (flags.live || hasAzureConfig(ctx.env, homedir()));
  const live: RetailPricesOptions | null = useLive
    ? { baseUrl: ctx.env.GPUOPS_RETAIL_PRICES_URL || ctx.azure?.endpoint, ca: ctx.azure?.tlsCa }
    : null;
  const notes = live ? [] : [`offline: prices from the embedded catalog (read ${CATALOG_DATE}); --live reads the Azure Retail Prices API`];
  let liveFailed = false;
  const fromCatalog = (sku: string, region: string, kind: PriceKind) => catalogQuote(sku, region, priceFor(sku, region), kind);
  return {
    live,
    notes,
    async quote(sku, region, kind) {
      if (!live || liveFailed) return fromCatalog(sku, region, kind);
      const { retailQuotes } = await import('../../azure/retail-prices.js');
      try {
        return pickQuote(await retailQuotes(sku, region, live), kind);
      } catch (err) {
        if (!(err instanceof RemoteError)) throw err;
        // The catalog answers instead, and says so: a price is never silently older than it claims.
        liveFailed = true;
        notes.push(`${err.message}; prices below come from the embedded catalog (read ${CATALOG_DATE})`);
        return fromCatalog(sku, region, kind);
      }
    },
  };
}
