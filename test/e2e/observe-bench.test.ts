import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlm } from '../../src/observe/mock/server.js';
import type { MockLlmOptions } from '../../src/observe/mock/options.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-test-'));
const env = { GPUOPS_DATA_DIR: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withMock<T>(opts: Partial<MockLlmOptions>, fn: (m: MockLlm) => Promise<T>): Promise<T> {
  const m = await startMockLlm(opts);
  try {
    return await fn(m);
  } finally {
    await m.close();
  }
}

interface Stage {
  requests: Record<string, number>;
  ttftMs: { p50: number; p99: number; mean: number; count: number };
  itlMs: { p50: number; mean: number; count: number };
  tpotMs: { p50: number; mean: number };
  e2eMs: { p50: number };
  durationS: number;
  promptTokens: number;
  outputTokens: number;
  tokensPerMinute: number;
  requestsPerMinute: number;
  tokenSource: { usage: number; tokenizer: number };
  malformedEvents: number;
  addedTtftMs: { p50: number } | null;
  rateLimitTimeline: { status: number; retryAfterMs: number | null; remainingTokens: number | null }[];
  goodput: { requests: number } | null;
}

describe('gpuops bench against mock-llm with known timing', () => {
  let mock: MockLlm;
  let stage: Stage;
  beforeAll(async () => {
    mock = await startMockLlm({ ttftMs: 100, itlMs: 10, outputTokens: { fixed: 20 } });
    // The warm-up opens the connections and warms both sides' JIT, which a first wave would otherwise measure.
    const r = await cli(['bench', `${mock.url}/v1`, '--warmup', '4', '--concurrency', '4', '--requests', '16', '--input-tokens', '64', '--output-tokens', '50', '--slo', 'ttft=99ms', '-o', 'json'], { env });
    expect(r.stderr).toMatch(/saved to history as run \d+/);
    expect(r.code).toBe(0);
    stage = r.json<Stage>();
  });
  afterAll(() => mock.close());

  // Tolerances: mock delays are lower bounds (timers fire up to ~1 ms late); loopback and a shared
  // CI machine add a few ms more. Precise figures are the benchmark's job, not the tests'.
  it('measures TTFT, ITL and TPOT at the configured values', () => {
    expect(stage.ttftMs.p50).toBeGreaterThanOrEqual(100);
    expect(stage.ttftMs.p50).toBeLessThan(100 + 100);
    // Gaps sum to last - first token, which the mock never shortens; a busy machine can bunch tokens
    // (a late one is followed by a quick one), so the mean is the stable check and p50 only bounded.
    expect(stage.itlMs.mean).toBeGreaterThanOrEqual(10 - 0.01);
    expect(stage.itlMs.mean).toBeLessThan(10 + 4);
    expect(stage.itlMs.p50).toBeLessThan(10 + 4);
    expect(stage.tpotMs.mean).toBeGreaterThanOrEqual(9.5);
    expect(stage.tpotMs.mean).toBeLessThan(10 + 4);
    expect(stage.itlMs.count).toBe(16 * 19);
    expect(stage.e2eMs.p50).toBeGreaterThanOrEqual(100 + 19 * 10);
  });

  it('takes token counts from usage and matches what the server counted', () => {
    const all = mock.requests();
    expect(all).toHaveLength(4 + 16);
    const served = all.slice(4);
    expect(stage.requests).toMatchObject({ sent: 16, ok: 16, failed: 0 });
    expect(stage.tokenSource).toEqual({ usage: 16, tokenizer: 0 });
    expect(stage.outputTokens).toBe(served.reduce((a, r) => a + r.completionTokens, 0));
    expect(stage.outputTokens).toBe(16 * 20);
    expect(stage.promptTokens).toBe(served.reduce((a, r) => a + r.promptTokens, 0));
  });

  it('derives TPM and RPM from tokens, requests and duration', () => {
    expect(stage.durationS).toBeGreaterThanOrEqual((16 / 4) * 0.29);
    // durationS is shown rounded to the millisecond: allow that rounding.
    const near = (got: number, want: number) => expect(Math.abs(got - want) / want).toBeLessThan(0.002);
    near(stage.tokensPerMinute, ((stage.promptTokens + stage.outputTokens) / stage.durationS) * 60);
    near(stage.requestsPerMinute, (16 / stage.durationS) * 60);
  });

  it('compares its TTFT with the server stamps and applies the SLO', () => {
    expect(stage.addedTtftMs!.p50).toBeGreaterThanOrEqual(0);
    expect(stage.addedTtftMs!.p50).toBeLessThan(100);
    // No request can meet a TTFT of 99 ms when the server waits 100 ms.
    expect(stage.goodput!.requests).toBe(0);
  });
});

describe('gpuops bench outcomes', () => {
  it('counts 429s without retrying and records the rate-limit timeline', async () => {
    await withMock({ ttftMs: 1, itlMs: 1, tpmLimit: 2000 }, async (m) => {
      const r = await cli(['bench', `${m.url}/v1`, '--concurrency', '1', '--requests', '6', '--input-tokens', '100', '--output-tokens', '300', '--no-history', '-o', 'json'], { env });
      const s = r.json<Stage>();
      const limited = m.requests().filter((x) => x.status === 429).length;
      expect(limited).toBeGreaterThan(0);
      expect(s.requests).toMatchObject({ sent: 6, rate_limited: limited, ok: 6 - limited });
      expect(m.requests()).toHaveLength(6);
      const hits = s.rateLimitTimeline.filter((p) => p.status === 429);
      expect(hits).toHaveLength(limited);
      expect(hits.every((p) => p.retryAfterMs !== null && p.retryAfterMs > 0)).toBe(true);
      expect(r.stderr).toMatch(/rate limited \(429\) and counted, not retried/);
    });
  });

  it('reports cut streams, skips malformed events, and times out a server that never answers', async () => {
    await withMock({ ttftMs: 1, itlMs: 1, seed: 3, faults: { error: 0, cut: 0.3, hang: 0.2, malformed: 0.3 } }, async (m) => {
      const r = await cli(['bench', `${m.url}/v1`, '--concurrency', '4', '--requests', '30', '--output-tokens', '8', '--timeout', '400ms', '--no-history', '-o', 'json'], { env });
      const s = r.json<Stage>();
      const seen = m.requests();
      const cut = seen.filter((x) => x.finishReason === 'cut').length;
      expect(cut).toBeGreaterThan(0);
      expect(s.requests.stream_cut).toBe(cut);
      expect(s.requests.timeout).toBe(30 - seen.length);
      expect(s.requests.timeout).toBeGreaterThan(0);
      expect(s.requests.ok).toBe(seen.length - cut);
      expect(s.malformedEvents).toBeGreaterThan(0);
      expect(s.ttftMs.count).toBe(s.requests.ok);
    });
  });

  it('splits multi-token chunks evenly into ITL samples', async () => {
    await withMock({ ttftMs: 5, itlMs: 20, tokensPerChunk: 4 }, async (m) => {
      const s = (await cli(['bench', `${m.url}/v1`, '--requests', '3', '--output-tokens', '17', '--no-history', '-o', 'json'], { env })).json<Stage>();
      // 17 tokens = chunks of 4,4,4,4,1: 4 gaps of 20 ms; the first three carry 4 tokens (5 ms each), the last 1 (20 ms).
      expect(s.itlMs.count).toBe(3 * 13);
      // The samples of a request sum to its 4 gaps (>= 80 ms): mean >= 80 / 13.
      expect(s.itlMs.mean).toBeGreaterThanOrEqual(80 / 13 - 0.01);
      expect(s.itlMs.mean).toBeLessThan(80 / 13 + 3);
      expect(s.tpotMs.mean).toBeGreaterThanOrEqual(80 / 16 - 0.3);
    });
  });

  it('counts tokens with the tokenizer when the server sends no usage', async () => {
    await withMock({ ttftMs: 1, itlMs: 1 }, async (m) => {
      const s = (await cli(['bench', `${m.url}/v1`, '--requests', '2', '--output-tokens', '12', '--no-usage', '--no-history', '-o', 'json'], { env })).json<Stage>();
      expect(s.tokenSource).toEqual({ usage: 0, tokenizer: 2 });
      expect(s.outputTokens).toBe(24);
    });
  });

  it('speaks Azure OpenAI: deployment path, api-key from AZURE_OPENAI_API_KEY, never printed', async () => {
    await withMock({ ttftMs: 1, itlMs: 1, models: ['gpt-4o'], apiKey: 'azure-secret-123' }, async (m) => {
      const r = await cli(['bench', m.url, '--api', 'azure', '--deployment', 'gpt-4o', '--requests', '3', '--output-tokens', '4', '--no-history', '-o', 'json'], { env: { ...env, AZURE_OPENAI_API_KEY: 'azure-secret-123' } });
      expect(r.code).toBe(0);
      const doc = r.json<{ target: { endpoint: string; auth: string }; requests: { ok: number } }>();
      expect(doc.requests.ok).toBe(3);
      expect(doc.target.endpoint).toBe(`${m.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`);
      expect(doc.target.auth).toBe('api-key from AZURE_OPENAI_API_KEY');
      expect(r.stdout + r.stderr).not.toContain('azure-secret-123');
    });
  });

  it('keeps the key out of the history file too', async () => {
    const own = mkdtempSync(join(tmpdir(), 'gpuops-bench-hist-'));
    try {
      await withMock({ ttftMs: 1, itlMs: 1, apiKey: 'sk-never-stored-42' }, async (m) => {
        const r = await cli(['bench', `${m.url}/v1`, '--model', 'mock-llm', '--requests', '2', '--output-tokens', '2', '--key-env', 'K'], { env: { GPUOPS_DATA_DIR: own, K: 'sk-never-stored-42' } });
        expect(r.stderr).toMatch(/saved to history as run 1/);
      });
      const { readdirSync, readFileSync } = await import('node:fs');
      const bytes = readdirSync(own).map((f) => readFileSync(join(own, f)).toString('latin1')).join('');
      expect(bytes).toContain('from K');
      expect(bytes).not.toContain('sk-never-stored-42');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('shows a progress line while it runs (on a terminal)', async () => {
    await withMock({ ttftMs: 400, itlMs: 1 }, async (m) => {
      const lines: string[] = [];
      await cli(['bench', `${m.url}/v1`, '--requests', '4', '--output-tokens', '2', '--no-history'], { env, progress: (t) => lines.push(t) });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/^bench: \d+ requests in \d+ s, TPM [\d,]+, p50 TTFT ([\d.]+|-) ms$/);
    });
  });

  it('excludes warm-up requests from every figure', async () => {
    await withMock({ ttftMs: 1, itlMs: 1 }, async (m) => {
      const s = (await cli(['bench', `${m.url}/v1`, '--warmup', '3', '--requests', '5', '--output-tokens', '2', '--no-history', '-o', 'json'], { env })).json<Stage>();
      expect(m.requests()).toHaveLength(8);
      expect(s.requests.sent).toBe(5);
    });
  });

  it('runs open loop, sweeps, and writes per-request CSV', async () => {
    await withMock({ ttftMs: 1, itlMs: 1 }, async (m) => {
      const open = (await cli(['bench', `${m.url}/v1`, '--rate', '100', '--burstiness', '0.5', '--requests', '10', '--output-tokens', '2', '--no-history', '-o', 'json'], { env })).json<{ load: { mode: string; rate: number }; requests: { ok: number } }>();
      expect(open).toMatchObject({ load: { mode: 'rate', rate: 100 }, requests: { ok: 10 } });
      const sweep = (await cli(['bench', `${m.url}/v1`, '--sweep', 'concurrency=1,3', '--requests', '4', '--output-tokens', '2', '--no-history', '-o', 'json'], { env })).json<{ sweep: { values: number[] }; stages: { requests: { ok: number } }[] }>();
      expect(sweep.sweep.values).toEqual([1, 3]);
      expect(sweep.stages.map((s) => s.requests.ok)).toEqual([4, 4]);
      const csv = await cli(['bench', `${m.url}/v1`, '--requests', '3', '--output-tokens', '2', '--no-history', '-o', 'csv'], { env });
      const lines = csv.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^index,scheduledMs,sentMs,outcome,httpStatus,ttfbMs,ttftMs/);
      expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['ok', 'ok', 'ok']);
    });
  });

  it('counts open-loop latency from the scheduled send: waiting for a slot is in TTFT and reported as queue', async () => {
    await withMock({ ttftMs: 40, itlMs: 1, outputTokens: { fixed: 1 } }, async (m) => {
      // 50 arrivals/s, constant interval, but one request at a time taking >= 40 ms: a backlog builds up.
      const s = (await cli(['bench', `${m.url}/v1`, '--rate', '50', '--burstiness', 'inf', '--concurrency', '1', '--requests', '10', '--no-history', '-o', 'json'], { env })).json<Stage & { queueMs: { max: number } }>();
      expect(s.requests.ok).toBe(10);
      // The 10th is scheduled at 180 ms but cannot start before 9 x 40 ms = 360 ms.
      expect(s.queueMs.max).toBeGreaterThanOrEqual(360 - 180 - 5);
      expect(s.ttftMs.p99).toBeGreaterThanOrEqual(s.queueMs.max + 40 - 5);
    });
  });

  it('stops with exit 1 over --max-error-rate', async () => {
    await withMock({ ttftMs: 1, itlMs: 1, faults: { error: 1, cut: 0, hang: 0, malformed: 0 } }, async (m) => {
      const r = await cli(['bench', `${m.url}/v1`, '--concurrency', '2', '--requests', '200', '--max-error-rate', '0.1', '--no-history', '-o', 'json'], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/stopped early: .* over --max-error-rate 0.1/);
      expect(r.json<Stage>().requests.sent).toBeLessThan(200);
    });
  });

  it('compares two results', async () => {
    const files = await withMock({ ttftMs: 1, itlMs: 1 }, async (m) => {
      const out: string[] = [];
      for (const c of ['1', '2']) {
        const f = join(dir, `run-${c}.json`);
        writeFileSync(f, (await cli(['bench', `${m.url}/v1`, '--concurrency', c, '--requests', '4', '--output-tokens', '2', '--no-history', '-o', 'json'], { env })).stdout);
        out.push(f);
      }
      return out;
    });
    const r = await cli(['bench', 'compare', ...files, '-o', 'json'], { env });
    expect(r.code).toBe(0);
    const d = r.json<{ stages: { deltas: { metric: string; a: number; b: number; diff: number }[] }[] }>();
    const ok = d.stages[0]!.deltas.find((x) => x.metric === 'requests.ok')!;
    expect(ok).toMatchObject({ a: 4, b: 4, diff: 0 });
    expect(d.stages[0]!.deltas.map((x) => x.metric)).toContain('ttftMs.p99');
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('gpuops bench bad input and remote failures', () => {
  it.each([
    [['bench', 'localhost:8000/v1'], /URL "localhost:8000\/v1" is not usable/],
    [['bench', 'not a url'], /not an absolute URL/],
    [['bench', 'http://127.0.0.1:9/v1', '--api', 'bedrock'], /--api "bedrock" is not valid: expected one of openai, azure/],
    [['bench', 'http://127.0.0.1:9', '--api', 'azure'], /--deployment/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--key-env', 'GPUOPS_TEST_NO_SUCH_VAR'], /GPUOPS_TEST_NO_SUCH_VAR is not set/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--concurrency', '0'], /--concurrency "0"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--rate', '-1'], /--rate "-1"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--duration', '0'], /--duration "0"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--burstiness', '2'], /--burstiness .* --rate/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--sweep', 'concurrency=1,1'], /repeated/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--sweep', 'batch=1,2'], /--sweep "batch=1,2"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--slo', 'ttft=fast'], /--slo ttft "fast"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--max-error-rate', '2'], /--max-error-rate "2"/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--prompts', 'no-such-file.jsonl'], /cannot read the file \(ENOENT\)/],
    [['bench', 'compare', 'only-one.json'], /takes two result files/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--timeout', '30d'], /--timeout "30d" is not valid/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--timeout', '999999h'], /too long: at most 24 hours/],
    [['bench', 'http://127.0.0.1:9/v1', '--api', 'azure', '--deployment', 'd'], /resource endpoint .* not a path/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--prompts', '/dev/null'], /not a regular file/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--concurrency', '20000'], /over 10000/],
    [['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--sweep', 'concurrency=1,50000'], /at most 10000/],
    [['bench', 'compare', 'package.json', 'package.json'], /not a gpuops bench result/],
  ])('%j exits 2', async (argv, msg) => {
    const r = await cli(argv, { env });
    expect(r.stderr).toMatch(msg);
    expect(r.code).toBe(2);
  });

  it('names the line of a prompts file of the wrong shape', async () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, '{"prompt":"ok"}\n{"text": 5}\n');
    const r = await cli(['bench', 'http://127.0.0.1:9/v1', '--model', 'm', '--prompts', f], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad.jsonl line 2: expected a prompt string/);
  });

  it('exits 3 with the address when nothing listens', async () => {
    const port = await closedPort();
    const r = await cli(['bench', `http://127.0.0.1:${port}/v1`, '--model', 'm', '--requests', '50', '--no-history'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 naming 401 when the endpoint wants a key', async () => {
    await withMock({ apiKey: 'k', ttftMs: 1, itlMs: 1 }, async (m) => {
      const r = await cli(['bench', `${m.url}/v1`, '--model', 'mock-llm', '--requests', '20', '--no-history'], { env });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/HTTP 401/);
      expect(r.stderr).toMatch(/--key-env/);
      const ok = await cli(['bench', `${m.url}/v1`, '--model', 'mock-llm', '--requests', '2', '--output-tokens', '2', '--key-env', 'MY_KEY', '--no-history', '-o', 'json'], { env: { ...env, MY_KEY: 'k' } });
      expect(ok.json<{ requests: { ok: number } }>().requests.ok).toBe(2);
    });
  });
});

