import { Client } from 'undici';
import { authHeaders, endpointUrl, type ApiKind } from '../wire/endpoints.js';
import { requestBody } from '../wire/request.js';
import { countChatTokens, loadTokenizer, type Tokenizer } from '../wire/tokens.js';
import { seededRandom } from '../mock/random.js';
import type { BenchTarget, PreparedPrompt } from './client.js';
import { runLoad, type LoadDeps, type LoadPlan, type LoadResult, type RateLimitPoint } from './load.js';
import { promptWords, syntheticPrompt, type PromptSpec } from './prompts.js';
import { warmClient } from './warm.js';
import { DEFINITIONS, type BenchSummary, type Slo } from './summary.js';

/** Everything a bench run needs, already validated. */
export interface BenchConfig {
  api: ApiKind;
  url: string;
  operation: 'chat' | 'completions';
  model?: string;
  deployment?: string;
  apiVersion?: string;
  /** The key itself (never stored or printed) and where it came from (the variable's name). */
  key?: string;
  keySource: string | null;
  plan: LoadPlan;
  /** Sweep stages: each replaces the plan's concurrency or rate. */
  sweep?: { field: 'concurrency' | 'rate'; values: number[] };
  warmup: number;
  prompts: { kind: 'synthetic'; inputTokens: number } | { kind: 'file'; file: string; specs: PromptSpec[] };
  outputTokens?: number;
  ignoreEos: boolean;
  includeUsage: boolean;
  timeoutMs: number;
  slo: Slo | null;
}

/** One stage's result in the JSON contract. */
export interface BenchStage extends BenchSummary {
  load: { mode: LoadPlan['mode']; concurrency: number | null; rate: number | null; burstiness: number | null; requests: number | null; durationS: number | null; rampUpS: number };
  stopped: LoadResult['stopped'];
  clientCpuPercent: number;
  clientBound: boolean;
  rateLimitTimeline: RateLimitPoint[];
}

/** The whole `gpuops bench` result (`-o json`). */
export interface BenchRun {
  schema: 'gpuops.bench/1';
  startedAt: string;
  target: { url: string; api: ApiKind; operation: string; model: string | null; deployment: string | null; apiVersion: string | null; endpoint: string; auth: string };
  prompts: { source: string; count: number; inputTokens: number | null; outputTokens: number | null; tokenizer: string };
  warmup: number;
  stages: BenchStage[];
  definitions: typeof DEFINITIONS;
}

/** Above this share of one core the client, not the server, may be the bottleneck. */
export const CLIENT_BOUND_CPU_PERCENT = 90;

function prepare(cfg: BenchConfig, tok: Tokenizer): { prompts: PreparedPrompt[]; inputTokens: number | null } {
  const specs: PromptSpec[] = [];
  let inputTokens: number | null = null;
  if (cfg.prompts.kind === 'synthetic') {
    inputTokens = cfg.prompts.inputTokens;
    const words = promptWords(tok);
    const random = seededRandom(cfg.plan.seed + 17);
    // Enough distinct prompts that a server's prefix cache does not make the run look fast.
    const n = Math.min(cfg.plan.requests ?? 1000, 1000);
    for (let i = 0; i < n; i++) specs.push({ messages: [{ role: 'user', content: syntheticPrompt(tok, words, cfg.prompts.inputTokens, random) }] });
  } else {
    specs.push(...cfg.prompts.specs);
  }
  const prompts = specs.map((s) => {
    const body = requestBody({
      operation: cfg.operation, model: cfg.api === 'azure' && !/\/openai\/v1\/?$/.test(new URL(cfg.url).pathname) ? undefined : (cfg.model ?? cfg.deployment),
      messages: s.messages, maxTokens: cfg.outputTokens ?? s.maxTokens, stream: true, includeUsage: cfg.includeUsage, ignoreEos: cfg.ignoreEos,
    });
    const promptTokens = cfg.operation === 'chat' ? countChatTokens(tok, s.messages) : tok.count(s.messages.map((m) => m.content).join('\n'));
    return { body: JSON.stringify(body), promptTokens };
  });
  return { prompts, inputTokens };
}

