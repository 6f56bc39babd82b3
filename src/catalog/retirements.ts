// Retirement dates of GPU size series, each from Microsoft's own notice (catalog/sources/retirements.tsv,
// generated into retirement-data.ts). A size retired on or before "today" cannot be deployed again:
// can-deploy answers RETIRED and `skus` hides it unless --all.
import { sizeKey } from '../model/names.js';
import { RETIREMENTS } from './retirement-data.js';

/** A retirement notice: the sizes it names, the date they retire, where it is written. */
export interface RetirementNotice {
  series: string;
  sizes: readonly string[];
  /** ISO date of the retirement. */
  date: string;
  source: string;
  /** ISO date the notice was read. */
  read: string;
}

export { RETIREMENTS };

let bySize: Map<string, RetirementNotice> | undefined;

/** The retirement notice naming a size, if any (case-insensitive; the `Standard_` prefix may be left out). */
export function retirementOf(name: string): RetirementNotice | undefined {
  bySize ??= new Map(RETIREMENTS.flatMap((n) => n.sizes.map((s) => [sizeKey(s), n] as const)));
  return bySize.get(sizeKey(name));
}

/** Is the size retired on `today` (ISO date) by its own date? */
export function isRetired(retirement: string | undefined, today: string | undefined): boolean {
  return retirement !== undefined && today !== undefined && retirement <= today;
}
