import type { CostReport, PriceKind, PriceQuote } from '../model/workload-plan.js';

/** Azure prices a month as 730 hours. */
export const HOURS_PER_MONTH = 730;

/** The weekend nobody watches: a crash at 03:00 Saturday, VMs still running at 09:00 Monday. */
export const IDLE_WEEKEND = { scenario: 'the job crashes at 3 AM Saturday and the VMs run until Monday 9 AM', hours: 54 };

/** Money rounded to cents. */
export const cents = (n: number): number => Math.round(n * 100) / 100;

/** What a cost question needs; the quote is null when no price was found. */
export interface CostQuestion {
  sku: string;
  count: number;
  region: string;
  kind: PriceKind;
  hours: number | null;
  quote: PriceQuote | null;
  idleHours?: number;
  /** Said instead of a source when no price was found. */
  notFound: string;
}

/** Per hour, per run, per month and the idle weekend; every figure is null when the price is not known. */
export function costReport(q: CostQuestion): CostReport {
  const idleHours = q.idleHours ?? IDLE_WEEKEND.hours;
  const scenario = q.idleHours === undefined ? IDLE_WEEKEND.scenario : `the VMs run idle for ${idleHours} h`;
  const p = q.quote?.perHour ?? null;
  const all = p === null ? null : p * q.count;
  return {
    sku: q.sku, count: q.count, region: q.region, pricing: q.kind, hours: q.hours,
    pricePerHour: p,
    total: all === null || q.hours === null ? null : cents(all * q.hours),
    perMonth: all === null ? null : cents(all * HOURS_PER_MONTH),
    currency: q.quote?.currency ?? 'USD',
    source: q.quote?.source ?? q.notFound,
    asOf: q.quote?.asOf ?? null,
    idle: { scenario, hours: idleHours, cost: all === null ? null : cents(all * idleHours) },
  };
}
