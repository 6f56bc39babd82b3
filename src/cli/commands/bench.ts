import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError, RemoteError } from '../../errors.js';
import type { BenchJson } from '../../observe/bench/contract.js';
import type { BenchConfig } from '../../observe/bench/run.js';
import type { Slo } from '../../observe/bench/summary.js';
import { durationFlag, pairsFlag, positiveFlag, probabilityFlag } from '../../observe/bench/units.js';
import { baseUrlProblem, type ApiKind } from '../../observe/wire/endpoints.js';
import type { CliContext, CommandResult } from '../context.js';
import { choiceFlag, intFlag } from '../flags.js';
import { benchTable, compareTable, recordRows } from './bench-view.js';
import type { CommandSpec } from './spec.js';

interface BenchFlags {
  api: ApiKind;
  model?: string;
  deployment?: string;
  apiVersion?: string;
  keyEnv?: string;
  endpoint: 'chat' | 'completions';
  concurrency?: number;
  rate?: number;
  burstiness: number;
  requests?: number;
  duration?: number;
  rampUp?: number;
  sweep?: { field: 'concurrency' | 'rate'; values: number[] };
  warmup: number;
  inputTokens: number;
  outputTokens?: number;
  prompts?: string;
  ignoreEos?: boolean;
  usage: boolean;
  timeout?: number;
  slo?: Map<string, string>;
  maxErrorRate?: number;
  seed: number;
  history: boolean;
}

const DEFAULT_REQUESTS = 100;
const MAX_CONCURRENCY = 10_000;

function burstinessFlag(value: string): number {
  if (/^\s*inf(inity)?\s*$/i.test(value)) return Infinity;
  return positiveFlag('--burstiness')(value);
}

/** The key: --key-env VAR (must be set), else the API's usual variable, else none. */
function resolveKey(api: ApiKind, keyEnv: string | undefined, env: NodeJS.ProcessEnv): { key?: string; source: string | null } {
  if (keyEnv !== undefined) {
    const key = env[keyEnv];
    if (!key) throw new InputError(`--key-env ${keyEnv}: the environment variable ${keyEnv} is not set or empty`, { suggestion: `export ${keyEnv}=<your key>, or leave out --key-env for a server that needs no key` });
    return { key, source: keyEnv };
  }
  const name = api === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  return env[name] ? { key: env[name], source: name } : { source: null };
}

/** `--sweep concurrency=1,8,32` or `--sweep rate=0.5,1,2`. */
function sweepFlag(value: string): { field: 'concurrency' | 'rate'; values: number[] } {
  const m = /^\s*(concurrency|rate)\s*=\s*(.+)$/i.exec(value);
  if (!m) throw new InputError(`--sweep "${value}" is not valid: expected concurrency=1,8,32 or rate=1,2,4`);
  const field = m[1]!.toLowerCase() as 'concurrency' | 'rate';
  const values = m[2]!.split(',').map((v) => (field === 'rate' ? positiveFlag('--sweep rate')(v) : intFlag('--sweep concurrency', 1)(v.trim())));
  if (new Set(values).size !== values.length) throw new InputError(`--sweep ${field}: a value is repeated`);
  if (field === 'concurrency' && values.some((v) => v > MAX_CONCURRENCY)) throw new InputError(`--sweep concurrency: at most ${MAX_CONCURRENCY} streams per client`);
  return { field, values };
}

function parseSlo(m: Map<string, string>): Slo {
  const slo: Slo = {};
  for (const [k, v] of m) slo[`${k}Ms` as keyof Slo] = durationFlag(`--slo ${k}`, 'ms', { positive: true })(v);
  return slo;
}

