import { Counter, Gauge, Histogram, Registry } from 'prom-client';

interface Child {
  inc(n?: number): void;
}

interface ModelChildren {
  prompt: Child;
  completion: Child;
  byStatus: Map<number, Child>;
}

/** Latency buckets in seconds: fine below 10 ms (gateway overhead), coarse up to minutes (long streams). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The gateway's Prometheus metrics. Names and labels are a contract (alert and recording rules use them);
 * `key` is always the configured key NAME, never the key or its hash.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly tokens = new Counter({
    name: 'gpuops_gateway_tokens_total', help: 'Tokens served, from the upstream usage report, by key name, model and kind (prompt|completion)',
    labelNames: ['key', 'model', 'kind'] as const, registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'gpuops_gateway_requests_total', help: 'Requests answered, by key name, model and HTTP status sent to the client',
    labelNames: ['key', 'model', 'status'] as const, registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'gpuops_gateway_rate_limited_total', help: 'Requests refused with 429 by the gateway\'s own limits, by key name',
    labelNames: ['key'] as const, registers: [this.registry],
  });
  readonly unmetered = new Counter({
    name: 'gpuops_gateway_unmetered_requests_total', help: 'Answered requests whose upstream sent no usage (tokens unknown; the reservation was kept)',
    labelNames: ['key', 'model'] as const, registers: [this.registry],
  });
  readonly ttft = new Histogram({
    name: 'gpuops_gateway_ttft_seconds', help: 'Time from the request\'s arrival to the first response body byte sent to the client',
    buckets: LATENCY_BUCKETS, registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'gpuops_gateway_request_duration_seconds', help: 'Time from the request\'s arrival to the end of the response',
    buckets: LATENCY_BUCKETS, registers: [this.registry],
  });
  readonly upstreamUp = new Gauge({
    name: 'gpuops_gateway_upstream_up', help: '1 when the upstream answered its last health check or request, else 0',
    labelNames: ['upstream'] as const, registers: [this.registry],
  });
  /** Requests being served, read only when scraped (no per-request gauge updates). */
  inFlightNow: () => number = () => 0;
  readonly inFlight: Gauge = new Gauge({
    name: 'gpuops_gateway_in_flight_requests', help: 'Requests being served', registers: [this.registry],
    collect: (): void => this.inFlight.set(this.inFlightNow()),
  });

  // Labelled children, looked up once per (key, model): prom-client hashes the label object on every call,
  // and a joined string id would be built on every request. Keys are configured names; models are already
  // capped (at most 100 labels) by the caller.
  private readonly children = new Map<string, Map<string, ModelChildren>>();

  private childrenOf(key: string, model: string): ModelChildren {
    let byModel = this.children.get(key);
    if (!byModel) this.children.set(key, (byModel = new Map()));
    let c = byModel.get(model);
    if (!c) {
      c = { prompt: this.tokens.labels({ key, model, kind: 'prompt' }), completion: this.tokens.labels({ key, model, kind: 'completion' }), byStatus: new Map() };
      byModel.set(model, c);
    }
    return c;
  }

  /** One answered request. */
  countRequest(key: string, model: string, status: number): void {
    const c = this.childrenOf(key, model);
    let r = c.byStatus.get(status);
    if (!r) c.byStatus.set(status, (r = this.requests.labels({ key, model, status: String(status) })));
    r.inc();
  }

  /** The tokens of one answered request, as the upstream reported them. */
  countTokens(key: string, model: string, prompt: number, completion: number): void {
    const c = this.childrenOf(key, model);
    c.prompt.inc(prompt);
    c.completion.inc(completion);
  }

  /** The exposition text for GET /metrics. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
