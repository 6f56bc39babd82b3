import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

const any = { min: 0, max: Number.MAX_SAFE_INTEGER };

describe('durations', () => {
  it('reads Prometheus-style durations into milliseconds', () => {
    expect(['500ms', '15s', '5m', '1h', '1m30s', '1.5s', '0s'].map((d) => parseDuration('--x', d, any))).toEqual([500, 15_000, 300_000, 3_600_000, 90_000, 1500, 0]);
  });

  it.each(['', '15', 's', '5 m', '-5s', '1e3s', '5d', '1s1', 'NaNs', '5.s'])('rejects %j', (d) => {
    expect(() => parseDuration('--x', d, any)).toThrow(`--x "${d}" is not a duration`);
  });

  it('checks the range and names it', () => {
    expect(() => parseDuration('--idle-for', '61m', { min: 0, max: 3_600_000 })).toThrow('--idle-for "61m" is out of range: expected between 0s and 1h');
  });

  it('writes the shortest form back', () => {
    expect([500, 15_000, 90_000, 3_600_000, 3_661_001, 0].map(formatDuration)).toEqual(['500ms', '15s', '1m30s', '1h', '1h1m1s1ms', '0s']);
  });
});
