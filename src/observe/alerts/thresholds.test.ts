import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { configThresholds } from './thresholds.js';

describe('configThresholds', () => {
  it('passes the values of known keys through, durations as text', () => {
    expect(configThresholds({ alerts: { tpmLimit: 1000, ttftSlo: '1s', for: '2m' } }, 'g.yaml')).toEqual({ tpmLimit: 1000, ttftSloMs: '1s', pendingForMs: '2m' });
  });

  it('refuses a key written with no value instead of keeping the default unseen', () => {
    expect(() => configThresholds({ alerts: { tpmLimit: null } }, 'g.yaml')).toThrow(InputError);
    expect(() => configThresholds({ alerts: { tpmLimit: null } }, 'g.yaml')).toThrow('g.yaml: alerts.tpmLimit is empty: expected a value');
  });

  it('suggests the nearest known key for a typo', () => {
    let err: unknown;
    try {
      configThresholds({ alerts: { ttftSol: '1s' } }, 'g.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain('g.yaml: alerts.ttftSol is not a known setting');
    expect((err as InputError).suggestion).toBe('did you mean ttftSlo?');
  });

  it('an absent or empty alerts section gives no thresholds', () => {
    expect(configThresholds(null, 'g.yaml')).toEqual({});
    expect(configThresholds({ alerts: null }, 'g.yaml')).toEqual({});
  });
});
