import { describe, expect, it } from 'vitest';
import { RateLimiter } from './limiter.js';

describe('RateLimiter', () => {
  it('admits up to the TPM budget, then answers with the wait for the missing tokens', () => {
    const l = new RateLimiter(6000, null, 0);
    expect(l.admit(4000, 0)).toMatchObject({ ok: true, remainingTokens: 2000 });
    const no = l.admit(3000, 0);
    // 1000 tokens missing at 100 tokens/s.
    expect(no).toMatchObject({ ok: false, limit: 'tokens', remainingTokens: 2000 });
    expect(no.ok === false && no.retryAfterMs).toBeCloseTo(10_000, 6);
    expect(l.admit(3000, 10_000)).toMatchObject({ ok: true, remainingTokens: 0 });
  });

  it('enforces RPM over 10-second windows (RPM/6 at once)', () => {
    const l = new RateLimiter(null, 60, 0);
    const got = Array.from({ length: 12 }, () => l.admit(1, 0).ok);
    expect(got.filter(Boolean)).toHaveLength(10);
    const no = l.admit(1, 0);
    expect(no.ok === false && no.limit).toBe('requests');
    expect(no.ok === false && no.retryAfterMs).toBeCloseTo(1000, 6);
    expect(l.admit(1, 1000).ok).toBe(true);
  });

  it('never refills past capacity and ignores time going backwards', () => {
    const l = new RateLimiter(100, null, 0);
    expect(l.admit(100, 1_000_000).ok).toBe(true);
    expect(l.admit(1, 500).ok).toBe(false);
  });

  it('tells a request bigger than the bucket to wait until the bucket is full', () => {
    const l = new RateLimiter(600, null, 0);
    const no = l.admit(5000, 0);
    expect(no.ok).toBe(false);
    expect(no.ok === false && no.retryAfterMs).toBeCloseTo(100, 6);
  });
});
