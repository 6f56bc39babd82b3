import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { budgetStart, checkBudget, checkExpires, checkName, checkShutdown, checkTimezone } from './request.js';
import { windowsZone } from './timezones.js';

describe('provision input checks', () => {
  it('shutdown times: HH:MM or HHMM on a 24-hour clock', () => {
    expect(checkShutdown('19:00')).toBe('1900');
    expect(checkShutdown('0730')).toBe('0730');
    for (const bad of ['24:00', '19:60', '7pm', '', '19:0', '-1:00']) expect(() => checkShutdown(bad), bad).toThrow(InputError);
  });

  it('time zones: Windows ids in any case, or the IANA zone CLDR maps them from', () => {
    expect(checkTimezone('w. europe standard time')).toBe('W. Europe Standard Time');
    expect(checkTimezone('Europe/Berlin')).toBe('W. Europe Standard Time');
    expect(checkTimezone('America/New_York')).toBe('Eastern Standard Time');
    expect(checkTimezone('UTC')).toBe('UTC');
    expect(windowsZone('Europe/Atlantis')).toBeUndefined();
    expect(() => checkTimezone('CET+1')).toThrow(InputError);
    const err = (() => {
      try {
        checkTimezone('W Europe Standard');
      } catch (e) {
        return e as InputError;
      }
      return undefined;
    })();
    expect(err?.suggestion).toMatch(/did you mean "W\. Europe Standard Time"/);
  });

  it('budgets above 0, finite, rounded to cents', () => {
    expect(checkBudget('5000')).toBe(5000);
    expect(checkBudget('99.999')).toBe(100);
    for (const bad of ['0', '-1', 'NaN', 'Infinity', '', ' ', '1e99']) expect(() => checkBudget(bad), bad).toThrow(InputError);
    // A positive amount that rounds to 0 cents would write a budget of 0.
    expect(checkBudget('0.005')).toBe(0.01);
    for (const bad of ['0.004', '0.0001', '1e-9']) expect(() => checkBudget(bad), bad).toThrow(InputError);
  });

  it('expiry dates: real dates after today', () => {
    expect(checkExpires('2026-12-31', '2026-11-27')).toBe('2026-12-31');
    for (const bad of ['2026-11-27', '2025-01-01', '2026-02-30', '31.12.2026', '2026-12-31T00:00:00Z']) expect(() => checkExpires(bad, '2026-11-27'), bad).toThrow(InputError);
  });

  it('names usable in every resource name', () => {
    expect(checkName('ft-llama')).toBe('ft-llama');
    for (const bad of ['ab', 'Ft-llama', 'ft_llama', '-ft', 'ft-', 'ft--llama', '1ft', 'a'.repeat(25)]) expect(() => checkName(bad), bad).toThrow(InputError);
  });

  it('the budget starts on the first of the current month', () => {
    expect(budgetStart('2026-11-27')).toBe('2026-11-01T00:00:00Z');
  });
});
