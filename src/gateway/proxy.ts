import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { AccessLog, AccessRecord } from './access-log.js';
import type { GatewayConfig, KeyConfig } from './config.js';
import { reservationTokens, type TokenCounter } from './estimate.js';
import { relay, sendUpstream, type createAgents, type RelayResult } from './forward.js';
import type { UpstreamHealth } from './health.js';
import { findKey, presentedKey } from './keys.js';
import { cachedBucketsFor, type Bucket, type LimitStore, type Reservation } from './limiter.js';
import type { GatewayMetrics } from './metrics.js';
import { readBody } from './read-body.js';
import { remainingHeaders, sendError, sendRateLimited } from './respond.js';
import { ROUTES, type Operation, type Upstream } from './upstream.js';

/** What the request handler needs; built once by the server. */
export interface ProxyDeps {
  config: GatewayConfig;
  upstreams: Upstream[];
  store: LimitStore;
  metrics: GatewayMetrics;
  log: AccessLog | null;
  count: TokenCounter;
  health: UpstreamHealth;
  agents: ReturnType<typeof createAgents>;
  modelLabel: (model: string | null) => string;
  nextId: () => string;
  /** Proxied requests being served now (read by the in-flight gauge at scrape time). */
  flight: { n: number };
}

interface Admitted {
  key: KeyConfig;
  op: Operation;
  model: string | null;
  stream: boolean;
  buckets: readonly Bucket[];
  reservation: Reservation | null;
  headers: Record<string, string>;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const INCLUDE_USAGE = Buffer.from(',"stream_options":{"include_usage":true}');

/**
 * `raw` (a JSON object with at least one member and no `stream_options`) with
 * `"stream_options":{"include_usage":true}` appended as its last member; null if its last byte is not `}`.
 */
export function appendIncludeUsage(raw: Buffer): Buffer | null {
  let end = raw.length - 1;
  // JSON whitespace after the closing brace: space, tab, LF, CR.
  while (end >= 0 && (raw[end] === 0x20 || raw[end] === 0x09 || raw[end] === 0x0a || raw[end] === 0x0d)) end--;
  if (end < 1 || raw[end] !== 0x7d) return null;
  return Buffer.concat([raw.subarray(0, end), INCLUDE_USAGE, raw.subarray(end)]);
}

/** Parse, check and admit a POST; answers the client itself (4xx/429/503) and returns null when refused. */
async function admit(req: IncomingMessage, res: ServerResponse, d: ProxyDeps, key: KeyConfig, op: Operation, rec: AccessRecord): Promise<(Admitted & { payload: Buffer; strip: boolean }) | null> {
  const raw = await readBody(req, res, d.config.maxBodyBytes);
  if (raw === null) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    sendError(res, 400, 'invalid_json', 'the request body is not valid JSON; expected an OpenAI-shaped JSON object');
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendError(res, 400, 'invalid_body', 'the request body must be a JSON object');
    return null;
  }
  const b = body as Record<string, unknown>;
  const model = typeof b.model === 'string' ? b.model : null;
  rec.model = d.modelLabel(model);
  let tokens: number;
  try {
    tokens = reservationTokens(op, b, d.count, d.config.limits.defaultMaxTokens);
  } catch (e) {
    sendError(res, 400, 'invalid_value', (e as Error).message);
    return null;
  }
  const stream = b.stream === true;
  let strip = false;
  // Unchanged bodies go upstream byte for byte.
  let payload = raw;
  if (stream && op !== 'embeddings') {
    const so = b.stream_options;
    if (!(so !== null && typeof so === 'object' && (so as { include_usage?: unknown }).include_usage === true)) {
      strip = true;
      // The usual case, no stream_options at all: the member is appended to the client's own bytes,
      // which gives the same object as re-serialising without the cost of JSON.stringify.
      const spliced = so === undefined ? appendIncludeUsage(raw) : null;
      if (spliced) payload = spliced;
      else {
        b.stream_options = { ...(so !== null && typeof so === 'object' ? so : {}), include_usage: true };
        try {
          payload = Buffer.from(JSON.stringify(b));
        } catch {
          sendError(res, 400, 'invalid_body', 'the request body is nested too deeply to forward');
          return null;
        }
      }
    }
  }
  const buckets = cachedBucketsFor(d.config, key, model);
  let reservation: Reservation | null = null;
  let headers: Record<string, string> = NO_HEADERS;
  if (buckets.length > 0) {
    let r;
    try {
      // The memory store answers at once: no promise on the way to the upstream request.
      r = d.store.reserveNow ? d.store.reserveNow(buckets, tokens, d.nextId()) : await d.store.reserve(buckets, tokens, d.nextId());
    } catch (e) {
      // Fail closed: without the shared counter the limit cannot be kept. The cause goes to the log only.
      rec.error = (e as Error).message;
      sendError(res, 503, 'limits_unavailable', 'the rate-limit store is unavailable; retry shortly', { 'retry-after': '1' });
      return null;
    }
    headers = remainingHeaders(r);
    if (!r.ok) {
      d.metrics.rateLimited.inc({ key: key.name });
      sendRateLimited(res, key.name, r, tokens);
      return null;
    }
    reservation = r.reservation;
    rec.reservedTokens = tokens;
  }
  return { key, op, model, stream, buckets, reservation, headers, payload, strip };
}

