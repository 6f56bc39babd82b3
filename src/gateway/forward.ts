import { request as httpRequest, Agent as HttpAgent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { SseRelay } from './sse-relay.js';
import { forwardHeaders, responseHeaders, upstreamRequest, type Operation, type Upstream } from './upstream.js';
import { usageOf, type Usage } from './usage.js';

/** Keep-alive agents shared by every upstream call (sockets are reused across requests). */
export function createAgents(): { http: HttpAgent; https: HttpsAgent } {
  return {
    http: new HttpAgent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' }),
    https: new HttpsAgent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' }),
  };
}

export interface SendOptions {
  op: Operation;
  method: 'GET' | 'POST';
  body: Buffer | null;
  clientHeaders: NodeJS.Dict<string | string[]>;
  agents: { http: HttpAgent; https: HttpsAgent };
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  /** Receives the upstream request as soon as it exists, so the caller can cancel it. */
  onRequest: (req: ClientRequest) => void;
}

/**
 * Send one request to one upstream; resolves with what `onResponse` makes of its response head, rejects on
 * a network error or timeout. `onResponse` runs inside the 'response' event, so a relay it starts writes
 * the client's head at once, not a promise hop later.
 */
export function sendUpstream<T>(u: Upstream, o: SendOptions, onResponse: (res: IncomingMessage) => T): Promise<T> {
  const { at, auth } = upstreamRequest(u, o.op);
  const https = at.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)({
      protocol: at.protocol, hostname: at.hostname, port: at.port, path: at.path,
      method: o.method,
      headers: forwardHeaders(o.clientHeaders, auth, o.body ? o.body.length : null, at.host),
      agent: https ? o.agents.https : o.agents.http,
    });
    o.onRequest(req);
    const timer = setTimeout(() => req.destroy(new Error(`no response head within ${o.headersTimeoutMs} ms`)), o.headersTimeoutMs);
    req.setTimeout(o.idleTimeoutMs, () => req.destroy(new Error(`idle for ${o.idleTimeoutMs} ms`)));
    req.once('response', (res) => {
      clearTimeout(timer);
      try {
        resolve(onResponse(res));
      } catch (e) {
        res.destroy();
        reject(e as Error);
      }
    });
    req.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(o.body ?? undefined);
  });
}

/** The first Content-Type in a raw header list, or ''. */
function contentTypeOf(raw: readonly string[]): string {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const n = raw[i]!;
    if (n.length === 12 && n.toLowerCase() === 'content-type') return raw[i + 1]!;
  }
  return '';
}

export interface RelayResult {
  usage: Usage | null;
  /** performance.now() when the first body byte went to the client; null if none did. */
  firstByteAt: number | null;
  /** False when the upstream or the client broke off before the end. */
  complete: boolean;
}

/**
 * Pass an upstream response to the client as it arrives, with backpressure, learning the usage on the way:
 * SSE event by event (stripping the usage chunk when `strip`), other bodies chunk by chunk, byte for byte.
 */
export function relay(up: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string>, strip: boolean): Promise<RelayResult> {
  const type = contentTypeOf(up.rawHeaders);
  const sse = type.includes('text/event-stream');
  const json = type.includes('json');
  res.writeHead(up.statusCode ?? 502, responseHeaders(up.rawHeaders, !(sse && strip), extraHeaders));
  const result: RelayResult = { usage: null, firstByteAt: null, complete: false };
  const send = (chunk: Buffer): void => {
    result.firstByteAt ??= performance.now();
    if (!res.write(chunk)) {
      up.pause();
      res.once('drain', () => up.resume());
    }
  };
  const sseRelay = sse ? new SseRelay(strip, send) : null;
  const kept: Buffer[] = [];
  up.on('data', (chunk: Buffer) => {
    if (sseRelay) return sseRelay.push(chunk);
    if (json) kept.push(chunk);
    send(chunk);
  });
  return new Promise((resolve) => {
    let settled = false;
    const done = (complete: boolean) => {
      if (settled) return;
      settled = true;
      result.complete = complete;
      if (sseRelay) result.usage = sseRelay.usage;
      else if (complete && json) {
        try {
          result.usage = usageOf(JSON.parse(Buffer.concat(kept).toString('utf8')));
        } catch {
          result.usage = null;
        }
      }
      resolve(result);
    };
    up.once('end', () => {
      sseRelay?.end();
      res.end(() => done(true));
    });
    const broken = () => {
      if (up.complete) return;
      res.destroy();
      done(false);
    };
    up.once('error', broken);
    up.once('close', broken);
    res.once('close', () => {
      if (!res.writableFinished) {
        up.destroy();
        done(false);
      }
    });
  });
}
