import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { InputError } from '../errors.js';
import { AccessLog } from './access-log.js';
import type { GatewayConfig } from './config.js';
import type { TokenCounter } from './estimate.js';
import { createAgents } from './forward.js';
import { startHealthChecks, UpstreamHealth } from './health.js';
import { memoryStore, type LimitStore } from './limiter.js';
import { GatewayMetrics } from './metrics.js';
import { handleProxy, type ProxyDeps } from './proxy.js';
import { sendError } from './respond.js';
import { resolveUpstreams, ROUTES } from './upstream.js';

export interface GatewayOptions {
  env?: NodeJS.ProcessEnv;
  /** Token counter for reservations (default: gpt-tokenizer). */
  count?: TokenCounter;
  /** Override the store (tests); default from config.limits. */
  store?: LimitStore;
  /** Skip periodic health checks (tests that script upstream failures). */
  healthChecks?: boolean;
}

/** A running gateway. */
export interface Gateway {
  url: string;
  port: number;
  metrics: GatewayMetrics;
  /** Requests being served now. */
  inFlight(): number;
  /** Stop accepting, let in-flight requests finish (up to timeouts.drain), then release everything. */
  drain(): Promise<{ abandoned: number }>;
}

const MAX_MODEL_LABELS = 100;

/** Model names become metric labels: known shape only, and at most 100 distinct ones, so clients cannot explode cardinality. */
function modelLabeler(): (model: string | null) => string {
  const seen = new Set<string>();
  return (model) => {
    if (model === null) return 'unknown';
    if (seen.has(model)) return model;
    if (!/^[\w.:/@-]{1,128}$/.test(model) || seen.size >= MAX_MODEL_LABELS) return 'other';
    seen.add(model);
    return model;
  };
}

function readTls(config: GatewayConfig): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tls) return undefined;
  const read = (field: 'cert' | 'key') => {
    try {
      return readFileSync(config.tls![field]);
    } catch (cause) {
      throw new InputError(`tls.${field}: cannot read "${config.tls![field]}" (${(cause as NodeJS.ErrnoException).code ?? cause}); expected a PEM file`, { cause });
    }
  };
  return { cert: read('cert'), key: read('key') };
}

function openLog(path: string | undefined): AccessLog | null {
  if (path === undefined) return null;
  try {
    closeSync(openSync(path, 'a'));
  } catch (cause) {
    throw new InputError(`accessLog: cannot open "${path}" for appending (${(cause as NodeJS.ErrnoException).code ?? cause}); expected a writable file path`, { cause });
  }
  return new AccessLog(path);
}

async function defaultCounter(): Promise<TokenCounter> {
  const { loadCounter } = await import('./tokenizer.js');
  return loadCounter();
}

async function openStore(config: GatewayConfig): Promise<LimitStore> {
  if (config.limits.store === 'memory') return memoryStore();
  const { redisStore } = await import('./redis-store.js');
  return redisStore(config.limits.url, config.limits.prefix);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(new InputError(`listen: cannot listen on ${host}:${port} (${e.code ?? e.message}); expected a free port on a local address`, { cause: e }));
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Start a gateway from a validated config. Errors in files, env or Redis are InputErrors (exit 2). */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const upstreams = resolveUpstreams(config.upstreams, options.env ?? process.env);
  const tls = readTls(config);
  const log = openLog(config.accessLog);
  const metrics = new GatewayMetrics();
  const health = new UpstreamHealth(metrics, upstreams.map((u) => u.name));
  const count = options.count ?? (await defaultCounter());
  // The tokenizer builds its tables on first use: pay that at start, not on the first request.
  count.count('warm up the tokenizer');
  const store = options.store ?? (await openStore(config));
  const prefix = randomBytes(6).toString('base64url');
  let seq = 0;
  const deps: ProxyDeps = {
    config, upstreams, store, metrics, log, count, health, agents: createAgents(),
    modelLabel: modelLabeler(), nextId: () => `${prefix}.${(seq++).toString(36)}`, flight: { n: 0 },
  };
  metrics.inFlightNow = () => deps.flight.n;
  let draining = false;
  let active = 0;
  let idle: (() => void) | null = null;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) idle?.();
    });
    if (draining) res.setHeader('connection', 'close');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === '/metrics' && req.method === 'GET') {
      void metrics.text().then(({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(body));
    } else if (path === '/healthz') {
      sendError(res, draining ? 503 : 200, draining ? 'draining' : 'ok', draining ? 'draining' : 'ok');
    } else if (path in ROUTES) {
      void handleProxy(req, res, deps, path, t0);
    } else {
      sendError(res, 404, 'not_found', `no route ${path}; the gateway serves ${Object.keys(ROUTES).join(', ')}, /metrics and /healthz`);
    }
  };
  const serverOptions = {
    maxHeaderSize: config.maxHeaderBytes, requestTimeout: config.timeouts.request,
    headersTimeout: Math.min(config.timeouts.request, 60_000), keepAliveTimeout: config.timeouts.keepAlive, connectionsCheckingInterval: 1_000,
  };
  const server: Server = tls ? createHttpsServer({ ...serverOptions, ...tls }, handler) : createHttpServer(serverOptions, handler);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  let address: AddressInfo;
  try {
    address = await listen(server, config.host, config.port);
  } catch (e) {
    await store.close();
    await log?.close();
    throw e;
  }
  const stopChecks = options.healthChecks === false ? () => {} : startHealthChecks(health, upstreams, config.healthCheck.intervalMs, config.healthCheck.path);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    metrics,
    inFlight: () => active,
    async drain() {
      draining = true;
      stopChecks();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let abandoned = 0;
      if (active > 0) {
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), config.timeouts.drain);
          idle = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        if (timedOut) abandoned = active;
      }
      server.closeAllConnections();
      await closed;
      deps.agents.http.destroy();
      deps.agents.https.destroy();
      await store.close();
      await log?.close();
      return { abandoned };
    },
  };
}
