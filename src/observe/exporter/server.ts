import { createServer, type Server } from 'node:http';
import { hostname as osHostname } from 'node:os';
import { InputError } from '../../errors.js';
import { Collector, type CollectorOptions } from './collector.js';
import { freshSamples, renderGpuMetrics, renderHealth } from './exposition.js';

/** Options of a running exporter; see `gpuops exporter --help`. */
export interface ExporterOptions extends Partial<Omit<CollectorOptions, 'log'>> {
  port?: number;
  listen?: string;
  log?: (message: string) => void;
}

/** A running exporter: its /metrics URL and how to stop it. */
export interface RunningExporter {
  url: string;
  collector: Collector;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The defaults of `gpuops exporter`, filled in. */
export function collectorOptions(o: ExporterOptions): CollectorOptions {
  return {
    nvidiaSmi: o.nvidiaSmi ?? 'nvidia-smi', intervalMs: o.intervalMs ?? 15_000, xmlIntervalMs: o.xmlIntervalMs ?? 60_000,
    xidLog: o.xidLog === undefined ? '/dev/kmsg' : o.xidLog, hostname: o.hostname ?? osHostname(),
    env: o.env ?? process.env, log: o.log ?? (() => {}), now: o.now,
  };
}

/** Start sampling and serve `/metrics` on `listen:port` (127.0.0.1:9400 by default). */
export async function startExporter(o: ExporterOptions = {}): Promise<RunningExporter> {
  const collector = new Collector(collectorOptions(o));
  const listen = o.listen ?? '127.0.0.1';
  // The GPU part changes once per sample, scrapes come more often: render it once per sample.
  let cache = { key: '', text: '' };
  const metrics = (): string => {
    const now = Date.now();
    const snap = collector.snapshot();
    const fresh = freshSamples(snap, now);
    const key = `${snap.version}:${fresh.csv !== null}:${fresh.xml !== null}`;
    if (key !== cache.key) cache = { key, text: renderGpuMetrics(snap, now) };
    return cache.text + renderHealth(snap, now);
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    } else if (path === '/metrics') {
      const t0 = process.hrtime.bigint();
      const body = metrics();
      // Server-Timing: how long the exporter itself took, apart from the network and the machine's scheduling.
      const dur = (Number(process.hrtime.bigint() - t0) / 1e6).toFixed(3);
      res.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store', 'server-timing': `render;dur=${dur}` })
        .end(req.method === 'HEAD' ? undefined : body);
    } else if (path === '/' || path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('gpuops exporter: GPU metrics at /metrics\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, listen, o.port ?? 9400)));
    server.listen(o.port ?? 9400, listen, () => resolve());
  });
  collector.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const host = listen.includes(':') ? `[${listen}]` : listen;
  return {
    url: `http://${host}:${port}/metrics`,
    collector,
    close: () => new Promise<void>((resolve) => {
      collector.stop();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function listenError(err: NodeJS.ErrnoException, listen: string, port: number): Error {
  if (err.code === 'EADDRINUSE') {
    return new InputError(`--port ${port}: the port is already in use on ${listen}`, { suggestion: 'stop what holds it (`ss -ltnp`), or pass another --port', cause: err });
  }
  if (err.code === 'EACCES') {
    return new InputError(`--port ${port}: not allowed to listen on ${listen}:${port}`, { suggestion: 'use a port above 1023, or run with the needed capability', cause: err });
  }
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
    return new InputError(`--listen "${listen}": no such address on this machine`, { suggestion: 'pass 127.0.0.1, 0.0.0.0 or an address of one of its interfaces', cause: err });
  }
  return err;
}