describe('gpuops bench against a misbehaving server', () => {
  it('classifies HTML, garbage, resets, oversized events and silence, and keeps them out of latency', async () => {
    const { createServer: createHttp } = await import('node:http');
    let n = 0;
    const server = createHttp((req, res) => {
      req.resume();
      const kind = n++ % 5;
      if (kind === 0) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>login page</html>');
      } else if (kind === 1) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('hello\n\nnot sse at all\n\n');
      } else if (kind === 2) {
        req.socket.destroy();
      } else if (kind === 3) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${'x'.repeat(9 * 1024 * 1024)}`);
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': still thinking\n\n');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await cli(['bench', `http://127.0.0.1:${port}/v1`, '--model', 'm', '--concurrency', '5', '--requests', '5', '--timeout', '1s', '--no-history', '-o', 'json'], { env });
      expect(r.code).toBe(0);
      const s = r.json<Stage & { errors: { outcome: string; message: string }[] }>();
      expect(s.requests).toMatchObject({ sent: 5, ok: 0, http_error: 1, stream_cut: 2, stream_error: 1, timeout: 1 });
      expect(s.ttftMs).toBeNull();
      const messages = s.errors.map((e) => e.message).join('\n');
      expect(messages).toMatch(/content-type text\/html: not an event stream/);
      expect(messages).toMatch(/too large to buffer/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
