import type { SkuPrice } from '../model/sku.js';
import type { PriceKind, PriceQuote } from '../model/workload-plan.js';

/** A live quote as the engine compares them: the date it took effect may be unknown. */
export type DatedQuote = PriceQuote & { effectiveStartDate?: string | null };

/** The quote of one kind to use: the most recent meter, then the lowest price; null when there is none. */
export function pickQuote(quotes: readonly DatedQuote[], kind: PriceKind): PriceQuote | null {
  const ofKind = quotes.filter((q) => q.kind === kind);
  if (ofKind.length === 0) return null;
  const sorted = [...ofKind].sort((a, b) =>
    (b.effectiveStartDate ?? '').localeCompare(a.effectiveStartDate ?? '') || a.perHour - b.perHour);
  const { effectiveStartDate: _drop, ...quote } = sorted[0]!;
  return quote;
}

/** The catalog's price of one kind; reservations are not in the catalog, so they are null there. */
export function catalogQuote(sku: string, region: string, price: SkuPrice | undefined, kind: PriceKind): PriceQuote | null {
  if (!price) return null;
  if (kind === 'payg') return { sku, region, kind, perHour: price.paygPerHour, currency: price.currency, source: price.source, asOf: price.asOf };
  if (kind === 'spot' && price.spotPerHour !== undefined) {
    return { sku, region, kind, perHour: price.spotPerHour, currency: price.currency, source: price.spotSource ?? price.source, asOf: price.asOf };
  }
  return null;
}
