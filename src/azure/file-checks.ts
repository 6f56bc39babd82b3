// Checks of the numbers and repeats in exported files, beyond their shape: a negative vCPU count or a
// limit of 1e308 must stop with the file, the record and the field named, never become an answer.
import { InputError } from '../errors.js';
import { normalizeRegion, sizeKey } from '../model/names.js';
import { normalizeFamily } from '../model/quota.js';
import type { RawResourceSku } from './resource-sku.js';
import type { RawUsage } from './usage.js';

/** Capabilities gpuops reads as numbers, and what a sane value is (Azure's are whole numbers except MemoryGB). */
// The bounds are far above any VM size and keep absurd values ("1e308") out.
const NUMERIC_CAPS: Record<string, { min: number; max: number; integral: boolean }> = {
  vCPUs: { min: 1, max: 100_000, integral: true },
  GPUs: { min: 0, max: 1_000, integral: true },
  MemoryGB: { min: 0, max: 10_000_000, integral: false },
  MaxResourceVolumeMB: { min: 0, max: 1e12, integral: true },
  NvmeDiskSizeInMiB: { min: 0, max: 1e12, integral: true },
};

/** What is wrong with a number taken from a file, or null when it is sane. */
function numberProblem(value: unknown, min: number, integral: boolean, max = Number.MAX_SAFE_INTEGER): string | null {
  // Plain decimals, as az and the REST API write them: Number() would also read "0x18" as 24 and "" as 0.
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  const want = `expected ${integral ? 'a whole number' : 'a number'} ${range}`;
  if (!Number.isFinite(n)) return `is ${JSON.stringify(value)}, not a finite decimal number; ${want}`;
  if (n < min || n > max || (integral && !Number.isSafeInteger(n))) return `is ${JSON.stringify(value)}; ${want}`;
  return null;
}

function badRecord(label: string, path: string, index: number, what: string, problem: string): never {
  const shown = path === '-' ? '"-" (standard input)' : JSON.stringify(path);
  throw new InputError(`${label} ${shown} has a bad record at index ${index} (${what}): ${problem}`, {
    suggestion: 'export the file again with az, or fix that record',
  });
}

/** Numeric capabilities are finite, in range and whole where Azure's are; one size has one set of facts. */
export function checkSkus(path: string, records: readonly RawResourceSku[], indexes: readonly number[]): void {
  const seen = new Map<string, { index: number; facts: string }>();
  records.forEach((raw, i) => {
    const index = indexes[i] ?? i;
    for (const c of raw.capabilities ?? []) {
      const rule = NUMERIC_CAPS[c.name];
      const problem = rule && numberProblem(c.value, rule.min, rule.integral, rule.max);
      if (problem) badRecord('SKUs file', path, index, raw.name, `capability ${c.name} ${problem}`);
    }
    if (raw.resourceType !== 'virtualMachines') return;
    // The facts two records of one size must agree on: family and the numeric capabilities.
    const numeric: string[] = [];
    for (const c of raw.capabilities ?? []) if (c.name in NUMERIC_CAPS) numeric.push(`${c.name}=${Number(c.value)}`);
    const facts = `${raw.family ?? ''}|${numeric.sort().join('|')}`;
    const regions = (raw.locations ?? []).map(normalizeRegion).sort().join(',');
    const key = `${sizeKey(raw.name)}@${regions}`;
    const before = seen.get(key);
    if (before && before.facts !== facts) {
      badRecord('SKUs file', path, index, raw.name, `it repeats the size of the record at index ${before.index} with different family or capability values; keep one of the two`);
    }
    if (!before) seen.set(key, { index, facts });
  });
}

/** Usage counts are whole numbers of at least 0; one quota has one entry. */
export function checkUsages(path: string, usages: readonly RawUsage[]): void {
  const seen = new Map<string, { index: number; counts: string }>();
  usages.forEach((u, index) => {
    for (const field of ['currentValue', 'limit'] as const) {
      const problem = numberProblem(u[field], 0, true);
      if (problem) badRecord('Usage file', path, index, u.name.value, `field "${field}" ${problem}`);
    }
    const key = normalizeFamily(u.name.value);
    const counts = `${Number(u.currentValue)}/${Number(u.limit)}`;
    const before = seen.get(key);
    if (before && before.counts !== counts) {
      badRecord('Usage file', path, index, u.name.value, `it repeats the quota of the entry at index ${before.index} with other numbers (${counts} against ${before.counts} used/limit); keep one of the two`);
    }
    if (!before) seen.set(key, { index, counts });
  });
}
