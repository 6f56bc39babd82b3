import { describe, expect, it } from 'vitest';
import type { RequestRecord } from './record.js';
import { BenchAccumulator } from './summary.js';

function rec(over: Partial<RequestRecord>): RequestRecord {
  return {
    index: 0, scheduledMs: 0, sentMs: 0, outcome: 'ok', httpStatus: 200, ttfbMs: 5, ttftMs: 100, e2eMs: 300, tpotMs: 10, itlMs: [10, 10],
    promptTokens: 50, outputTokens: 3, tokenSource: 'usage', malformedEvents: 0, serverTtftMs: null, receiveLagMs: null, rateLimit: null, error: null, ...over,
  };
}

describe('BenchAccumulator', () => {
  it('keeps failed requests out of latency figures but counts them', () => {
    const acc = new BenchAccumulator(null);
    acc.add(rec({ ttftMs: 100 }));
    acc.add(rec({ ttftMs: 200 }));
    acc.add(rec({ outcome: 'rate_limited', httpStatus: 429, ttftMs: null, error: 'HTTP 429: slow down' }));
    acc.add(rec({ outcome: 'timeout', httpStatus: null, ttftMs: 5000, error: 'no answer' }));
    const s = acc.summary(2);
    expect(s.requests).toEqual({ sent: 4, ok: 2, failed: 2, rate_limited: 1, http_error: 0, timeout: 1, stream_cut: 0, stream_error: 0, connect_error: 0, byStatus: { 200: 2, 429: 1 } });
    expect(s.ttftMs).toMatchObject({ count: 2, mean: 150, max: 200 });
    // HDR keeps 3 significant digits.
    expect(s.ttftMs!.p50).toBeCloseTo(100, 0);
    expect(s.itlMs!.count).toBe(4);
    expect(s.errors.map((e) => [e.outcome, e.count])).toEqual([['rate_limited', 1], ['timeout', 1]]);
  });

  it('computes throughput from successful tokens over the duration', () => {
    const acc = new BenchAccumulator(null);
    for (let i = 0; i < 4; i++) acc.add(rec({ promptTokens: 100, outputTokens: 50 }));
    acc.add(rec({ outcome: 'http_error', httpStatus: 500, promptTokens: null, outputTokens: null }));
    const s = acc.summary(30);
    expect(s.outputTokensPerSecond).toBeCloseTo(200 / 30, 2);
    expect(s.tokensPerMinute).toBe(1200);
    expect(s.requestsPerMinute).toBe(10);
  });

  it('counts goodput against every objective given', () => {
    const acc = new BenchAccumulator({ ttftMs: 150, tpotMs: 20 });
    acc.add(rec({ ttftMs: 100, tpotMs: 10 }));
    acc.add(rec({ ttftMs: 100, tpotMs: 30 }));
    acc.add(rec({ ttftMs: 200, tpotMs: 10 }));
    acc.add(rec({ ttftMs: 100, tpotMs: null, outputTokens: 1 }));
    acc.add(rec({ outcome: 'stream_cut', ttftMs: 50 }));
    expect(acc.summary(1).goodput).toEqual({ slo: { ttftMs: 150, tpotMs: 20 }, requests: 2, requestsPerSecond: 2, fraction: 0.4 });
  });

  it('reports unknown figures as null, never as 0', () => {
    const s = new BenchAccumulator(null).summary(0);
    expect([s.ttftMs, s.itlMs, s.tpotMs, s.e2eMs, s.addedTtftMs, s.goodput]).toEqual([null, null, null, null, null, null]);
    expect(s.tokensPerMinute).toBe(0);
  });
});
