import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseInferencePath, presentedKey, type InferenceRoute } from '../wire/endpoints.js';
import { parseRequestBody, type CompletionRequest } from '../wire/request.js';
import { errorBody, modelList } from '../wire/responses.js';
import { rateLimitHeaders } from '../wire/rate-limit.js';
import { countChatTokens, loadTokenizer, type Tokenizer } from '../wire/tokens.js';
import { generate, type Generation, type GenerationEnd, type ServerTiming } from './generation.js';
import { RateLimiter } from './limiter.js';
import { createMetrics } from './metrics.js';
import { DEFAULT_OUTPUT_TOKENS, MOCK_DEFAULTS, optionProblems, type MockLlmOptions } from './options.js';
import { seededRandom } from './random.js';

/** One finished request as the server saw it (kept for the last 10,000 requests). */
export interface MockRequestRecord {
  id: string;
  model: string;
  status: number;
  promptTokens: number;
  completionTokens: number;
  finishReason: GenerationEnd['reason'] | null;
  timing: ServerTiming | null;
}

/** A running mock-llm. */
export interface MockLlm {
  /** `http://127.0.0.1:PORT`: the Azure endpoint; the OpenAI base is `${url}/v1`. */
  url: string;
  port: number;
  options: MockLlmOptions;
  /** Finished requests, oldest first. */
  requests(): MockRequestRecord[];
  /** The /metrics text. */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
const KEEP = 10_000;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.resume();
        return;
      }
      parts.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Start an OpenAI-compatible (and Azure OpenAI-shaped) simulated LLM server with known timing,
 * Azure-style 429s, fault injection, server-side timing stamps and vLLM-named `/metrics`.
 */
