import { describe, expect, it } from 'vitest';
import { bucketsFor, cachedBucketsFor, SlidingWindowLimiter, WINDOW_MS } from './limiter.js';
import type { KeyConfig } from './config.js';

const bucket = { id: 'k', tpm: 100, rpm: 3 };

describe('SlidingWindowLimiter', () => {
  it('admits up to the TPM limit and refuses the request that would pass it, with the wait until room frees', () => {
    const l = new SlidingWindowLimiter();
    expect(l.reserve([bucket], 60, 'a', 1000)).toMatchObject({ ok: true, remainingTokens: 40, remainingRequests: 2 });
    expect(l.reserve([bucket], 40, 'b', 2000)).toMatchObject({ ok: true, remainingTokens: 0, remainingRequests: 1 });
    const r = l.reserve([bucket], 1, 'c', 3000);
    // 1 token is free once "a" (admitted at 1000) leaves the window at 61000.
    expect(r).toEqual({ ok: false, reason: 'tpm', retryAfterMs: 61_000 - 3000, remainingTokens: 0, remainingRequests: 1 });
  });

  it('counts a request for exactly one window: it leaves at t + 60 s, not before', () => {
    const l = new SlidingWindowLimiter();
    l.reserve([bucket], 100, 'a', 0);
    expect(l.reserve([bucket], 1, 'b', WINDOW_MS - 1).ok).toBe(false);
    expect(l.reserve([bucket], 100, 'c', WINDOW_MS).ok).toBe(true);
  });

  it('settles a reservation to the real usage, freeing (or taking) the difference', () => {
    const l = new SlidingWindowLimiter();
    l.reserve([bucket], 90, 'a', 0);
    expect(l.reserve([bucket], 20, 'b', 1).ok).toBe(false);
    l.settle('a', 30, 2);
    expect(l.reserve([bucket], 20, 'c', 3)).toMatchObject({ ok: true, remainingTokens: 50 });
    l.settle('c', 60, 4);
    expect(l.reserve([bucket], 11, 'd', 5)).toMatchObject({ ok: false, reason: 'tpm', remainingTokens: 10 });
  });

  it('ignores a settlement that comes after the request left the window, and a second settlement', () => {
    const l = new SlidingWindowLimiter();
    l.reserve([bucket], 50, 'a', 0);
    l.settle('a', 100, WINDOW_MS + 5);
    expect(l.reserve([bucket], 100, 'b', WINDOW_MS + 6).ok).toBe(true);
    l.settle('a', 0, WINDOW_MS + 7);
    expect(l.reserve([bucket], 1, 'c', WINDOW_MS + 8).ok).toBe(false);
  });

  it('enforces RPM with the wait until the oldest request leaves', () => {
    const l = new SlidingWindowLimiter();
    for (const [i, t] of [[1, 10], [2, 20], [3, 30]]) expect(l.reserve([bucket], 1, `r${i}`, t!).ok).toBe(true);
    expect(l.reserve([bucket], 1, 'r4', 40)).toMatchObject({ ok: false, reason: 'rpm', retryAfterMs: 10 + WINDOW_MS - 40, remainingRequests: 0 });
  });

  it('refuses for good a reservation larger than the whole limit (no Retry-After)', () => {
    const l = new SlidingWindowLimiter();
    expect(l.reserve([bucket], 101, 'a', 0)).toMatchObject({ ok: false, reason: 'too_large', retryAfterMs: null });
  });

  it('charges every bucket or none: a refusal in one bucket leaves the others untouched', () => {
    const l = new SlidingWindowLimiter();
    const key = { id: 'key', tpm: 1000 };
    const team = { id: 'team', tpm: 50 };
    expect(l.reserve([key, team], 40, 'a', 0).ok).toBe(true);
    expect(l.reserve([key, team], 40, 'b', 1)).toMatchObject({ ok: false, reason: 'tpm' });
    expect(l.reserve([key], 960, 'c', 2)).toMatchObject({ ok: true, remainingTokens: 0 });
  });

  it('keeps the window exact over many entries (compaction keeps the sum)', () => {
    const l = new SlidingWindowLimiter();
    const b = { id: 'k', tpm: 5000 };
    for (let t = 0; t < 5000; t++) expect(l.reserve([b], 1, `r${t}`, t * 30).ok).toBe(true);
    // At t = 150000 the window (90000, 150000] holds the entries from t*30 > 90000: 2000 of them... plus this one.
    expect(l.reserve([b], 1, 'x', 150_000)).toMatchObject({ ok: true, remainingTokens: 5000 - 1999 - 1 });
  });
});

describe('bucketsFor', () => {
  const key: KeyConfig = { name: 'a', hash: Buffer.alloc(32), tpm: 10, models: { big: { tpm: 5 } }, team: 't' };
  it('charges the key, the key on a model with its own limit, and the team', () => {
    expect(bucketsFor({ teams: { t: { rpm: 9 } } }, key, 'big').map((b) => b.id)).toEqual(['key:a', 'key:a:model:big', 'team:t']);
    expect(bucketsFor({ teams: { t: {} } }, key, 'small').map((b) => b.id)).toEqual(['key:a']);
    expect(bucketsFor({ teams: {} }, { ...key, tpm: undefined, team: undefined }, null)).toEqual([]);
  });
});

describe('cachedBucketsFor', () => {
  it('gives the same buckets as bucketsFor, building the key-level list once and per-model lists afresh', () => {
    const key: KeyConfig = { name: 'c', hash: Buffer.alloc(32), tpm: 10, models: { big: { tpm: 5 } }, team: 't' };
    const config = { teams: { t: { rpm: 9 } } };
    for (const model of ['big', 'small', null, 'constructor', '__proto__']) {
      expect(cachedBucketsFor(config, key, model)).toEqual(bucketsFor(config, key, model));
    }
    expect(cachedBucketsFor(config, key, 'small')).toBe(cachedBucketsFor(config, key, 'other'));
    expect(cachedBucketsFor(config, key, 'big')).not.toBe(cachedBucketsFor(config, key, 'big'));
  });
});
