import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { MockLlmOptions, TokenCount } from '../../observe/mock/options.js';
import { durationFlag, pairsFlag, portFlag, positiveFlag, probabilityFlag } from '../../observe/bench/units.js';
import { plainTable } from '../../render/index.js';
import type { CommandResult } from '../context.js';
import { intFlag } from '../flags.js';
import type { CommandSpec } from './spec.js';

interface MockFlags {
  port: number;
  host: string;
  model: string;
  ttft?: number;
  itl?: number;
  tokensPerSecond?: number;
  jitter: number;
  outputTokens?: TokenCount;
  tokensPerChunk: number;
  errorRate: number;
  fault?: Map<string, string>;
  tpmLimit?: number;
  rpmLimit?: number;
  maxRunning: number;
  kvCacheTokens: number;
  requireKeyEnv?: string;
  stamps: boolean;
  seed: number;
}

function tokenCountFlag(value: string): TokenCount {
  const one = /^\s*(\d+)\s*$/.exec(value);
  const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (one && ok(Number(one[1]))) return { fixed: Number(one[1]) };
  if (range && ok(Number(range[1])) && Number(range[2]) >= Number(range[1]) && ok(Number(range[2]))) return { min: Number(range[1]), max: Number(range[2]) };
  throw new InputError(`--output-tokens "${value}" is not valid: expected a whole number N >= 1 or a range MIN-MAX (uniform), e.g. 128 or 64-256`);
}

const FAULT_KEYS = ['cut', 'hang', 'malformed'] as const;

/** Turn flags into server options, refusing conflicts. */
function toOptions(f: MockFlags, env: NodeJS.ProcessEnv): Partial<MockLlmOptions> {
  if (f.itl !== undefined && f.tokensPerSecond !== undefined) throw new InputError('--itl and --tokens-per-second both set the gap between tokens: give one of them');
  const models = f.model.split(',').map((m) => m.trim());
  if (models.some((m) => !m) || new Set(models).size !== models.length) throw new InputError(`--model "${f.model}" is not valid: expected model names separated by commas, none empty or repeated`);
  const faults = { error: f.errorRate, cut: 0, hang: 0, malformed: 0 };
  for (const [k, v] of f.fault ?? []) faults[k as (typeof FAULT_KEYS)[number]] = probabilityFlag(`--fault ${k}`)(v);
  if (faults.error + faults.cut + faults.hang + faults.malformed > 1) throw new InputError('--error-rate and --fault probabilities add up to more than 1');
  let apiKey: string | null = null;
  if (f.requireKeyEnv !== undefined) {
    apiKey = env[f.requireKeyEnv] ?? null;
    if (!apiKey) throw new InputError(`--require-key-env ${f.requireKeyEnv}: the environment variable ${f.requireKeyEnv} is not set or empty`);
  }
  return {
    host: f.host, port: f.port, models, ttftMs: f.ttft ?? 200,
    itlMs: f.tokensPerSecond !== undefined ? 1000 / f.tokensPerSecond : (f.itl ?? 20),
    jitter: f.jitter, outputTokens: f.outputTokens ?? null, tokensPerChunk: f.tokensPerChunk, faults,
    tpmLimit: f.tpmLimit ?? null, rpmLimit: f.rpmLimit ?? null, maxRunning: f.maxRunning, kvCacheTokens: f.kvCacheTokens,
    apiKey, stamps: f.stamps, seed: f.seed,
  };
}

function jitterFlag(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InputError(`--jitter "${value}" is not valid: expected a fraction between 0 and 1 (0.1 = each delay varies by up to ±10%)`);
  return n;
}