export async function startMockLlm(options: Partial<MockLlmOptions> = {}): Promise<MockLlm> {
  const o: MockLlmOptions = { ...MOCK_DEFAULTS, ...options, faults: { ...MOCK_DEFAULTS.faults, ...options.faults } };
  const problems = optionProblems(o);
  if (problems.length) throw new RangeError(`mock-llm options: ${problems.join('; ')}`);
  const tok: Tokenizer = await loadTokenizer();
  // The encoder builds its tables on first use (~100 ms): do it now, not inside the first request's TTFT.
  tok.count('warm up the encoder');
  const random = seededRandom(o.seed);
  const jittered = (ms: number) => (o.jitter ? ms * (1 + o.jitter * (2 * random() - 1)) : ms);
  const { registry, forModel } = createMetrics(o.models);
  const limiter = new RateLimiter(o.tpmLimit, o.rpmLimit, performance.now());
  const limits = limiter.limits();
  const records: MockRequestRecord[] = [];
  const active = new Set<() => void>();
  const hung = new Set<ServerResponse>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let kvTokens = 0;
  const created = Math.floor(Date.now() / 1000);

  const record = (r: MockRequestRecord) => {
    records.push(r);
    if (records.length > KEEP) records.splice(0, records.length - KEEP);
  };
  const gauges = (model: string) => {
    const m = forModel(model);
    m.running.set(running);
    m.waiting.set(waiting.length);
    m.kvUsage.set(Math.min(1, kvTokens / o.kvCacheTokens));
    m.gpuCacheUsage.set(Math.min(1, kvTokens / o.kvCacheTokens));
  };
  const fail = (res: ServerResponse, model: string, status: number, message: string, headers: Record<string, string> = {}, type?: string) => {
    forModel(model).response(status);
    send(res, status, errorBody(status, message, type), headers);
    record({ id: '', model, status, promptTokens: 0, completionTokens: 0, finishReason: null, timing: null });
  };

  const outputTokens = (req: CompletionRequest): { n: number; finish: 'stop' | 'length' } => {
    const oc = o.outputTokens;
    const drawn = !oc ? null : 'fixed' in oc ? oc.fixed : oc.min + Math.floor(random() * (oc.max - oc.min + 1));
    if (drawn === null) return req.maxTokens ? { n: req.maxTokens, finish: 'length' } : { n: DEFAULT_OUTPUT_TOKENS, finish: 'stop' };
    return req.maxTokens !== undefined && req.maxTokens < drawn ? { n: req.maxTokens, finish: 'length' } : { n: drawn, finish: 'stop' };
  };

  const resolveModel = (route: InferenceRoute, req: CompletionRequest): string | { status: number; message: string; type: string } => {
    if (route.deployment !== undefined) {
      return o.models.includes(route.deployment) ? route.deployment
        : { status: 404, message: `The API deployment ${route.deployment} does not exist.`, type: 'DeploymentNotFound' };
    }
    if (req.model === undefined) return o.models[0]!;
    return o.models.includes(req.model) ? req.model : { status: 404, message: `The model \`${req.model}\` does not exist.`, type: 'NotFoundError' };
  };

  const start = (g: Generation, res: ServerResponse, model: string) => {
    const m = forModel(model);
    running++;
    const kv = g.promptTokens + g.outputTokens;
    kvTokens += kv;
    gauges(model);
    let cancel: (() => void) | undefined;
    cancel = generate(g, res, o, jittered, m, (end) => {
      if (cancel) active.delete(cancel);
      running--;
      kvTokens -= kv;
      m.queue.observe(end.timing.queueMs / 1000);
      if (end.timing.e2eMs !== null) m.e2e.observe(end.timing.e2eMs / 1000);
      m.success(end.reason === 'cut' ? 'abort' : end.reason);
      m.response(200);
      record({ id: g.id.id, model, status: 200, promptTokens: g.promptTokens, completionTokens: end.completionTokens, finishReason: end.reason, timing: end.timing });
      waiting.shift()?.();
      gauges(model);
    });
    active.add(cancel);
  };

  const handleInference = async (route: InferenceRoute, req: IncomingMessage, res: ServerResponse, arrivedAt: number) => {
    const fallbackModel = route.deployment ?? o.models[0]!;
    if (o.apiKey !== null && presentedKey((n) => req.headers[n] as string | undefined) !== o.apiKey) {
      return fail(res, fallbackModel, 401, 'Access denied due to invalid subscription key or wrong API endpoint.', {}, 'authentication_error');
    }
    const raw = await readBody(req);
    if (raw === null) return fail(res, fallbackModel, 413, `request body over ${MAX_BODY} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail(res, fallbackModel, 400, 'the request body is not valid JSON');
    }
    const parsed = parseRequestBody(route.operation as 'chat' | 'completions', json);
    if (typeof parsed === 'string') return fail(res, fallbackModel, 400, parsed);
    const model = resolveModel(route, parsed);
    if (typeof model !== 'string') return fail(res, fallbackModel, model.status, model.message, {}, model.type);
    const { n, finish } = outputTokens(parsed);
    const promptTokens = parsed.operation === 'chat' ? countChatTokens(tok, parsed.messages) : tok.count(parsed.messages[0]!.content);
    const m = forModel(model);
    // Azure admits on an estimate: prompt tokens plus max_tokens (what may be generated).
    const admission = limiter.admit(promptTokens + (parsed.maxTokens ?? n), performance.now());
    const rl = rateLimitHeaders({
      limitTokens: limits.tokens ?? undefined, remainingTokens: admission.remainingTokens ?? undefined,
      limitRequests: limits.requests ?? undefined, remainingRequests: admission.remainingRequests ?? undefined,
      retryAfterMs: admission.ok ? undefined : admission.retryAfterMs,
    });
    if (!admission.ok) {
      m.rateLimited(admission.limit);
      const secs = Math.ceil(admission.retryAfterMs / 1000);
      const what = admission.limit === 'tokens' ? 'token rate limit' : 'call rate limit';
      return fail(res, model, 429, `Requests to the ChatCompletions_Create Operation have exceeded ${what} of your current pricing tier. Please retry after ${secs} seconds.`, rl, 'rate_limit_exceeded');
    }
    const u = random();
    const f = o.faults;
    if (u < f.error) return fail(res, model, 500, 'simulated server error (mock-llm --error-rate)', rl, 'server_error');
    if (u < f.error + f.hang) {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const fault = u < f.error + f.hang + f.cut ? 'cut' : u < f.error + f.hang + f.cut + f.malformed ? 'malformed' : null;
    const id = { id: `${parsed.operation === 'chat' ? 'chatcmpl' : 'cmpl'}-${randomUUID().replaceAll('-', '')}`, model, created: Math.floor(Date.now() / 1000) };
    m.promptTokens.inc(promptTokens);
    const g: Generation = { id, route, request: parsed, promptTokens, outputTokens: n, finishReason: finish, arrivedAt, fault, headers: { ...rl, 'x-request-id': id.id } };
    if (running < o.maxRunning) return start(g, res, model);
    const go = () => start(g, res, model);
    waiting.push(go);
    gauges(model);
    res.on('close', () => {
      const i = waiting.indexOf(go);
      if (i >= 0) {
        waiting.splice(i, 1);
        gauges(model);
      }
    });
  };

  const server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (req, res) => {
    try {
      route(req, res);
    } catch (err) {
      // A request must never take the server down: answer 500 and go on.
      if (!res.headersSent) send(res, 500, errorBody(500, `mock-llm failed: ${(err as Error).message}`, 'server_error'));
      else res.destroy();
    }
  });

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      void registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      });
      return;
    }
    if (req.method === 'GET' && (path === '/health' || path === '/')) return send(res, 200, { status: 'ok', models: o.models });
    const route = parseInferencePath(url);
    if (!route) return send(res, 404, errorBody(404, `no route for ${req.method} ${path}: mock-llm serves /v1/chat/completions, /v1/completions, /v1/models, /openai/deployments/{deployment}/..., /metrics`));
    if (route.operation === 'models') return req.method === 'GET' ? send(res, 200, modelList(o.models, created)) : send(res, 405, errorBody(405, 'use GET'));
    if (req.method !== 'POST') return send(res, 405, errorBody(405, `use POST for ${path}`));
    handleInference(route, req, res, arrivedAt).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(500, `mock-llm failed: ${(err as Error).message}`, 'server_error'));
      else res.destroy();
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    options: o,
    requests: () => [...records],
    metrics: () => registry.metrics(),
    close: async () => {
      for (const cancel of [...active]) cancel();
      for (const res of hung) res.destroy();
      waiting.length = 0;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
