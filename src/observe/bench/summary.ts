import type { Outcome, RequestRecord, TokenSource } from './record.js';
import { LatencyHistogram, type Stat } from './stats.js';

/** Service-level objectives for goodput; a request is good when it meets every one given. */
export interface Slo {
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

/** The metric definitions, printed with every result (and in the README). */
export const DEFINITIONS = {
  ttftMs: 'time to first token: from the scheduled send time to the first SSE event carrying generated text (role-only and empty deltas, Azure filter events and usage chunks are not tokens)',
  ttfbMs: 'time to first byte of the response body, from the scheduled send time',
  itlMs: 'inter-token latency: gaps between events carrying text, pooled over all requests; a chunk of k tokens after a gap g counts as k gaps of g/k',
  tpotMs: 'time per output token per request: (time of last token - TTFT) / (output tokens - 1), for requests with 2 or more tokens',
  e2eMs: 'end-to-end latency: from the scheduled send time to the end of the response',
  addedTtftMs: 'with mock-llm: client TTFT minus the server-stamped TTFT (request path + response path + client overhead)',
  receiveLagMs: 'with mock-llm: client first-token time minus the server first-token write time on the shared host clock (response path + client overhead)',
  queueMs: 'client-side queueing: actual send time minus scheduled send time (open loop, or a full connection pool)',
  outputTokensPerSecond: 'output tokens of successful requests / run duration',
  tokensPerMinute: '(prompt + output tokens of successful requests) / run duration x 60, as Azure OpenAI counts TPM',
  requestsPerMinute: 'requests sent / run duration x 60 (all of them, as the server saw them)',
  goodput: 'successful requests meeting every --slo, per second (DistServe)',
  durationS: 'from the first scheduled send to the end of the last response',
  tokens: 'token counts from the server\'s usage when sent, else counted with the o200k_base tokenizer (tokenSource says which)',
} as const;

export type RequestCounts = Record<Outcome, number> & { sent: number; failed: number };

/** The aggregate of one run (or sweep stage). */
export interface BenchSummary {
  durationS: number;
  requests: RequestCounts & { byStatus: Record<string, number> };
  ttftMs: Stat | null;
  ttfbMs: Stat | null;
  itlMs: Stat | null;
  tpotMs: Stat | null;
  e2eMs: Stat | null;
  queueMs: Stat | null;
  promptTokens: number;
  outputTokens: number;
  tokenSource: Record<TokenSource, number>;
  outputTokensPerSecond: number;
  tokensPerMinute: number;
  requestsPerMinute: number;
  goodput: { slo: Slo; requests: number; requestsPerSecond: number; fraction: number } | null;
  malformedEvents: number;
  /** Client-measured TTFT minus the server's own stamp, when the server sends stamps (mock-llm). */
  addedTtftMs: Stat | null;
  /** Server's first-token write to the client's first-token timestamp, same host clock (mock-llm). */
  receiveLagMs: Stat | null;
  errors: { outcome: Outcome; httpStatus: number | null; message: string; count: number }[];
}

const OUTCOMES: Outcome[] = ['ok', 'rate_limited', 'http_error', 'timeout', 'stream_cut', 'stream_error', 'connect_error'];

/** Folds finished requests into histograms as they come, so a long run holds no per-token arrays. */
export class BenchAccumulator {
  private readonly h = { ttft: new LatencyHistogram(), ttfb: new LatencyHistogram(), itl: new LatencyHistogram(), tpot: new LatencyHistogram(), e2e: new LatencyHistogram(), queue: new LatencyHistogram(), added: new LatencyHistogram(), lag: new LatencyHistogram() };
  private readonly counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  private readonly byStatus = new Map<string, number>();
  private readonly errors = new Map<string, { outcome: Outcome; httpStatus: number | null; message: string; count: number }>();
  private readonly tokenSource: Record<TokenSource, number> = { usage: 0, tokenizer: 0 };
  private prompt = 0;
  private output = 0;
  private good = 0;
  private malformed = 0;

  constructor(private readonly slo: Slo | null) {}

