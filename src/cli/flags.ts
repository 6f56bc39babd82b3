import { InputError } from '../errors.js';

/** The most VMs a --count takes: more than any region's GPU capacity; also keeps vCPU and cost arithmetic exact. */
export const MAX_VM_COUNT = 100_000;

/** Parse a whole number flag, naming the flag and the expected range when it is wrong. */
export function intFlag(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max.toLocaleString('en')}`;
      throw new InputError(`${flag} "${value}" is not valid: expected a whole number ${range}`);
    }
    return n;
  };
}

/** Parse a non-negative number flag (GiB, hours), at most `max` when one is given. */
export function numberFlag(flag: string, max = Infinity): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) {
      throw new InputError(`${flag} "${value}" is not valid: expected a number of 0 or more${max === Infinity ? '' : ` and at most ${max.toLocaleString('en')}`}`);
    }
    return n;
  };
}

/** Parse a positive, finite number flag of at most `max` (hours, days; fractions allowed). */
export function positiveNumberFlag(flag: string, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
      throw new InputError(`${flag} "${value}" is not valid: expected a number above 0 and at most ${max}`);
    }
    return n;
  };
}

/** Parse a flag that must be one of a few words. */
export function choiceFlag<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    const v = value.toLowerCase();
    const hit = choices.find((c) => c.toLowerCase() === v);
    if (!hit) throw new InputError(`${flag} "${value}" is not valid: expected one of ${choices.join(', ')}`);
    return hit;
  };
}

/** Azure availability zones are numbered 1, 2 and 3 in every region that has them. */
export const ZONES = ['1', '2', '3'] as const;

/** Parse `--zone`: exactly one of the zone numbers, nothing around it, given once. */
export function zoneFlag(value: string, previous?: string): string {
  if (previous !== undefined) throw new InputError(`--zone is given twice ("${previous}" and "${value}"): a deployment goes to one zone`);
  if (!(ZONES as readonly string[]).includes(value)) {
    throw new InputError(`--zone ${JSON.stringify(value)} is not valid: expected an availability zone number, one of ${ZONES.join(', ')}`);
  }
  return value;
}
