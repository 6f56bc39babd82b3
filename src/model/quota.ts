import { compactKey } from './names.js';

/** One Compute Usages entry: a quota family (vCPUs) or a regional counter such as `cores`. */
export interface QuotaUsage {
  /** `name.value` as Azure returns it, e.g. "standardNCADSA100v4Family", "cores". */
  family: string;
  /** `name.localizedValue`, e.g. "Total Regional vCPUs". */
  name: string;
  used: number;
  limit: number;
  available: number;
}

/** Compare quota family strings the way real data needs: case-insensitive, whitespace removed. */
export function normalizeFamily(family: string): string {
  return compactKey(family);
}
