import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { GatewayMetrics } from './metrics.js';
import { healthUrl, type Upstream } from './upstream.js';

/**
 * Which upstreams are up: set by periodic health checks (any HTTP answer below 500 is up) and by every
 * proxied request (a network error or a 5xx marks it down, any other answer up).
 */
export class UpstreamHealth {
  private readonly up = new Map<string, boolean>();

  constructor(private readonly metrics: GatewayMetrics, names: string[]) {
    for (const n of names) this.mark(n, true);
  }

  mark(name: string, up: boolean): void {
    if (this.up.get(name) === up) return;
    this.up.set(name, up);
    this.metrics.upstreamUp.set({ upstream: name }, up ? 1 : 0);
  }

  isUp(name: string): boolean {
    return this.up.get(name) ?? true;
  }

  /** Upstreams to try, in configured order, those that are up first (the others still get a try). */
  order(upstreams: readonly Upstream[]): readonly Upstream[] {
    let down = 0;
    for (let i = 0; i < upstreams.length; i++) if (!this.isUp(upstreams[i]!.name)) down++;
    // All up, the usual case: the configured list as it is (read-only), nothing to build.
    if (down === 0) return upstreams;
    const up = upstreams.filter((u) => this.isUp(u.name));
    return [...up, ...upstreams.filter((u) => !this.isUp(u.name))];
  }
}

function probe(u: Upstream, path: string | undefined, timeoutMs: number): Promise<boolean> {
  const { url, auth } = healthUrl(u, path);
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', headers: auth, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Check every upstream now and then every `intervalMs`; returns a stop function. */
export function startHealthChecks(health: UpstreamHealth, upstreams: readonly Upstream[], intervalMs: number, path: string | undefined): () => void {
  let stopped = false;
  const run = async () => {
    await Promise.all(upstreams.map(async (u) => {
      const ok = await probe(u, path, Math.min(intervalMs, 5000));
      if (!stopped) health.mark(u.name, ok);
    }));
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
