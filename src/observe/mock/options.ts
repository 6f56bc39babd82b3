/** How many output tokens a response has: a fixed count or a uniform range. */
export type TokenCount = { fixed: number } | { min: number; max: number };

/** Failure injection, each a probability per request in [0, 1]. */
export interface MockFaults {
  /** HTTP 500 before any byte of the stream. */
  error: number;
  /** The connection is dropped mid-stream, after about half of the tokens. */
  cut: number;
  /** The server accepts the request and never answers. */
  hang: number;
  /** A malformed SSE data line is sent among the tokens. */
  malformed: number;
}

/** mock-llm's configuration; every duration in ms. */
export interface MockLlmOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Served model names (`/v1/models`; the Azure deployment names it answers to). */
  models: string[];
  ttftMs: number;
  itlMs: number;
  /** Each delay is scaled by a uniform factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
  /** Output tokens when the request gives no max_tokens; capped by max_tokens otherwise. */
  outputTokens: TokenCount | null;
  tokensPerChunk: number;
  faults: MockFaults;
  /** Azure-style limits; null = none. */
  tpmLimit: number | null;
  rpmLimit: number | null;
  /** Requests generating at once (vLLM's max_num_seqs); more wait in a queue. */
  maxRunning: number;
  /** KV-cache size in tokens, for `vllm:kv_cache_usage_perc`. */
  kvCacheTokens: number;
  /** When set, requests must present this key (`api-key` or Bearer). */
  apiKey: string | null;
  /** Add `gpuops_timing` (server-side queue/TTFT/E2E stamps) to the last chunk of each stream. */
  stamps: boolean;
  seed: number;
}

/** Defaults: a responsive small model; vLLM's default max_num_seqs of 256. */
export const MOCK_DEFAULTS: MockLlmOptions = {
  host: '127.0.0.1',
  port: 0,
  models: ['mock-llm'],
  ttftMs: 200,
  itlMs: 20,
  jitter: 0,
  outputTokens: null,
  tokensPerChunk: 1,
  faults: { error: 0, cut: 0, hang: 0, malformed: 0 },
  tpmLimit: null,
  rpmLimit: null,
  maxRunning: 256,
  kvCacheTokens: 262_144,
  apiKey: null,
  stamps: true,
  seed: 1,
};

/** Output tokens used when neither the request nor the server says. */
export const DEFAULT_OUTPUT_TOKENS = 128;

const finite = (v: number, min: number) => Number.isFinite(v) && v >= min;

/** What is wrong with a set of options, one message per problem (empty when fine). */
export function optionProblems(o: MockLlmOptions): string[] {
  const p: string[] = [];
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) p.push(`port ${o.port} is not 0..65535`);
  if (o.models.length === 0 || o.models.some((m) => !m.trim())) p.push('model names must be non-empty');
  // Timers cannot wait longer than 2^31-1 ms; an hour is far beyond any real TTFT or token gap.
  if (!finite(o.ttftMs, 0) || o.ttftMs > 3_600_000) p.push('ttft must be a duration from 0 to 1 hour');
  if (!finite(o.itlMs, 0) || o.itlMs > 3_600_000) p.push('itl must be a duration from 0 to 1 hour');
  if (!(o.jitter >= 0 && o.jitter <= 1)) p.push('jitter must be between 0 and 1');
  if (!Number.isSafeInteger(o.tokensPerChunk) || o.tokensPerChunk < 1) p.push('tokens per chunk must be a whole number of at least 1');
  for (const [k, v] of Object.entries(o.faults)) if (!(v >= 0 && v <= 1)) p.push(`fault ${k} must be a probability between 0 and 1`);
  if (o.faults.error + o.faults.cut + o.faults.hang + o.faults.malformed > 1) p.push('fault probabilities add up to more than 1');
  for (const [k, v] of [['tpm limit', o.tpmLimit], ['rpm limit', o.rpmLimit]] as const) {
    if (v !== null && (!Number.isSafeInteger(v) || v < 1)) p.push(`${k} must be a whole number of at least 1`);
  }
  if (!Number.isSafeInteger(o.maxRunning) || o.maxRunning < 1) p.push('max running must be a whole number of at least 1');
  if (!Number.isSafeInteger(o.kvCacheTokens) || o.kvCacheTokens < 1) p.push('kv cache tokens must be a whole number of at least 1');
  const oc = o.outputTokens;
  if (oc && 'fixed' in oc && (!Number.isSafeInteger(oc.fixed) || oc.fixed < 1)) p.push('output tokens must be a whole number of at least 1');
  if (oc && 'min' in oc && (!Number.isSafeInteger(oc.min) || !Number.isSafeInteger(oc.max) || oc.min < 1 || oc.max < oc.min)) {
    p.push('an output token range must be MIN-MAX with 1 <= MIN <= MAX');
  }
  return p;
}
