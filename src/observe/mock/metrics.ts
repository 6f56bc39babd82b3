import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// vLLM v1's bucket bounds for these histograms, so histogram_quantile over mock-llm reads like over vLLM.
const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];
const ITL_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];
const REQUEST_BUCKETS = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

/** The per-model handles the server updates on its hot path (children resolved once). */
export interface ModelMetrics {
  promptTokens: Counter.Internal;
  generationTokens: Counter.Internal;
  ttft: Histogram.Internal<string>;
  itl: Histogram.Internal<string>;
  tpot: Histogram.Internal<string>;
  e2e: Histogram.Internal<string>;
  queue: Histogram.Internal<string>;
  running: Gauge.Internal<string>;
  waiting: Gauge.Internal<string>;
  kvUsage: Gauge.Internal<string>;
  gpuCacheUsage: Gauge.Internal<string>;
  success(finishedReason: string): void;
  rateLimited(limit: 'tokens' | 'requests'): void;
  response(code: number): void;
}

/**
 * mock-llm's `/metrics`: vLLM's names and `model_name` label (v1 names, plus the v0 names
 * `vllm:time_per_output_token_seconds` and `vllm:gpu_cache_usage_perc` that older dashboards use),
 * and `gpuops_mock_*` extras for what vLLM does not have (429s, responses by status).
 */
export function createMetrics(models: string[]): { registry: Registry; forModel: (m: string) => ModelMetrics } {
  const registry = new Registry();
  const labelNames = ['model_name'] as const;
  const r = [registry];
  const counter = (name: string, help: string, extra: string[] = []) => new Counter({ name, help, labelNames: [...labelNames, ...extra], registers: r });
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers: r });
  const hist = (name: string, help: string, buckets: number[]) => new Histogram({ name, help, labelNames, buckets, registers: r });
  const prompt = counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.');
  const generation = counter('vllm:generation_tokens_total', 'Number of generation tokens processed.');
  const success = counter('vllm:request_success_total', 'Count of successfully processed requests.', ['finished_reason']);
  const ttft = hist('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', TTFT_BUCKETS);
  const itl = hist('vllm:inter_token_latency_seconds', 'Histogram of inter-token latency in seconds.', ITL_BUCKETS);
  const tpot = hist('vllm:time_per_output_token_seconds', 'Histogram of time per output token in seconds (v0 name).', ITL_BUCKETS);
  const e2e = hist('vllm:e2e_request_latency_seconds', 'Histogram of end to end request latency in seconds.', REQUEST_BUCKETS);
  const queue = hist('vllm:request_queue_time_seconds', 'Histogram of time spent in WAITING phase for request.', REQUEST_BUCKETS);
  const running = gauge('vllm:num_requests_running', 'Number of requests in model execution batches.');
  const waiting = gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.');
  const kv = gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.');
  const gpuCache = gauge('vllm:gpu_cache_usage_perc', 'GPU KV-cache usage. 1 means 100 percent usage (v0 name).');
  const limited = counter('gpuops_mock_rate_limited_total', 'Requests answered 429 by the simulated TPM/RPM limit.', ['limit']);
  const responses = counter('gpuops_mock_responses_total', 'Responses by HTTP status code.', ['code']);
  const cache = new Map<string, ModelMetrics>();
  const forModel = (m: string): ModelMetrics => {
    let mm = cache.get(m);
    if (mm) return mm;
    const l = { model_name: m };
    mm = {
      promptTokens: prompt.labels(l), generationTokens: generation.labels(l), ttft: ttft.labels(l), itl: itl.labels(l), tpot: tpot.labels(l),
      e2e: e2e.labels(l), queue: queue.labels(l), running: running.labels(l), waiting: waiting.labels(l), kvUsage: kv.labels(l), gpuCacheUsage: gpuCache.labels(l),
      success: (reason) => success.labels({ ...l, finished_reason: reason }).inc(),
      rateLimited: (limit) => limited.labels({ ...l, limit }).inc(),
      response: (code) => responses.labels({ ...l, code: String(code) }).inc(),
    };
    cache.set(m, mm);
    return mm;
  };
  // Every served model shows up from the first scrape, with zeros, as vLLM's series do.
  for (const m of models) {
    const mm = forModel(m);
    mm.promptTokens.inc(0);
    mm.generationTokens.inc(0);
    mm.running.set(0);
    mm.waiting.set(0);
    mm.kvUsage.set(0);
    mm.gpuCacheUsage.set(0);
  }
  return { registry, forModel };
}
