import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { InferenceRoute } from '../wire/endpoints.js';
import type { CompletionRequest } from '../wire/request.js';
import { completionResponse, streamChunk, usageChunk, type ResponseIdentity } from '../wire/responses.js';
import { SSE_DONE, sseEvent } from '../wire/sse.js';
import type { ModelMetrics } from './metrics.js';
import type { MockLlmOptions } from './options.js';
import { tokenText } from './text.js';

/** Server-side stamps of one request, ms from its arrival (performance.now() in the server). */
export interface ServerTiming {
  queueMs: number;
  ttftMs: number | null;
  e2eMs: number | null;
  /** When the first token was written, on the shared wall clock (performance.timeOrigin + now(), ms). */
  firstTokenEpochMs: number | null;
}

/** One admitted request, ready to generate. */
export interface Generation {
  id: ResponseIdentity;
  route: InferenceRoute;
  request: CompletionRequest;
  promptTokens: number;
  outputTokens: number;
  finishReason: 'stop' | 'length';
  /** performance.now() at arrival. */
  arrivedAt: number;
  fault: 'cut' | 'malformed' | null;
  headers: Record<string, string>;
}

/** What the caller learns when a generation ends. */
export interface GenerationEnd {
  reason: 'stop' | 'length' | 'abort' | 'cut';
  timing: ServerTiming;
  completionTokens: number;
}

type Delay = (ms: number) => number;

const wakeups = new Map<number, (() => void)[]>();

/**
 * Run `fn` once the clock reaches `atMs` (performance.now(), rounded up to the millisecond). Streams due
 * in the same millisecond share one timer: 1,000 streams at a 10 ms ITL arm ~100 timers a second, not 100,000.
 */
function wakeAt(atMs: number, fn: () => void): void {
  const key = Math.ceil(atMs);
  const list = wakeups.get(key);
  if (list) {
    list.push(fn);
    return;
  }
  const fns = [fn];
  wakeups.set(key, fns);
  // Unref'd: a stream cancelled at shutdown must not keep the process alive until its next token.
  setTimeout(() => {
    wakeups.delete(key);
    for (const f of fns) f();
  }, key - performance.now()).unref();
}

const AZURE_PROMPT_FILTER = { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] };

/**
 * Generate one response on `res`: role chunk at once, the first token after TTFT, then one chunk
 * every ITL (each carrying `tokensPerChunk` tokens), scheduled against absolute targets so timer
 * lateness never accumulates over a stream. Returns a cancel function (for shutdown and client aborts).
 */
export function generate(g: Generation, res: ServerResponse, o: MockLlmOptions, jittered: Delay, m: ModelMetrics, done: (e: GenerationEnd) => void): () => void {
  const startedAt = performance.now();
  const queueMs = startedAt - g.arrivedAt;
  const timing: ServerTiming = { queueMs, ttftMs: null, e2eMs: null, firstTokenEpochMs: null };
  const op = g.request.operation;
  let sent = 0;
  let lastAt = 0;
  let immediate: NodeJS.Immediate | undefined;
  let finished = false;
  let target = startedAt + jittered(o.ttftMs);

  const finish = (reason: GenerationEnd['reason']) => {
    if (finished) return;
    finished = true;
    clearImmediate(immediate);
    done({ reason, timing, completionTokens: sent });
  };
  res.on('close', () => finish('abort'));

  const observeToken = (k: number, now: number) => {
    if (sent === 0) {
      // Later tokens are scheduled from when the first one actually went out, not from when it was due.
      target = now;
      timing.ttftMs = now - g.arrivedAt;
      timing.firstTokenEpochMs = performance.timeOrigin + now;
      m.ttft.observe(timing.ttftMs / 1000);
    } else {
      m.itl.observe((now - lastAt) / 1000);
      m.tpot.observe((now - lastAt) / 1000);
    }
    sent += k;
    lastAt = now;
    timing.e2eMs = now - g.arrivedAt;
    m.generationTokens.inc(k);
  };

  // libuv rounds timer starts down to the millisecond, so a timer can fire up to 1 ms early: re-arm
  // until the target has passed, so configured delays are lower bounds (late by at most ~1 ms).
  const at = (fn: () => void) => {
    if (target > performance.now()) {
      wakeAt(target, () => {
        if (finished) return;
        if (target > performance.now()) at(fn);
        else fn();
      });
      return;
    }
    // Due now: still yield to I/O, so a zero-delay stream is not one long synchronous loop.
    immediate = setImmediate(fn);
  };

  const text = (from: number, k: number) => {
    let s = '';
    for (let i = from; i < from + k; i++) s += tokenText(i);
    return s;
  };

  if (!g.request.stream) {
    // Whole response at the time the last token would have been generated.
    const step = () => {
      const k = Math.min(o.tokensPerChunk, g.outputTokens - sent);
      const from = sent;
      observeToken(k, performance.now());
      if (sent < g.outputTokens && from + k < g.outputTokens) {
        target += jittered(o.itlMs);
        at(step);
        return;
      }
      const body = completionResponse(op, g.id, text(0, sent), g.finishReason, { promptTokens: g.promptTokens, completionTokens: sent, totalTokens: g.promptTokens + sent });
      res.writeHead(200, { 'content-type': 'application/json', ...g.headers });
      res.end(JSON.stringify(o.stamps ? { ...body, gpuops_timing: timingJson(timing) } : body));
      finish(g.finishReason);
    };
    at(step);
    return () => finish('abort');
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...g.headers });
  let head = '';
  if (g.route.api === 'azure') head += sseEvent(AZURE_PROMPT_FILTER);
  if (op === 'chat') head += sseEvent(streamChunk(op, g.id, '', null, true));
  if (head) res.write(head);
  const cutAt = g.fault === 'cut' ? Math.max(1, Math.floor(g.outputTokens / 2)) : Infinity;
  // Token events differ only in their text: serialize the chunk once and splice each text in, instead of
  // a JSON.stringify of the whole object per token (the mock must keep up with 100,000 events/s).
  const [pre, post] = JSON.stringify(streamChunk(op, g.id, '\u0000')).split('"\\u0000"') as [string, string];
  const tokenEvent = (t: string) => `data: ${pre}${JSON.stringify(t)}${post}\n\n`;

  const step = () => {
    const k = Math.min(o.tokensPerChunk, g.outputTokens - sent);
    const from = sent;
    observeToken(k, performance.now());
    let out = tokenEvent(text(from, k));
    if (g.fault === 'malformed' && from === 0) out += 'data: {"choices":[{"delta":{"content":"unterminated\n\n';
    if (sent >= cutAt && sent < g.outputTokens) {
      res.write(out);
      // Stream cut: the connection drops with no finish chunk, no usage and no [DONE].
      res.socket?.destroy();
      finish('cut');
      return;
    }
    if (sent < g.outputTokens) {
      res.write(out);
      target += jittered(o.itlMs);
      at(step);
      return;
    }
    const last = streamChunk(op, g.id, '', g.finishReason);
    out += sseEvent(o.stamps ? { ...last, gpuops_timing: timingJson(timing) } : last);
    if (g.request.includeUsage) out += sseEvent(usageChunk(op, g.id, { promptTokens: g.promptTokens, completionTokens: sent, totalTokens: g.promptTokens + sent }));
    res.end(out + SSE_DONE);
    finish(g.finishReason);
  };
  at(step);
  return () => finish('abort');
}

function timingJson(t: ServerTiming): Record<string, number | null> {
  return { queue_ms: t.queueMs, ttft_ms: t.ttftMs, e2e_ms: t.e2eMs, first_token_epoch_ms: t.firstTokenEpochMs };
}
