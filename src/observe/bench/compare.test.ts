import { describe, expect, it } from 'vitest';
import { compareStages } from './compare.js';
import type { BenchStage } from './run.js';

const stat = (p50: number, p99: number) => ({ count: 1, mean: p50, p50, p90: p99, p95: p99, p99, max: p99 });

function stage(over: Partial<BenchStage>): BenchStage {
  return {
    ttftMs: stat(100, 200), itlMs: stat(10, 20), tpotMs: stat(10, 12), e2eMs: stat(1000, 1500), outputTokensPerSecond: 500, tokensPerMinute: 60_000, requestsPerMinute: 120,
    requests: { ok: 10, failed: 0, rate_limited: 0 }, goodput: null, ...over,
  } as BenchStage;
}

describe('compareStages', () => {
  it('gives b - a and the change against a, with which way is better', () => {
    const d = compareStages(stage({}), stage({ ttftMs: stat(150, 180), outputTokensPerSecond: 250 }));
    expect(d.find((x) => x.metric === 'ttftMs.p50')).toEqual({ metric: 'ttftMs.p50', a: 100, b: 150, diff: 50, changePercent: 50, better: 'lower' });
    expect(d.find((x) => x.metric === 'ttftMs.p99')).toMatchObject({ diff: -20, changePercent: -10 });
    expect(d.find((x) => x.metric === 'outputTokensPerSecond')).toMatchObject({ diff: -250, changePercent: -50, better: 'higher' });
  });

  it('leaves unknown figures unknown', () => {
    const d = compareStages(stage({ tpotMs: null }), stage({ requests: { ok: 0, failed: 10, rate_limited: 10 } as BenchStage['requests'] }));
    expect(d.find((x) => x.metric === 'tpotMs.p50')).toMatchObject({ a: null, b: 10, diff: null, changePercent: null });
    expect(d.find((x) => x.metric === 'requests.failed')).toMatchObject({ a: 0, b: 10, diff: 10, changePercent: null });
  });
});
