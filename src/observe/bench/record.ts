import type { RateLimitInfo } from '../wire/rate-limit.js';

/** How a request ended. Only `ok` requests enter latency statistics. */
export type Outcome = 'ok' | 'rate_limited' | 'http_error' | 'timeout' | 'stream_cut' | 'stream_error' | 'connect_error';

/** Where a request's token counts came from. */
export type TokenSource = 'usage' | 'tokenizer';

/** One request as the client measured it; every time in ms, relative to the run's start. */
export interface RequestRecord {
  index: number;
  /** When the load model wanted it sent (open loop: the arrival time; closed loop: when a worker was free). */
  scheduledMs: number;
  /** When the client actually issued it; `sentMs - scheduledMs` is client-side queueing. */
  sentMs: number;
  outcome: Outcome;
  httpStatus: number | null;
  /** Latencies below are measured from `scheduledMs` (no coordinated omission). */
  ttfbMs: number | null;
  ttftMs: number | null;
  /** To the end of the response (after `[DONE]`). */
  e2eMs: number | null;
  /** (last token - first token) / (output tokens - 1); null with fewer than 2 tokens. */
  tpotMs: number | null;
  /** Inter-token gaps: a chunk of k tokens after a gap g gives k samples of g/k. Dropped once summarized. */
  itlMs: number[];
  promptTokens: number | null;
  outputTokens: number | null;
  tokenSource: TokenSource | null;
  /** SSE events whose data was not valid JSON (skipped, the stream went on). */
  malformedEvents: number;
  /** The server's own TTFT when it sends `gpuops_timing` stamps (mock-llm). */
  serverTtftMs: number | null;
  /** Receive lag: client's first-token time minus the server's first-token write time (same host clock). */
  receiveLagMs: number | null;
  rateLimit: RateLimitInfo | null;
  error: string | null;
}
