import type { Stat } from './stats.js';
import type { BenchStage } from './run.js';

/** One compared figure: a, b, b - a and the change in percent (null when a is 0 or either is unknown). */
export interface Delta {
  metric: string;
  a: number | null;
  b: number | null;
  diff: number | null;
  changePercent: number | null;
  /** Whether a higher value is better (throughput) or worse (latency, errors). */
  better: 'higher' | 'lower';
}

const LATENCIES = ['ttftMs', 'itlMs', 'tpotMs', 'e2eMs'] as const;
const PICKS = ['p50', 'p99'] as const;

function delta(metric: string, a: number | null | undefined, b: number | null | undefined, better: Delta['better']): Delta {
  const x = a ?? null;
  const y = b ?? null;
  const diff = x !== null && y !== null ? Math.round((y - x) * 1000) / 1000 : null;
  const changePercent = diff !== null && x !== null && x !== 0 ? Math.round((diff / x) * 10_000) / 100 : null;
  return { metric, a: x, b: y, diff, changePercent, better };
}

/** Compare two bench stages figure by figure (b relative to a). */
export function compareStages(a: BenchStage, b: BenchStage): Delta[] {
  const out: Delta[] = [];
  for (const m of LATENCIES) {
    for (const p of PICKS) out.push(delta(`${m}.${p}`, (a[m] as Stat | null)?.[p], (b[m] as Stat | null)?.[p], 'lower'));
  }
  out.push(delta('outputTokensPerSecond', a.outputTokensPerSecond, b.outputTokensPerSecond, 'higher'));
  out.push(delta('tokensPerMinute', a.tokensPerMinute, b.tokensPerMinute, 'higher'));
  out.push(delta('requestsPerMinute', a.requestsPerMinute, b.requestsPerMinute, 'higher'));
  out.push(delta('requests.ok', a.requests.ok, b.requests.ok, 'higher'));
  out.push(delta('requests.failed', a.requests.failed, b.requests.failed, 'lower'));
  out.push(delta('requests.rate_limited', a.requests.rate_limited, b.requests.rate_limited, 'lower'));
  if (a.goodput || b.goodput) out.push(delta('goodput.requestsPerSecond', a.goodput?.requestsPerSecond, b.goodput?.requestsPerSecond, 'higher'));
  return out;
}
