// Names the price sheet uses for a size whose Resource SKU name is another: the same VM, so one
// catalog entry. An alias is accepted as input and never listed as a size of its own.
import { sizeKey } from '../model/names.js';

/** alias -> the real size name. */
export const SIZE_ALIASES: Readonly<Record<string, string>> = {
  // Same price in every region both are priced in (Retail Prices API, read 2026-06-18); the Resource
  // SKUs API and the docs know only Standard_ND96asr_v4.
  Standard_ND96asr_A100_v4: 'Standard_ND96asr_v4',
};

let byKey: Map<string, string> | undefined;

function aliasIndex(): Map<string, string> {
  byKey ??= new Map(Object.entries(SIZE_ALIASES).map(([alias, real]) => [sizeKey(alias), real]));
  return byKey;
}

/** The real size name for an alias; the input itself when it is no alias. */
export function canonicalSize(name: string): string {
  return aliasIndex().get(sizeKey(name)) ?? name;
}

/** The aliases of a real size name. */
export function aliasesOf(name: string): string[] {
  const key = sizeKey(name);
  return Object.entries(SIZE_ALIASES).flatMap(([alias, real]) => (sizeKey(real) === key ? [alias] : []));
}