  /** Add one finished request; its ITL array is emptied. */
  add(r: RequestRecord): void {
    this.counts[r.outcome]++;
    if (r.httpStatus !== null) this.byStatus.set(String(r.httpStatus), (this.byStatus.get(String(r.httpStatus)) ?? 0) + 1);
    this.malformed += r.malformedEvents;
    this.h.queue.record(r.sentMs - r.scheduledMs);
    if (r.outcome !== 'ok') {
      const key = `${r.outcome}|${r.httpStatus}|${r.error}`;
      const e = this.errors.get(key) ?? { outcome: r.outcome, httpStatus: r.httpStatus, message: r.error ?? r.outcome, count: 0 };
      e.count++;
      this.errors.set(key, e);
      r.itlMs.length = 0;
      return;
    }
    if (r.ttftMs !== null) this.h.ttft.record(r.ttftMs);
    if (r.ttfbMs !== null) this.h.ttfb.record(r.ttfbMs);
    if (r.e2eMs !== null) this.h.e2e.record(r.e2eMs);
    if (r.tpotMs !== null) this.h.tpot.record(r.tpotMs);
    for (const g of r.itlMs) this.h.itl.record(g);
    r.itlMs.length = 0;
    if (r.serverTtftMs !== null && r.ttftMs !== null) this.h.added.record(r.ttftMs - r.serverTtftMs);
    if (r.receiveLagMs !== null) this.h.lag.record(r.receiveLagMs);
    this.prompt += r.promptTokens ?? 0;
    this.output += r.outputTokens ?? 0;
    if (r.tokenSource) this.tokenSource[r.tokenSource]++;
    if (this.slo && meets(r, this.slo)) this.good++;
  }

  /** Requests finished so far and the running p50 TTFT, for the progress line. */
  progress(): { done: number; ok: number; tokens: number; p50TtftMs: number | null } {
    const done = OUTCOMES.reduce((a, o) => a + this.counts[o], 0);
    return { done, ok: this.counts.ok, tokens: this.prompt + this.output, p50TtftMs: this.h.ttft.count ? this.h.ttft.percentile(50) : null };
  }

  failureRate(): { done: number; failed: number } {
    const done = OUTCOMES.reduce((a, o) => a + this.counts[o], 0);
    return { done, failed: done - this.counts.ok };
  }

  summary(durationS: number): BenchSummary {
    const sent = OUTCOMES.reduce((a, o) => a + this.counts[o], 0);
    const per = (n: number, unit: number) => (durationS > 0 ? Math.round((n / durationS) * unit * 100) / 100 : 0);
    return {
      durationS: Math.round(durationS * 1000) / 1000,
      requests: { sent, ...this.counts, failed: sent - this.counts.ok, byStatus: Object.fromEntries([...this.byStatus].sort()) },
      ttftMs: this.h.ttft.stat(), ttfbMs: this.h.ttfb.stat(), itlMs: this.h.itl.stat(), tpotMs: this.h.tpot.stat(), e2eMs: this.h.e2e.stat(), queueMs: this.h.queue.stat(),
      promptTokens: this.prompt, outputTokens: this.output, tokenSource: { ...this.tokenSource },
      outputTokensPerSecond: per(this.output, 1), tokensPerMinute: per(this.prompt + this.output, 60), requestsPerMinute: per(sent, 60),
      goodput: this.slo ? { slo: this.slo, requests: this.good, requestsPerSecond: per(this.good, 1), fraction: sent ? Math.round((this.good / sent) * 10_000) / 10_000 : 0 } : null,
      malformedEvents: this.malformed,
      addedTtftMs: this.h.added.stat(),
      receiveLagMs: this.h.lag.stat(),
      errors: [...this.errors.values()].sort((a, b) => b.count - a.count).slice(0, 20),
    };
  }
}

function meets(r: RequestRecord, slo: Slo): boolean {
  if (slo.ttftMs !== undefined && !(r.ttftMs !== null && r.ttftMs <= slo.ttftMs)) return false;
  if (slo.e2eMs !== undefined && !(r.e2eMs !== null && r.e2eMs <= slo.e2eMs)) return false;
  // A single-token answer has no TPOT; it meets a TPOT objective, as in vLLM's goodput.
  if (slo.tpotMs !== undefined && r.tpotMs !== null && r.tpotMs > slo.tpotMs) return false;
  return true;
}