/** The prompts: a file (ShareGPT JSON or JSONL) or synthetic ones of --input-tokens. */
async function readPrompts(f: BenchFlags): Promise<BenchConfig['prompts']> {
  if (!f.prompts) return { kind: 'synthetic', inputTokens: f.inputTokens };
  let text: string;
  try {
    // A device or a pipe (/dev/zero) would be read forever: only regular files, at most 1 GiB.
    const st = statSync(f.prompts);
    if (!st.isFile()) throw new InputError(`--prompts ${f.prompts}: not a regular file`);
    if (st.size > 1024 ** 3) throw new InputError(`--prompts ${f.prompts}: ${st.size} bytes is over the 1 GiB limit`);
    text = readFileSync(f.prompts, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--prompts ${f.prompts}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const [{ parsePromptsFile }, { loadTokenizer }] = await Promise.all([import('../../observe/bench/prompts.js'), import('../../observe/wire/tokens.js')]);
  return { kind: 'file', file: f.prompts, specs: parsePromptsFile(text, f.prompts, await loadTokenizer()) };
}

/** The first model id of a `/models` answer; undefined when the body is not such a list (not JSON, null, no data). */
function firstModelId(text: string): unknown {
  try {
    return (JSON.parse(text) as { data?: { id?: unknown }[] } | null)?.data?.[0]?.id;
  } catch {
    return undefined;
  }
}

/** With --api openai and no --model, ask the server which model it serves (GET /models), as SDK users would. */
async function discoverModel(url: string, headers: Record<string, string>): Promise<string> {
  const { request } = await import('undici');
  const { endpointUrl } = await import('../../observe/wire/endpoints.js');
  const u = endpointUrl({ api: 'openai', base: url, operation: 'models' });
  let res;
  try {
    res = await request(u, { headers, headersTimeout: 10_000, bodyTimeout: 10_000 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as { cause?: NodeJS.ErrnoException }).cause?.code ?? '';
    throw new RemoteError(`the inference endpoint ${u.origin}`, undefined, `cannot connect (${code || (err as Error).message})`, { suggestion: 'check the URL and that the server is running', cause: err });
  }
  const text = await res.body.text();
  const id = res.statusCode === 200 ? firstModelId(text) : undefined;
  if (typeof id === 'string' && id) return id;
  throw new InputError(`--model is required: ${u.href} answered HTTP ${res.statusCode} without a model list`, { suggestion: 'pass --model NAME (the name the server serves)' });
}

async function config(url: string, f: BenchFlags, env: NodeJS.ProcessEnv): Promise<BenchConfig> {
  const problem = baseUrlProblem(url);
  if (problem) throw new InputError(`URL "${url}" is not usable: ${problem}`, { suggestion: 'give the API base, e.g. http://localhost:8000/v1 or, with --api azure, https://NAME.openai.azure.com' });
  const azureV1 = f.api === 'azure' && /\/openai\/v1\/?$/.test(new URL(url).pathname);
  if (f.api === 'azure' && !azureV1 && new URL(url).pathname.replace(/\/+$/, '') !== '') {
    throw new InputError(`URL "${url}": with --api azure give the resource endpoint (https://NAME.openai.azure.com) or its /openai/v1 base, not a path`, { suggestion: 'the deployment path and api-version are added by gpuops' });
  }
  if ((f.concurrency ?? 1) > MAX_CONCURRENCY) throw new InputError(`--concurrency ${f.concurrency} is over ${MAX_CONCURRENCY}: one client process holds at most that many streams (run several clients beyond it)`);
  if (f.api === 'azure' && !azureV1 && !f.deployment) throw new InputError('--api azure needs --deployment NAME (the deployment goes in the request path)');
  if (f.api === 'openai' && f.deployment) throw new InputError('--deployment is for --api azure; with --api openai pass --model');
  if (f.apiVersion !== undefined && (f.api !== 'azure' || azureV1)) throw new InputError('--api-version applies only to Azure OpenAI\'s dated API (--api azure with a resource endpoint)');
  if (f.rate === undefined && f.burstiness !== 1) throw new InputError('--burstiness shapes open-loop arrivals: use it with --rate');
  const sweep = f.sweep;
  if (sweep?.field === 'rate' && f.rate !== undefined) throw new InputError('--sweep rate=... and --rate conflict: give one of them');
  if (sweep?.field === 'concurrency' && f.concurrency !== undefined) throw new InputError('--sweep concurrency=... and --concurrency conflict: give one of them');
  const { key, source } = resolveKey(f.api, f.keyEnv, env);
  const prompts = await readPrompts(f);
  const { authHeaders } = await import('../../observe/wire/endpoints.js');
  const model = f.model ?? (f.api === 'openai' ? await discoverModel(url, authHeaders('openai', key)) : undefined);
  const open = f.rate !== undefined || sweep?.field === 'rate';
  return {
    api: f.api, url, operation: f.endpoint, model, deployment: f.deployment, apiVersion: f.apiVersion, key, keySource: source,
    plan: {
      mode: open ? 'rate' : 'concurrency', concurrency: f.concurrency ?? (open ? MAX_CONCURRENCY : 1), rate: f.rate, burstiness: f.burstiness,
      requests: f.requests ?? (f.duration === undefined ? DEFAULT_REQUESTS : undefined), durationMs: f.duration, rampUpMs: f.rampUp ?? 0,
      maxErrorRate: f.maxErrorRate, seed: f.seed,
    },
    sweep, warmup: f.warmup, prompts,
    outputTokens: f.outputTokens ?? (prompts.kind === 'synthetic' ? 128 : undefined),
    ignoreEos: f.ignoreEos ?? false, includeUsage: f.usage, timeoutMs: f.timeout ?? 300_000, slo: f.slo ? parseSlo(f.slo) : null,
  };
}

function readBenchFile(file: string): BenchJson {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: cannot read it as JSON (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { suggestion: 'compare files written by `gpuops bench ... -o json > FILE`' });
  }
  if ((doc as { schema?: unknown })?.schema !== 'gpuops.bench/1') throw new InputError(`${file}: not a gpuops bench result (no "schema": "gpuops.bench/1")`, { suggestion: 'write one with `gpuops bench URL ... -o json > FILE`' });
  const problem = benchShapeProblem(doc as Record<string, unknown>);
  if (problem) throw new InputError(`${file}: a gpuops bench result, but ${problem}`, { suggestion: 'compare files written unchanged by `gpuops bench ... -o json > FILE`' });
  return doc as BenchJson;
}

/** What `bench compare` reads of each stage, checked before use: a hand-edited or cut file must not crash it. */
function benchShapeProblem(doc: Record<string, unknown>): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if ('stages' in doc && (!Array.isArray(doc.stages) || doc.stages.length === 0)) return '"stages" is not a list of stages';
  const stages: unknown[] = 'stages' in doc ? (doc.stages as unknown[]) : [doc];
  for (const [i, stage] of stages.entries()) {
    const where = 'stages' in doc ? `stage ${i + 1}` : 'the result';
    if (!isObject(stage) || !isObject(stage.load) || (stage.load.mode !== 'concurrency' && stage.load.mode !== 'rate')) return `${where} has no "load" with a mode of concurrency or rate`;
    const r = stage.requests;
    if (!isObject(r) || !['ok', 'failed', 'rate_limited'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0)) {
      return `${where} has no "requests" counts (ok, failed, rate_limited as numbers of 0 or more)`;
    }
  }
  return null;
}

async function compare(files: string[]): Promise<CommandResult> {
  if (files.length !== 2) throw new InputError(`bench compare takes two result files, got ${files.length}`, { suggestion: 'gpuops bench compare before.json after.json' });
  const [a, b] = files.map(readBenchFile) as [BenchJson, BenchJson];
  const { compareStages } = await import('../../observe/bench/compare.js');
  const { stagesOf } = await import('../../observe/bench/contract.js');
  const sa = stagesOf(a);
  const sb = stagesOf(b);
  if (sa.length !== sb.length) throw new InputError(`${files[0]} has ${sa.length} stages and ${files[1]} has ${sb.length}: compare runs of the same shape`);
  const stages = sa.map((s, i) => ({ a: s.load, b: sb[i]!.load, deltas: compareStages(s, sb[i]!) }));
  const load = (l: (typeof sa)[number]['load']) => (l.mode === 'concurrency' ? `concurrency ${l.concurrency}` : `rate ${l.rate}/s`);
  return {
    data: { a: files[0], b: files[1], stages },
    table: () => stages.map((s) => `${load(s.a)} -> ${load(s.b)}\n${compareTable(s.deltas, basename(files[0]!), basename(files[1]!))}`).join('\n\n'),
  };
}

function remoteFailure(stopped: { reason: string; detail: string }, endpoint: string): RemoteError {
  const status = /HTTP (\d{3})/.exec(stopped.detail)?.[1];
  const hint = status === '401' || status === '403' ? 'the endpoint wants a key: pass --key-env VAR (or set OPENAI_API_KEY / AZURE_OPENAI_API_KEY)'
    : status === '404' ? 'check --model / --deployment and the URL (the API base, e.g. http://host:8000/v1)'
      : stopped.reason === 'unreachable' ? 'check the URL and that the server is running and reachable from here' : 'check the request options';
  const what = stopped.reason === 'unreachable' ? `cannot connect: ${stopped.detail}` : `rejected every request: ${stopped.detail}`;
  return new RemoteError(`the inference endpoint ${endpoint}`, status ? Number(status) : undefined, what, { suggestion: hint });
}

async function bench(url: string, f: BenchFlags, ctx: CliContext, output: string): Promise<CommandResult> {
  const cfg = await config(url, f, ctx.env);
  const { runBench } = await import('../../observe/bench/run.js');
  const { benchJson } = await import('../../observe/bench/contract.js');
  const onProgress = ctx.progress
    ? (p: { done: number; elapsedMs: number; tokensPerMinute: number; p50TtftMs: number | null }) =>
        ctx.progress!(`bench: ${p.done} requests in ${(p.elapsedMs / 1000).toFixed(0)} s, TPM ${Math.round(p.tokensPerMinute).toLocaleString('en-US')}, p50 TTFT ${p.p50TtftMs === null ? '-' : p.p50TtftMs.toFixed(1)} ms`)
    : undefined;
  const { run, records } = await runBench(cfg, new Date(), onProgress);
  const doc = benchJson(run, cfg.sweep?.field);
  const stopped = run.stages.at(-1)?.stopped;
  if (stopped && stopped.reason !== 'max-error-rate' && run.stages.every((s) => s.requests.ok === 0)) throw remoteFailure(stopped, new URL(run.target.endpoint).origin);
  const notes: string[] = [];
  const tokenSources = run.stages.reduce((a, s) => ({ usage: a.usage + s.tokenSource.usage, tokenizer: a.tokenizer + s.tokenSource.tokenizer }), { usage: 0, tokenizer: 0 });
  if (tokenSources.tokenizer > 0) notes.push(`${tokenSources.tokenizer} requests had no usage from the server: their tokens were counted with ${run.prompts.tokenizer}, an estimate for other model families`);
  if (run.prompts.source === 'synthetic') notes.push(`synthetic prompts of ${run.prompts.inputTokens} tokens by ${run.prompts.tokenizer} (the server's tokenizer may count differently; its usage counts are what the figures use)`);
  for (const s of run.stages) {
    if (s.clientBound) notes.push(`the client used ${s.clientCpuPercent}% of a core: it may be the bottleneck; lower the load or run it on a bigger machine`);
    if (s.requests.rate_limited > 0) notes.push(`${s.requests.rate_limited} requests were rate limited (429) and counted, not retried; see rateLimitTimeline in -o json`);
    if (s.malformedEvents > 0) notes.push(`${s.malformedEvents} malformed SSE events were skipped`);
  }
  if (stopped) notes.push(`stopped early: ${stopped.detail}`);
  if (f.history) {
    const { openHistory } = await import('../../store/history.js');
    const h = openHistory(ctx.env);
    if ('unavailable' in h) notes.push(`history not saved: ${h.unavailable}`);
    else {
      try {
        notes.push(`saved to history as run ${h.saveBenchRun(doc)} (${h.file})`);
      } catch (err) {
        // The history is optional: a full disk or a locked file must not lose the result of the run.
        notes.push(`history not saved: ${(err as Error).message} (${h.file})`);
      } finally {
        h.close();
      }
    }
  }
  const exitCode = stopped?.reason === 'max-error-rate' ? 1 : 0;
  if (output === 'csv' || output === 'tsv') return { data: recordRows(records), notes, exitCode };
  return { data: doc, table: () => benchTable(doc), notes, exitCode };
}

/** `gpuops bench URL`: load an inference endpoint and measure TTFT, ITL, TPOT, E2E, TPM and RPM. */
export const benchCommand: CommandSpec<BenchFlags> = {
  name: 'bench',
  args: '<url> [files...]',
  summary: 'benchmark an OpenAI-compatible or Azure OpenAI endpoint: TTFT, ITL, TPOT, E2E, TPM, RPM, goodput, 429s (`bench compare A.json B.json` diffs two results)',
  examples: [
    'gpuops bench http://localhost:8000/v1 --model meta-llama/Llama-3.1-8B-Instruct --concurrency 32 --requests 500',
    'gpuops bench https://NAME.openai.azure.com --api azure --deployment gpt-4o --rate 2 --duration 60s --key-env AZURE_OPENAI_API_KEY',
    'gpuops bench http://localhost:8000/v1 --sweep concurrency=1,8,32,128 --requests 200 --slo ttft=500ms,tpot=50ms -o json > sweep.json',
    'gpuops bench compare before.json after.json',
  ],
  options(cmd: Command) {
    cmd
      .option('--api <kind>', 'openai (OpenAI-compatible: vLLM, TGI, Ollama...) or azure (Azure OpenAI)', choiceFlag('--api', ['openai', 'azure'] as const), 'openai')
      .option('--model <name>', 'model name in the request (openai: default = the first of GET /models)')
      .option('--deployment <name>', 'Azure OpenAI deployment (with --api azure)')
      .option('--api-version <version>', 'Azure OpenAI api-version [default: 2024-10-21]')
      .option('--key-env <var>', 'environment variable holding the key [default: AZURE_OPENAI_API_KEY or OPENAI_API_KEY when set; else no key]')
      .option('--endpoint <kind>', 'chat (/chat/completions) or completions (/completions)', choiceFlag('--endpoint', ['chat', 'completions'] as const), 'chat')
      .option('--concurrency <n>', 'closed loop: requests in flight [default: 1]; with --rate: the most in flight [default: 10000]', intFlag('--concurrency', 1))
      .option('--rate <r>', 'open loop: mean requests per second (latency counted from each scheduled send)', positiveFlag('--rate'))
      .option('--burstiness <b>', 'open-loop arrival shape: gamma shape (1 = Poisson, <1 burstier, inf = constant)', burstinessFlag, 1)
      .option('--requests <n>', `requests to send [default: ${DEFAULT_REQUESTS} unless --duration]`, intFlag('--requests', 1))
      .option('--duration <time>', 'send for this long (e.g. 60s, 5m; bare number = seconds)', durationFlag('--duration', 's', { positive: true }))
      .option('--ramp-up <time>', 'spread worker starts (closed loop) or ramp the rate from 0 (open loop) over this time', durationFlag('--ramp-up', 's'))
      .option('--sweep <field=list>', 'run one stage per value: concurrency=1,8,32,128 or rate=1,2,4', sweepFlag)
      .option('--warmup <n>', 'requests sent first and left out of every figure', intFlag('--warmup', 0), 0)
      .option('--input-tokens <n>', 'synthetic prompt length in tokens (o200k_base)', intFlag('--input-tokens', 1), 256)
      .option('--output-tokens <n>', 'max_tokens of each request [default: 128 with synthetic prompts; per prompt with --prompts]', intFlag('--output-tokens', 1))
      .option('--prompts <file>', 'prompts: ShareGPT-style JSON, a JSON array of prompts, or JSONL ("text", {"prompt"} or {"messages"})')
      .option('--ignore-eos', 'ask vLLM to generate exactly max_tokens (ignore_eos)')
      .option('--no-usage', 'do not ask for stream_options.include_usage (for servers that reject it); tokens are then counted client-side')
      .option('--timeout <time>', 'per-request limit (bare number = seconds) [default: 300s]', durationFlag('--timeout', 's', { positive: true }))
      .option('--slo <pairs>', 'goodput objectives: ttft=500ms,tpot=50ms,e2e=10s', pairsFlag('--slo', ['ttft', 'tpot', 'e2e'], 'ttft=500ms,tpot=50ms'))
      .option('--max-error-rate <p>', 'stop (exit 1) once more than this fraction of at least 10 requests failed', probabilityFlag('--max-error-rate'))
      .option('--seed <n>', 'seed of prompts and arrivals', intFlag('--seed', 0), 1)
      .option('--no-history', 'do not save the result in the local history (GPUOPS_DATA_DIR)');
  },
  async run(args, opts, ctx): Promise<CommandResult> {
    const [url, ...rest] = args as [string, ...string[]];
    if (url === 'compare') return compare(rest);
    if (rest.length > 0) throw new InputError(`unexpected arguments after the URL: ${rest.join(' ')}`, { suggestion: 'gpuops bench URL [options], or gpuops bench compare A.json B.json' });
    return bench(url, opts, ctx, opts.output);
  },
};
