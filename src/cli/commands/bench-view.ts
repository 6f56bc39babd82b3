import type { BenchJson } from '../../observe/bench/contract.js';
import { stagesOf } from '../../observe/bench/contract.js';
import type { Delta } from '../../observe/bench/compare.js';
import type { RequestRecord } from '../../observe/bench/record.js';
import type { BenchStage } from '../../observe/bench/run.js';
import type { Stat } from '../../observe/bench/stats.js';
import { plainTable } from '../../render/index.js';

const n = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));

function latencyRows(s: BenchStage): string[][] {
  const rows: [string, Stat | null][] = [['TTFT', s.ttftMs], ['ITL', s.itlMs], ['TPOT', s.tpotMs], ['E2E', s.e2eMs], ['TTFB', s.ttfbMs], ['queue', s.queueMs]];
  return rows.map(([name, st]) => [name, ...(st ? [st.mean, st.p50, st.p90, st.p99, st.max].map((v) => n(v, 2)) : ['-', '-', '-', '-', '-']), st ? String(st.count) : '0']);
}

function stageText(s: BenchStage): string {
  const load = s.load.mode === 'concurrency' ? `concurrency ${s.load.concurrency}` : `rate ${s.load.rate}/s${s.load.concurrency ? ` (at most ${s.load.concurrency} in flight)` : ''}`;
  const r = s.requests;
  const lines = [
    `load: ${load}; ${r.sent} requests in ${n(s.durationS, 2)} s`,
    plainTable(['latency (ms)', 'mean', 'p50', 'p90', 'p99', 'max', 'samples'], latencyRows(s)),
    `requests: ${r.ok} ok, ${r.failed} failed (429 rate limited ${r.rate_limited}, other HTTP ${r.http_error}, timeouts ${r.timeout}, stream cut ${r.stream_cut}, stream error ${r.stream_error}, connect ${r.connect_error})`,
    `throughput: ${n(s.outputTokensPerSecond)} output tokens/s, ${n(s.tokensPerMinute, 0)} TPM, ${n(s.requestsPerMinute)} RPM; tokens ${s.promptTokens} in / ${s.outputTokens} out`,
  ];
  if (s.goodput) lines.push(`goodput: ${s.goodput.requests} requests met the SLO (${n(s.goodput.fraction * 100)}%), ${n(s.goodput.requestsPerSecond, 2)} req/s`);
  if (s.addedTtftMs) lines.push(`client-added TTFT vs server stamps: p50 ${n(s.addedTtftMs.p50, 3)} ms, p99 ${n(s.addedTtftMs.p99, 3)} ms${s.receiveLagMs ? `; first-token receive lag p50 ${n(s.receiveLagMs.p50, 3)} ms, p99 ${n(s.receiveLagMs.p99, 3)} ms` : ''}`);
  lines.push(`client CPU: ${n(s.clientCpuPercent)}% of one core${s.clientBound ? ' (client-bound: figures may understate the server)' : ''}`);
  return lines.join('\n');
}

function sweepTable(stages: BenchStage[]): string {
  return plainTable(
    ['concurrency', 'rate', 'ok', 'failed', 'TTFT p50', 'TTFT p99', 'ITL p50', 'TPOT p50', 'out tok/s', 'TPM'],
    stages.map((s) => [n(s.load.concurrency, 0), n(s.load.rate, 2), String(s.requests.ok), String(s.requests.failed), n(s.ttftMs?.p50, 1), n(s.ttftMs?.p99, 1), n(s.itlMs?.p50, 2), n(s.tpotMs?.p50, 2), n(s.outputTokensPerSecond), n(s.tokensPerMinute, 0)]),
  );
}

/** The people-facing view of a bench result. */
export function benchTable(doc: BenchJson): string {
  const stages = stagesOf(doc);
  const head = `${doc.target.endpoint} (${doc.target.api}, ${doc.target.model ?? doc.target.deployment ?? 'default model'}); prompts: ${doc.prompts.source}${doc.prompts.inputTokens ? ` of ${doc.prompts.inputTokens} tokens` : ''}, max_tokens ${doc.prompts.outputTokens ?? 'per prompt'}`;
  const body = stages.length === 1 && !('stages' in doc) ? stageText(stages[0]!) : `${sweepTable(stages)}\n\n${stages.map(stageText).join('\n\n')}`;
  const defs = 'definitions: TTFT = scheduled send -> first generated text; ITL = gap between text chunks (k-token chunks split evenly); TPOT = (last token - TTFT) / (tokens - 1); E2E = scheduled send -> end of response; TPM = (prompt + output tokens) / minute. Full text: -o json .definitions';
  return `${head}\n${body}\n${defs}`;
}

/** Per-request rows for -o csv / -o tsv. */
export function recordRows(records: RequestRecord[]): Record<string, unknown>[] {
  return records.map((r) => ({
    index: r.index, scheduledMs: round(r.scheduledMs), sentMs: round(r.sentMs), outcome: r.outcome, httpStatus: r.httpStatus,
    ttfbMs: round(r.ttfbMs), ttftMs: round(r.ttftMs), tpotMs: round(r.tpotMs), e2eMs: round(r.e2eMs), promptTokens: r.promptTokens,
    outputTokens: r.outputTokens, tokenSource: r.tokenSource, serverTtftMs: round(r.serverTtftMs), receiveLagMs: round(r.receiveLagMs), malformedEvents: r.malformedEvents,
    remainingTokens: r.rateLimit?.remainingTokens ?? null, remainingRequests: r.rateLimit?.remainingRequests ?? null,
    retryAfterMs: r.rateLimit?.retryAfterMs ?? null, error: r.error,
  }));
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

/** The comparison view. */
export function compareTable(rows: Delta[], a: string, b: string): string {
  return plainTable(['metric', a, b, 'diff', 'change'], rows.map((d) => {
    const worse = d.diff !== null && d.diff !== 0 && (d.better === 'lower' ? d.diff > 0 : d.diff < 0);
    const change = d.changePercent === null ? '-' : `${d.changePercent > 0 ? '+' : ''}${d.changePercent}%${worse ? ' (worse)' : d.diff ? ' (better)' : ''}`;
    return [d.metric, n(d.a, 3), n(d.b, 3), n(d.diff, 3), change];
  }));
}
