import { InputError } from '../errors.js';
import { authHeaders, endpointUrl, type EndpointOperation } from '../observe/wire/index.js';
import type { UpstreamConfig } from './config.js';

/** The OpenAI-shaped operations the gateway serves, by client path. */
export const ROUTES = {
  '/v1/chat/completions': { method: 'POST', op: 'chat' },
  '/v1/completions': { method: 'POST', op: 'completions' },
  '/v1/embeddings': { method: 'POST', op: 'embeddings' },
  '/v1/models': { method: 'GET', op: 'models' },
} as const;

export type Operation = EndpointOperation;

/** An upstream ready to call: its config and the secret read from its keyEnv at start. */
export interface Upstream extends UpstreamConfig {
  secret: string | null;
  url: string;
}

/** Read each upstream's key from the environment once; a named but unset variable is bad config. */
export function resolveUpstreams(upstreams: readonly UpstreamConfig[], env: NodeJS.ProcessEnv): Upstream[] {
  return upstreams.map((u, i) => {
    if (u.keyEnv === undefined) return { ...u, secret: null };
    const secret = env[u.keyEnv];
    if (!secret) {
      throw new InputError(`upstreams[${i}].keyEnv: environment variable ${u.keyEnv} is not set or empty; expected the API key of upstream "${u.name}"`);
    }
    return { ...u, secret };
  });
}

/**
 * Where an operation goes on an upstream, and the headers that authenticate it (the shared wire code
 * builds both: OpenAI base + operation with Bearer; Azure deployment path with api-version and api-key,
 * or Azure's /openai/v1 surface). The client's own key is never among these headers.
 */
export interface UpstreamTarget {
  url: string;
  auth: Record<string, string>;
  /** The URL in node:http request options, parsed once; `host` is the Host header node:http would send. */
  at: { protocol: string; hostname: string; port: number; path: string; host: string };
}

export function upstreamRequest(u: Upstream, op: Operation): UpstreamTarget {
  let byOp = built.get(u);
  if (!byOp) built.set(u, (byOp = new Map()));
  let target = byOp.get(op);
  if (!target) {
    const url = endpointUrl({ api: u.api, base: u.url, operation: op, deployment: u.deployment, apiVersion: u.apiVersion });
    const at = {
      protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80), path: `${url.pathname}${url.search}`, host: url.host,
    };
    byOp.set(op, (target = { url: url.href, auth: authHeaders(u.api, u.secret ?? undefined), at }));
  }
  return target;
}

// Targets are fixed per upstream and operation: built once, not on every request.
const built = new WeakMap<Upstream, Map<Operation, UpstreamTarget>>();

/** The health-check URL: the configured path under the base, or the models listing. */
export function healthUrl(u: Upstream, path: string | undefined): { url: string; auth: Record<string, string> } {
  if (path !== undefined) return { url: `${new URL(u.url).origin}${path}`, auth: upstreamRequest(u, 'models').auth };
  return upstreamRequest(u, 'models');
}

// Request headers passed on to the upstream; everything else (Authorization, api-key, cookies, hop-by-hop
// headers) stays behind.
const FORWARD_REQUEST = ['content-type', 'accept', 'user-agent', 'x-request-id', 'x-ms-client-request-id', 'traceparent', 'tracestate'];

/**
 * The headers sent upstream, as the flat [name, value, ...] list node:http takes as it is (no per-header
 * setHeader bookkeeping): Host, the allowed client headers, identity encoding, the length, the upstream's auth.
 */
export function forwardHeaders(client: NodeJS.Dict<string | string[]>, auth: Record<string, string>, bodyLength: number | null, host: string): string[] {
  const out: string[] = ['host', host];
  for (let i = 0; i < FORWARD_REQUEST.length; i++) {
    const h = FORWARD_REQUEST[i]!;
    const v = client[h];
    if (typeof v === 'string') out.push(h, v);
  }
  // Usage is read from the body, so it must arrive uncompressed.
  out.push('accept-encoding', 'identity');
  if (bodyLength !== null) out.push('content-length', String(bodyLength));
  for (const k in auth) out.push(k, auth[k]!);
  return out;
}

// Response headers not passed back: hop-by-hop ones, the upstream's rate-limit view (the client gets the
// gateway's own), and cookies.
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-authenticate', 'set-cookie', 'upgrade', 'trailer']);

/**
 * The upstream's response headers as they go to the client, from its raw [name, value, ...] list (names
 * as the upstream spelled them, repeated headers kept as separate lines), then the gateway's own headers
 * (its rate-limit view). Built straight from the raw list: node:http's `headers`
 * object would be assembled on first read only to be copied again.
 */
export function responseHeaders(raw: readonly string[], keepLength: boolean, extra?: Record<string, string>): string[] {
  const list: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const k = name.toLowerCase();
    if (DROP_RESPONSE.has(k) || k.startsWith('x-ratelimit-')) continue;
    if (k === 'content-length' && !keepLength) continue;
    list.push(name, raw[i + 1]!);
  }
  if (extra) for (const k in extra) list.push(k, extra[k]!);
  return list;
}