/** `gpuops mock-llm`: a simulated OpenAI/Azure OpenAI server with known timing, 429s and vLLM metrics. */
export const mockLlmCommand: CommandSpec<MockFlags> = {
  name: 'mock-llm',
  summary: 'run a simulated OpenAI-compatible LLM server (known TTFT/ITL, Azure-style 429s, vLLM /metrics) to test gateways, dashboards and alerts without a GPU',
  examples: [
    'gpuops mock-llm --port 8000 --ttft 200ms --itl 20ms',
    'gpuops mock-llm --port 0 --tpm-limit 60000 --rpm-limit 60 --output-tokens 64-256',
    'gpuops mock-llm --fault cut=0.05,hang=0.01 --error-rate 0.02 --jitter 0.2',
  ],
  options(cmd: Command) {
    cmd
      .option('--port <n>', 'TCP port; 0 picks a free one', portFlag('--port'), 8000)
      .option('--host <address>', 'address to bind (loopback by default; 0.0.0.0 exposes it)', '127.0.0.1')
      .option('--model <names>', 'served model names, comma-separated (also the Azure deployment names)', 'mock-llm')
      .option('--ttft <duration>', 'time to first token (e.g. 200ms, 1s; bare numbers are ms) [default: 200ms]', durationFlag('--ttft', 'ms'))
      .option('--itl <duration>', 'gap between output tokens [default: 20ms]', durationFlag('--itl', 'ms'))
      .option('--tokens-per-second <n>', 'output speed instead of --itl (itl = 1000/n ms)', positiveFlag('--tokens-per-second'))
      .option('--jitter <fraction>', 'each delay varies uniformly by up to ±fraction', jitterFlag, 0)
      .option('--output-tokens <n|min-max>', 'output length (capped by the request\'s max_tokens) [default: max_tokens, else 128]', tokenCountFlag)
      .option('--tokens-per-chunk <n>', 'tokens per streamed chunk (multi-token chunks, as with speculative decoding)', intFlag('--tokens-per-chunk', 1), 1)
      .option('--error-rate <p>', 'fraction of requests answered HTTP 500', probabilityFlag('--error-rate'), 0)
      .option('--fault <pairs>', 'more faults per request: cut=P (stream dropped mid-way), hang=P (never answers), malformed=P (a bad SSE line)', pairsFlag('--fault', FAULT_KEYS, 'cut=0.05,hang=0.01'))
      .option('--tpm-limit <n>', 'tokens per minute before Azure-style 429s (admission estimate: prompt + max_tokens)', intFlag('--tpm-limit', 1))
      .option('--rpm-limit <n>', 'requests per minute before 429s (enforced per 10 s, as Azure does)', intFlag('--rpm-limit', 1))
      .option('--max-running <n>', 'requests generating at once (vLLM max_num_seqs); the rest queue', intFlag('--max-running', 1), 256)
      .option('--kv-cache-tokens <n>', 'simulated KV-cache size in tokens, for vllm:kv_cache_usage_perc', intFlag('--kv-cache-tokens', 1), 262_144)
      .option('--require-key-env <var>', 'require the key held in this environment variable (api-key or Bearer); 401 otherwise')
      .option('--no-stamps', 'leave out the gpuops_timing server stamps on the last chunk')
      .option('--seed <n>', 'seed of the jitter, length and fault draws', intFlag('--seed', 0), 1);
  },
  async run(_args, opts, ctx): Promise<CommandResult> {
    const options = toOptions(opts, ctx.env);
    const { startMockLlm } = await import('../../observe/mock/server.js');
    let mock;
    try {
      mock = await startMockLlm(options);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (err instanceof RangeError) throw new InputError(err.message, { cause: err });
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new InputError(`--port ${opts.port} / --host ${opts.host}: cannot listen there (${code})`, { suggestion: 'pick another --port (or --port 0 for a free one) and a local address for --host, e.g. 127.0.0.1', cause: err });
      }
      throw err;
    }
    // A server's one line of stdout: its address, so scripts can read it (`URL=$(gpuops mock-llm --port 0 | head -1)`).
    ctx.stdout(`${mock.url}\n`);
    ctx.stderr(`mock-llm: OpenAI base ${mock.url}/v1, Azure endpoint ${mock.url}, metrics ${mock.url}/metrics; Ctrl-C stops\n`);
    const signal = await new Promise<string>((resolve) => {
      const stop = (s: string) => () => resolve(s);
      process.once('SIGINT', stop('SIGINT'));
      process.once('SIGTERM', stop('SIGTERM'));
    });
    await mock.close();
    const served = mock.requests();
    const data = {
      url: mock.url, stoppedBy: signal, requests: served.length,
      byStatus: Object.fromEntries([...new Set(served.map((r) => r.status))].sort().map((s) => [String(s), served.filter((r) => r.status === s).length])),
      generatedTokens: served.reduce((a, r) => a + r.completionTokens, 0),
    };
    return { data, table: () => plainTable(['requests', 'by status', 'generated tokens'], [[String(data.requests), JSON.stringify(data.byStatus), String(data.generatedTokens)]]) };
  },
};
