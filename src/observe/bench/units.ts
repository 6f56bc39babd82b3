import { InputError } from '../../errors.js';
import { intFlag } from '../../cli/flags.js';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parse a duration flag (`200ms`, `1.5s`, `2m`, `1h`); a bare number is in `bareUnit`.
 * Returns milliseconds; names the flag and the expected form when the value is wrong.
 */
export function durationFlag(flag: string, bareUnit: 'ms' | 's', opts: { min?: number; positive?: boolean; max?: number } = {}): (v: string) => number {
  return (value: string) => {
    const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|ms|s|m|h)?\s*$/.exec(value);
    const ms = m ? Number(m[1]) * UNIT_MS[m[2] ?? bareUnit]! : NaN;
    if (!Number.isFinite(ms) || (opts.positive && ms <= 0) || ms < (opts.min ?? 0)) {
      const need = opts.positive ? 'greater than 0' : '0 or more';
      throw new InputError(`${flag} "${value}" is not valid: expected a duration ${need} such as 200ms, 1.5s or 2m (a bare number is in ${bareUnit === 'ms' ? 'milliseconds' : 'seconds'})`);
    }
    // Node timers cannot wait longer than 2^31-1 ms (about 24.8 days): a longer one fires at once.
    const max = opts.max ?? MAX_DURATION_MS;
    if (ms > max) throw new InputError(`${flag} "${value}" is too long: at most ${max / 3_600_000} hours`);
    return ms;
  };
}

/** The longest duration any flag accepts: 24 hours. */
export const MAX_DURATION_MS = 24 * 3_600_000;

/** Parse a probability flag in [0, 1] (`0.05`, or a percentage `5%`). */
export function probabilityFlag(flag: string): (v: string) => number {
  return (value: string) => {
    const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%)?\s*$/.exec(value);
    const p = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
    if (!(p >= 0 && p <= 1)) throw new InputError(`${flag} "${value}" is not valid: expected a fraction between 0 and 1 (e.g. 0.05) or a percentage (5%)`);
    return p;
  };
}

/** Parse a positive number flag (rates, tokens per second). */
export function positiveFlag(flag: string): (v: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InputError(`${flag} "${value}" is not valid: expected a number greater than 0`);
    return n;
  };
}

/** `key=value,key=value` pairs, keys checked against `keys`; duplicates are refused. */
export function pairsFlag(flag: string, keys: readonly string[], example: string): (v: string) => Map<string, string> {
  return (value: string) => {
    const out = new Map<string, string>();
    for (const part of value.split(',')) {
      const m = /^\s*([a-z0-9_-]+)\s*=\s*(\S+)\s*$/i.exec(part);
      if (!m) throw new InputError(`${flag} "${value}" is not valid: expected key=value pairs separated by commas, e.g. ${example}`);
      const key = m[1]!.toLowerCase();
      if (!keys.includes(key)) throw new InputError(`${flag}: unknown key "${m[1]}"; expected one of ${keys.join(', ')}`);
      if (out.has(key)) throw new InputError(`${flag}: "${key}" is given twice`);
      out.set(key, m[2]!);
    }
    return out;
  };
}

/** Parse a TCP port flag: a whole number from 0 to 65535, where 0 lets the system pick a free port. */
export function portFlag(flag: string): (v: string) => number {
  const whole = intFlag(flag, 0);
  return (value: string) => {
    const n = whole(value);
    if (n > 65535) throw new InputError(`${flag} "${value}" is not valid: expected a whole number from 0 to 65535 (0 picks a free port)`);
    return n;
  };
}
