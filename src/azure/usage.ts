import { z } from 'zod';
import type { QuotaUsage } from '../model/quota.js';

// REST returns numbers; `az vm list-usage -o json` prints them as strings ("0", "350"), so both pass.
const Count = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number or a numeric string')]);

/** One Compute Usages entry, REST (`currentValue: 17`) or `az vm list-usage` (`currentValue: "17"`, `localName`). */
export const UsageSchema = z.object({
  unit: z.string().nullish(),
  currentValue: Count,
  limit: Count,
  name: z.object({ value: z.string().min(1, 'expected a quota name such as cores'), localizedValue: z.string().nullish() }),
  localName: z.string().nullish(),
});

/** A validated Compute Usages entry; counts may still be strings. */
export type RawUsage = z.infer<typeof UsageSchema>;

/** A Compute Usages entry in the model's shape; `available` is `limit - used`, never negative. */
export function toQuotaUsage(raw: RawUsage): QuotaUsage {
  const used = Number(raw.currentValue);
  const limit = Number(raw.limit);
  return {
    // Verbatim: the join key with a SKU's `family`, compared through normalizeFamily().
    family: raw.name.value,
    name: raw.name.localizedValue ?? raw.localName ?? raw.name.value,
    used,
    limit,
    // Usage can exceed a limit that was lowered after the VMs were created.
    available: Math.max(0, limit - used),
  };
}