function stageOf(plan: LoadPlan, r: LoadResult): BenchStage {
  return {
    load: {
      mode: plan.mode, concurrency: Number.isFinite(plan.concurrency) ? plan.concurrency : null, rate: plan.rate ?? null,
      burstiness: plan.mode === 'rate' ? (Number.isFinite(plan.burstiness) ? plan.burstiness : null) : null,
      requests: plan.requests ?? null, durationS: plan.durationMs !== undefined ? plan.durationMs / 1000 : null, rampUpS: plan.rampUpMs / 1000,
    },
    ...r.summary,
    stopped: r.stopped,
    clientCpuPercent: r.clientCpuPercent,
    clientBound: r.clientCpuPercent >= CLIENT_BOUND_CPU_PERCENT,
    rateLimitTimeline: r.rateLimitTimeline,
  };
}

/** Run the benchmark: warm-up (excluded), then the plan or each sweep stage. `records` gets per-request rows. */
export async function runBench(cfg: BenchConfig, now: Date, onProgress?: LoadDeps['onProgress']): Promise<{ run: BenchRun; records: LoadResult['records'] }> {
  const tok = await loadTokenizer();
  tok.count('warm up the encoder');
  const { prompts, inputTokens } = prepare(cfg, tok);
  // Best effort: where no loopback port can be opened the run still goes on, only colder.
  await warmClient(tok).catch(() => undefined);
  const endpoint = endpointUrl({ api: cfg.api, base: cfg.url, operation: cfg.operation, deployment: cfg.deployment, apiVersion: cfg.apiVersion });
  const target: BenchTarget = {
    origin: endpoint.origin,
    path: `${endpoint.pathname}${endpoint.search}`,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders(cfg.api, cfg.key) },
    timeoutMs: cfg.timeoutMs,
  };
  const stagesPlans = cfg.sweep ? cfg.sweep.values.map((v) => ({ ...cfg.plan, [cfg.sweep!.field]: v })) : [cfg.plan];
  // One undici Client (one keep-alive connection) per stream slot: a shared pool can queue a request
  // behind another on a connection still being opened, which shows up as TTFT that the server never caused.
  const clients: Client[] = [];
  const connection = (slot: number) =>
    (clients[slot] ??= new Client(endpoint.origin, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 60_000, connect: { timeout: 10_000 } }));
  const stages: BenchStage[] = [];
  const records: LoadResult['records'] = [];
  try {
    if (cfg.warmup > 0) {
      const w = Math.max(1, Math.min(cfg.warmup, Number.isFinite(cfg.plan.concurrency) ? cfg.plan.concurrency : 8));
      await runLoad({ connection, target, prompts, tok }, { ...cfg.plan, mode: 'concurrency', concurrency: w, requests: cfg.warmup, durationMs: undefined, rampUpMs: 0, maxErrorRate: undefined }, null);
    }
    for (const plan of stagesPlans) {
      const r = await runLoad({ connection, target, prompts, tok, onProgress }, plan, cfg.slo);
      stages.push(stageOf(plan, r));
      records.push(...r.records);
      if (r.stopped) break;
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  const shown = new URL(cfg.url);
  return {
    run: {
      schema: 'gpuops.bench/1',
      startedAt: now.toISOString(),
      target: {
        url: shown.href, api: cfg.api, operation: cfg.operation, model: cfg.model ?? null, deployment: cfg.deployment ?? null,
        apiVersion: cfg.api === 'azure' ? endpoint.searchParams.get('api-version') : null, endpoint: endpoint.href,
        auth: cfg.keySource ? `${cfg.api === 'azure' ? 'api-key' : 'Bearer'} from ${cfg.keySource}` : 'none',
      },
      prompts: {
        source: cfg.prompts.kind === 'synthetic' ? 'synthetic' : cfg.prompts.file, count: prompts.length, inputTokens,
        outputTokens: cfg.outputTokens ?? null, tokenizer: tok.encoding,
      },
      warmup: cfg.warmup,
      stages,
      definitions: DEFINITIONS,
    },
    records,
  };
}
