// Locations, subscriptions, groups, sizes, tag values and metric timestamps repeat across a million
// records: keeping one string of each instead of one per record saves a few hundred MiB at that scale.
// Bounded, so input of unique values costs a lookup and nothing more.
const SHARED = new Map<string, string>();
const LIMIT = 200_000;

/** The first string seen with the same text as `x` (or `x` itself); null stays null. */
export function shared(x: string): string;
export function shared(x: string | null): string | null;
export function shared(x: string | null): string | null {
  if (x === null) return null;
  const hit = SHARED.get(x);
  if (hit !== undefined) return hit;
  if (SHARED.size < LIMIT) SHARED.set(x, x);
  return x;
}