/** Try the upstreams in order (healthy first); fail over on a network error or a configured status. */
async function forward(req: IncomingMessage, res: ServerResponse, d: ProxyDeps, a: { op: Operation; payload: Buffer | null; strip: boolean; headers: Record<string, string> }, rec: AccessRecord): Promise<RelayResult | null> {
  const order = d.health.order(d.upstreams);
  let current: ClientRequest | null = null;
  let gone = false;
  // The client went away while an upstream call was pending: cancel it.
  const onClose = () => {
    if (res.writableFinished) return;
    gone = true;
    current?.destroy();
  };
  res.once('close', onClose);
  const errors: string[] = [];
  try {
    for (let i = 0; i < order.length; i++) {
      const u = order[i]!;
      const last = i === order.length - 1;
      // Decided inside the response event: relay now (the promise resolves when the relay ends), fail
      // over (the status), or drop (client gone).
      let outcome: RelayResult | number | null;
      try {
        outcome = await sendUpstream(u, {
          op: a.op, method: a.op === 'models' ? 'GET' : 'POST', body: a.payload, clientHeaders: req.headers, agents: d.agents,
          headersTimeoutMs: d.config.timeouts.upstreamHeaders, idleTimeoutMs: d.config.timeouts.upstreamIdle,
          onRequest: (r) => (current = r),
        }, (up) => {
          if (gone) {
            up.destroy();
            return null;
          }
          const status = up.statusCode ?? 502;
          d.health.mark(u.name, status < 500);
          if (!last && d.config.failoverOn.includes(status)) {
            up.resume();
            return status;
          }
          rec.upstream = u.name;
          return relay(up, res, a.headers, a.strip);
        });
      } catch (e) {
        if (gone) return null;
        d.health.mark(u.name, false);
        errors.push(`${u.name}: ${(e as Error).message}`);
        continue;
      }
      if (outcome === null) return null;
      if (typeof outcome === 'number') {
        errors.push(`${u.name}: HTTP ${outcome}`);
        continue;
      }
      return outcome;
    }
  } finally {
    res.off('close', onClose);
  }
  sendError(res, 502, 'upstream_unavailable', `no upstream answered (${errors.join('; ')})`, a.headers);
  return null;
}

function finish(d: ProxyDeps, rec: AccessRecord, res: ServerResponse, t0: number, result: RelayResult | null): void {
  // The arrival time, formatted here rather than on the way to the first byte.
  rec.time = new Date(Date.now() - (performance.now() - t0)).toISOString();
  rec.status = res.statusCode;
  rec.durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
  if (result?.firstByteAt != null) {
    rec.ttftMs = Math.round((result.firstByteAt - t0) * 1000) / 1000;
    d.metrics.ttft.observe(rec.ttftMs / 1000);
  }
  d.metrics.duration.observe(rec.durationMs / 1000);
  d.metrics.countRequest(rec.key ?? '', rec.model ?? '', rec.status);
  d.log?.write(rec);
}

/**
 * Settle the reservation and count the tokens: real usage when reported, zero for an upstream error.
 * Returns a promise only when the store needs I/O (Redis); the memory store settles at once.
 */
function settle(d: ProxyDeps, a: Admitted, rec: AccessRecord, result: RelayResult | null, status: number): Promise<unknown> | null {
  const usage = result?.usage ?? null;
  const labels = { key: a.key.name, model: rec.model ?? '' };
  let tokens: number | null = null;
  if (usage) {
    rec.promptTokens = usage.promptTokens;
    rec.completionTokens = usage.completionTokens;
    d.metrics.countTokens(labels.key, labels.model, usage.promptTokens, usage.completionTokens);
    tokens = usage.promptTokens + usage.completionTokens;
  } else if (status >= 400 && (result === null || result.complete)) {
    tokens = 0;
  } else if (status < 400) {
    d.metrics.unmetered.inc(labels);
  }
  if (a.reservation && tokens !== null) {
    if (!d.store.settleNow) return d.store.settle(a.reservation, a.buckets, tokens).catch((e: Error) => (rec.error = `settle failed: ${e.message}`));
    try {
      d.store.settleNow(a.reservation, a.buckets, tokens);
    } catch (e) {
      rec.error = `settle failed: ${(e as Error).message}`;
    }
  }
  return null;
}

/** Serve one gateway request. Never throws. */
export async function handleProxy(req: IncomingMessage, res: ServerResponse, d: ProxyDeps, path: string, t0: number): Promise<void> {
  const route = ROUTES[path as keyof typeof ROUTES];
  const rec: AccessRecord = {
    time: '', key: null, model: null, path, upstream: null, status: 0, stream: false,
    promptTokens: null, completionTokens: null, reservedTokens: null, ttftMs: null, durationMs: 0,
  };
  let result: RelayResult | null = null;
  d.flight.n++;
  try {
    if (req.method !== route.method) {
      sendError(res, 405, 'method_not_allowed', `${path} accepts ${route.method} only`, { allow: route.method });
      return;
    }
    const presented = presentedKey(req.headers);
    const key = presented === null ? null : findKey(d.config.keys, presented);
    if (key === null) {
      res.setHeader('www-authenticate', 'Bearer');
      sendError(res, 401, 'invalid_api_key', presented === null ? 'no API key; send "Authorization: Bearer KEY" or "api-key: KEY"' : 'the API key is not valid for this gateway');
      return;
    }
    rec.key = key.name;
    if (route.op === 'models') {
      result = await forward(req, res, d, { op: 'models', payload: null, strip: false, headers: {} }, rec);
      return;
    }
    const a = await admit(req, res, d, key, route.op, rec);
    if (a === null) return;
    rec.stream = a.stream;
    try {
      result = await forward(req, res, d, a, rec);
    } finally {
      const settling = settle(d, a, rec, result, res.statusCode);
      if (settling) await settling;
    }
  } catch (e) {
    rec.error = (e as Error).message;
    sendError(res, 500, 'gateway_error', 'internal gateway error');
  } finally {
    d.flight.n--;
    finish(d, rec, res, t0, result);
  }
}
