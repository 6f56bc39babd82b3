import { InputError } from '../../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parse a duration like Prometheus writes it (`500ms`, `15s`, `5m`, `1h`, `1m30s`) into milliseconds. */
export function parseDuration(flag: string, value: string, range: { min: number; max: number }): number {
  const v = value.trim();
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const valid = v !== '' && parts.map((p) => p[0]).join('') === v;
  const ms = valid ? parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0) : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(`${flag} "${value}" is not a duration: expected a number with a unit, e.g. 500ms, 15s, 5m, 1h`);
  }
  if (ms < range.min || ms > range.max) {
    throw new InputError(`${flag} "${value}" is out of range: expected between ${formatDuration(range.min)} and ${formatDuration(range.max)}`);
  }
  return ms;
}

/** Milliseconds as the shortest Prometheus duration: 500ms, 15s, 5m, 1h, 1m30s. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
