import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { readCompletionText, readStreamChunk, readUsage, type Usage } from '../wire/chunks.js';
import { parseRateLimitHeaders, hasRateLimitInfo } from '../wire/rate-limit.js';
import { createSseReader } from '../wire/sse.js';
import type { Tokenizer } from '../wire/tokens.js';
import type { Outcome, RequestRecord } from './record.js';

/** Where and how to send: built once per run. */
export interface BenchTarget {
  origin: string;
  /** Path and query, e.g. `/v1/chat/completions` or `/openai/deployments/d/chat/completions?api-version=...`. */
  path: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** A prepared prompt: its request body and its client-side token count. */
export interface PreparedPrompt {
  body: string;
  promptTokens: number;
}

const MAX_ERROR_BODY = 2048;

function errorMessage(status: number, text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown });
    const m = typeof e.error === 'string' ? e.error : e.error?.message ?? e.message ?? e.detail;
    if (typeof m === 'string') return `HTTP ${status}: ${m.slice(0, 300)}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return `HTTP ${status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}`;
}

/** Tokens per text chunk, only when the server's count says chunks carried more than one token. */
function itlSamples(times: number[], texts: string[], outputTokens: number, tok: Tokenizer): number[] {
  const out: number[] = [];
  const split = outputTokens > times.length;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    const k = split ? Math.max(1, tok.count(texts[i]!)) : 1;
    for (let j = 0; j < k; j++) out.push(gap / k);
  }
  return out;
}

/**
 * Send one request and measure it. Times are performance.now() taken in the socket's data callback,
 * relative to `t0`; latencies run from `scheduledMs` so waiting to be sent counts (no coordinated omission).
 */
export function sendOne(pool: Dispatcher, target: BenchTarget, prompt: PreparedPrompt, tok: Tokenizer, index: number, t0: number, scheduledMs: number): Promise<RequestRecord> {
  const sentMs = performance.now() - t0;
  const rec: RequestRecord = {
    index, scheduledMs, sentMs, outcome: 'ok', httpStatus: null, ttfbMs: null, ttftMs: null, e2eMs: null, tpotMs: null, itlMs: [],
    promptTokens: null, outputTokens: null, tokenSource: null, malformedEvents: 0, serverTtftMs: null, receiveLagMs: null, rateLimit: null, error: null,
  };
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, target.timeoutMs);
  const times: number[] = [];
  const texts: string[] = [];
  let usage: Usage | null = null;
  let sawDone = false;
  let sawFinish = false;
  let streamError: string | null = null;
  let serverFirstEpoch: number | null = null;

  const fail = (outcome: Outcome, error: string): RequestRecord => {
    rec.outcome = timedOut ? 'timeout' : outcome;
    rec.error = timedOut ? `no complete answer within ${target.timeoutMs} ms` : error;
    return rec;
  };

  const finish = (endAbs: number): RequestRecord => {
    rec.e2eMs = endAbs - t0 - scheduledMs;
    if (streamError) return fail('stream_error', streamError);
    if (times.length === 0) return fail('stream_cut', 'the response ended with no generated text');
    if (!sawDone && !sawFinish) return fail('stream_cut', `the stream ended after ${times.length} text chunks without a finish_reason or [DONE]`);
    const counted = usage === null;
    rec.outputTokens = usage ? usage.completionTokens : tok.count(texts.join(''));
    rec.promptTokens = usage ? usage.promptTokens : prompt.promptTokens;
    rec.tokenSource = counted ? 'tokenizer' : 'usage';
    rec.ttftMs = times[0]! - t0 - scheduledMs;
    if (rec.outputTokens > 1) rec.tpotMs = (times[times.length - 1]! - times[0]!) / (rec.outputTokens - 1);
    rec.itlMs = itlSamples(times, texts, rec.outputTokens, tok);
    if (serverFirstEpoch !== null) rec.receiveLagMs = performance.timeOrigin + times[0]! - serverFirstEpoch;
    return rec;
  };

  return new Promise<RequestRecord>((resolve) => {
    const done = (r: RequestRecord) => {
      clearTimeout(timer);
      resolve(r);
    };
    pool.request({ origin: target.origin, path: target.path, method: 'POST', headers: target.headers, body: prompt.body, signal: ctl.signal })
      .then(({ statusCode, headers, body }) => {
        rec.httpStatus = statusCode;
        const get = (n: string) => {
          const v = headers[n];
          return Array.isArray(v) ? v[0] : v;
        };
        const rl = parseRateLimitHeaders(get, Date.now());
        if (hasRateLimitInfo(rl)) rec.rateLimit = rl;
        if (statusCode !== 200) {
          let text = '';
          body.setEncoding('utf8');
          body.on('data', (c: string) => {
            if (text.length < MAX_ERROR_BODY) text += c;
          });
          body.on('error', () => done(fail(statusCode === 429 ? 'rate_limited' : 'http_error', errorMessage(statusCode, text))));
          body.on('end', () => done(fail(statusCode === 429 ? 'rate_limited' : 'http_error', errorMessage(statusCode, text))));
          return;
        }
        const type = String(get('content-type') ?? '');
        const isJson = type.includes('application/json');
        if (!isJson && type && !type.includes('text/event-stream')) {
          body.resume();
          body.on('error', () => undefined);
          return done(fail('http_error', `HTTP 200 with content-type ${type.split(';')[0]}: not an event stream or JSON (is the URL the API base?)`));
        }
        let now = 0;
        let raw = '';
        const reader = createSseReader({
          onError: (message, type) => {
            if (type !== 'max-buffer-size-exceeded') return;
            streamError ??= `the stream sent an event too large to buffer (${message})`;
            ctl.abort();
          },
          onEvent: (data) => {
            if (data === '[DONE]') {
              sawDone = true;
              return;
            }
            const c = readStreamChunk(data);
            if (c.kind === 'invalid') {
              rec.malformedEvents++;
              return;
            }
            if (c.error !== null) streamError ??= `error event in the stream: ${c.error.slice(0, 300)}`;
            if (c.usage) usage = c.usage;
            if (c.finishReason) sawFinish = true;
            if (c.hasText) {
              times.push(now);
              texts.push(c.text);
            }
            const stamps = c.body?.gpuops_timing as { ttft_ms?: unknown; first_token_epoch_ms?: unknown } | undefined;
            if (stamps) {
              if (typeof stamps.ttft_ms === 'number' && Number.isFinite(stamps.ttft_ms)) rec.serverTtftMs = stamps.ttft_ms;
              if (typeof stamps.first_token_epoch_ms === 'number' && Number.isFinite(stamps.first_token_epoch_ms)) serverFirstEpoch = stamps.first_token_epoch_ms;
            }
          },
        });
        body.on('data', (chunk: Buffer) => {
          now = performance.now();
          if (rec.ttfbMs === null) rec.ttfbMs = now - t0 - scheduledMs;
          if (isJson) raw += chunk.toString('utf8');
          else reader.feed(chunk);
        });
        body.on('error', (err: Error) => done(streamError ? fail('stream_error', streamError) : fail('stream_cut', `the stream broke after ${times.length} text chunks: ${err.message}`)));
        body.on('end', () => {
          const end = performance.now();
          if (!isJson) {
            reader.end();
            return done(finish(end));
          }
          // A server that ignored stream:true answered in one piece: TTFT is the whole response time.
          try {
            const parsed = JSON.parse(raw) as unknown;
            usage = readUsage(parsed);
            const text = readCompletionText(parsed);
            if (text) {
              times.push(end);
              texts.push(text);
              sawFinish = true;
            }
          } catch {
            return done(fail('http_error', 'HTTP 200 with a JSON body that does not parse'));
          }
          done(finish(end));
        });
      })
      .catch((err: NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }) => {
        const code = err.code ?? err.cause?.code ?? '';
        const connect = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|CERT|SELF_SIGNED|UNABLE_TO/.test(code);
        done(fail(connect ? 'connect_error' : 'stream_cut', `${code ? `${code}: ` : ''}${err.message} (${target.origin})`));
      });
  });
}
