import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlm } from '../../src/observe/mock/server.js';
import { createSseReader } from '../../src/observe/wire/sse.js';
import { cli } from '../support/cli.js';

const chat = (extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: 'hello world' }], ...extra });

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function events(res: Response): Promise<string[]> {
  const out: string[] = [];
  const r = createSseReader({ onEvent: (d) => out.push(d) });
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) r.feed(chunk);
  r.end();
  return out;
}

describe('mock-llm over HTTP', () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm({ ttftMs: 40, itlMs: 5, models: ['m1', 'm2'] });
  });
  afterAll(() => mock.close());

  it('streams a chat completion: role chunk, N tokens, finish, usage, [DONE], server stamps', async () => {
    const res = await post(`${mock.url}/v1/chat/completions`, chat({ model: 'm2', max_tokens: 6, stream: true, stream_options: { include_usage: true } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const ev = await events(res);
    expect(ev.at(-1)).toBe('[DONE]');
    const chunks = ev.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const content = chunks.filter((c) => c.choices[0]?.delta?.content);
    expect(content).toHaveLength(6);
    expect(content[1]).toEqual({
      id: chunks[0].id, object: 'chat.completion.chunk', created: chunks[0].created, model: 'm2',
      choices: [{ index: 0, delta: { content: ' model' }, logprobs: null, finish_reason: null }], usage: null,
    });
    expect(chunks[0].id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('length');
    // Prompt: 3 to prime the reply + 3 for the message + 'user' (1) + 'hello world' (2) in o200k_base.
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 });
    const t = chunks.at(-2).gpuops_timing;
    // Timers fire late, never early: TTFT at least the configured 40 ms, E2E at least 40 + 5 x 5.
    expect(t.ttft_ms).toBeGreaterThanOrEqual(40);
    expect(t.ttft_ms).toBeLessThan(40 + 100);
    expect(t.e2e_ms - t.ttft_ms).toBeGreaterThanOrEqual(25);
  });

  it('answers the Azure deployment path with a prompt-filter first event', async () => {
    const res = await post(`${mock.url}/openai/deployments/m1/chat/completions?api-version=2024-10-21`, chat({ max_tokens: 2, stream: true }));
    const ev = (await events(res)).slice(0, -1).map((e) => JSON.parse(e));
    expect(ev[0]).toMatchObject({ choices: [], prompt_filter_results: [{ prompt_index: 0 }] });
    expect(ev.filter((c) => c.usage)).toEqual([]);
  });

  it('serves text completions, non-streamed, with the generated text matching usage', async () => {
    const res = await post(`${mock.url}/v1/completions`, { prompt: 'abc', max_tokens: 4 });
    const body = await res.json();
    expect(body.object).toBe('text_completion');
    expect(body.choices[0].text).toBe(' the model token server');
    expect(body.usage.completion_tokens).toBe(4);
  });

  it('lists models and refuses unknown models, deployments, routes and bodies', async () => {
    expect((await (await fetch(`${mock.url}/v1/models`)).json()).data.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2']);
    const cases: [string, unknown, number, RegExp][] = [
      ['/v1/chat/completions', chat({ model: 'nope' }), 404, /nope/],
      ['/openai/deployments/nope/chat/completions?api-version=1', chat(), 404, /deployment nope/],
      ['/v1/chat/completions', '{"messages":', 400, /not valid JSON/],
      ['/v1/chat/completions', { messages: 'x' }, 400, /messages/],
      ['/v1/chat/completions', chat({ max_tokens: -3 }), 400, /max_tokens/],
      ['/v1/embeddings', {}, 404, /no route/],
      // A malformed escape in the deployment once threw inside the request handler and killed the server.
      ['/openai/deployments/%ZZ/chat/completions', chat(), 404, /no route/],
      ['/v1/completions', 'x'.repeat(9 * 1024 * 1024), 413, /over 8388608 bytes/],
      ['/v1/completions', { prompt: [1, 2, 3] }, 400, /prompt must be a string/],
    ];
    for (const [path, body, status, msg] of cases) {
      const res = await post(`${mock.url}${path}`, body);
      expect(res.status, path).toBe(status);
      expect((await res.json()).error.message).toMatch(msg);
    }
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  });

  it('serves vLLM metric names with model_name and counts what it served', async () => {
    const text = await (await fetch(`${mock.url}/metrics`)).text();
    const families = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`));
    for (const f of [
      'vllm:prompt_tokens_total counter', 'vllm:generation_tokens_total counter', 'vllm:time_to_first_token_seconds histogram',
      'vllm:inter_token_latency_seconds histogram', 'vllm:time_per_output_token_seconds histogram', 'vllm:e2e_request_latency_seconds histogram',
      'vllm:request_queue_time_seconds histogram', 'vllm:num_requests_running gauge', 'vllm:num_requests_waiting gauge',
      'vllm:kv_cache_usage_perc gauge', 'vllm:gpu_cache_usage_perc gauge', 'vllm:request_success_total counter', 'gpuops_mock_rate_limited_total counter',
    ]) expect(families, f).toContain(f);
    // 6 + 2 + 4 tokens generated above, across the models.
    const gen = [...text.matchAll(/^vllm:generation_tokens_total\{model_name="(m\d)"\} (\d+)/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(gen)).toEqual({ m1: 6, m2: 6 });
    expect(text).toMatch(/^vllm:time_to_first_token_seconds_bucket\{le="0.001",model_name="m1"\} 0$/m);
  });
});

describe('mock-llm limits and faults', () => {
  it('sends Azure-style 429s when the TPM bucket is empty, and counts them', async () => {
    const mock = await startMockLlm({ ttftMs: 1, itlMs: 1, tpmLimit: 1000 });
    try {
      const first = await post(`${mock.url}/v1/chat/completions`, chat({ max_tokens: 900 }));
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
      const second = await post(`${mock.url}/v1/chat/completions`, chat({ max_tokens: 900 }));
      expect(second.status).toBe(429);
      const ms = Number(second.headers.get('retry-after-ms'));
      // About 800 tokens missing at 1000/min: about 48 s.
      expect(ms).toBeGreaterThan(40_000);
      expect(ms).toBeLessThan(60_000);
      expect(second.headers.get('retry-after')).toBe(String(Math.ceil(ms / 1000)));
      expect(Number(second.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(200);
      expect((await second.json()).error.code).toBe('429');
      expect(await mock.metrics()).toMatch(/^gpuops_mock_rate_limited_total\{model_name="mock-llm",limit="tokens"\} 1$/m);
    } finally {
      await mock.close();
    }
  });

  it('enforces RPM and requires the key when asked', async () => {
    const mock = await startMockLlm({ ttftMs: 0, itlMs: 0, rpmLimit: 6, apiKey: 'sekret' });
    try {
      expect((await post(`${mock.url}/v1/chat/completions`, chat())).status).toBe(401);
      expect((await post(`${mock.url}/v1/chat/completions`, chat({ max_tokens: 1 }), { authorization: 'Bearer sekret' })).status).toBe(200);
      const res = await post(`${mock.url}/openai/deployments/mock-llm/chat/completions`, chat({ max_tokens: 1 }), { 'api-key': 'sekret' });
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    } finally {
      await mock.close();
    }
  });

  it('cuts a stream mid-way: no finish, no usage, no [DONE]', async () => {
    const mock = await startMockLlm({ ttftMs: 1, itlMs: 1, faults: { error: 0, cut: 1, hang: 0, malformed: 0 } });
    try {
      const res = await post(`${mock.url}/v1/chat/completions`, chat({ max_tokens: 10, stream: true, stream_options: { include_usage: true } }));
      const got: string[] = [];
      await expect(events(res).then((e) => got.push(...e))).rejects.toThrow();
      expect(mock.requests()[0]).toMatchObject({ finishReason: 'cut', completionTokens: 5 });
    } finally {
      await mock.close();
    }
  });

  it('hangs without answering, and close() still returns', async () => {
    const mock = await startMockLlm({ faults: { error: 0, cut: 0, hang: 1, malformed: 0 } });
    const pending = post(`${mock.url}/v1/chat/completions`, chat()).catch((e: Error) => e);
    const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    expect(raced).toBe('still waiting');
    await mock.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('queues beyond --max-running and reports waiting time', async () => {
    const mock = await startMockLlm({ ttftMs: 150, itlMs: 10, maxRunning: 1 });
    try {
      const [a, b] = await Promise.all([0, 1].map(() => post(`${mock.url}/v1/completions`, { prompt: 'x', max_tokens: 3 }).then((r) => r.json())));
      const queued = [a.gpuops_timing.queue_ms, b.gpuops_timing.queue_ms].sort((x, y) => x - y);
      // The second waits for the first (>= 170 ms of work) less the gap between their arrivals.
      expect(queued[1]).toBeGreaterThanOrEqual(60);
      expect(queued[0]).toBeLessThan(60);
      expect(queued[1] - queued[0]).toBeGreaterThan(50);
    } finally {
      await mock.close();
    }
  });

  it('refuses impossible options', async () => {
    await expect(startMockLlm({ ttftMs: -1 })).rejects.toThrow(/ttft/);
    await expect(startMockLlm({ faults: { error: 0.6, cut: 0.6, hang: 0, malformed: 0 } })).rejects.toThrow(/more than 1/);
  });
});

describe('gpuops mock-llm (CLI)', () => {
  it.each([
    [['--ttft', '-5ms'], /--ttft "-5ms" is not valid/],
    [['--itl', '10ms', '--tokens-per-second', '50'], /--itl and --tokens-per-second/],
    [['--output-tokens', '10-5'], /--output-tokens "10-5"/],
    [['--error-rate', '1.5'], /--error-rate "1.5"/],
    [['--fault', 'cut=0.5,cut=0.1'], /given twice/],
    [['--fault', 'boom=0.1'], /unknown key "boom"/],
    [['--error-rate', '0.6', '--fault', 'hang=0.6'], /more than 1/],
    [['--port', '70000'], /port/],
    [['--model', 'a,,b'], /--model/],
    [['--require-key-env', 'GPUOPS_TEST_UNSET_VAR'], /GPUOPS_TEST_UNSET_VAR/],
    [['--jitter', '2'], /--jitter/],
    [['--ttft', '2h'], /ttft must be a duration from 0 to 1 hour/],
    [['--host', '256.1.1.1'], /--host 256.1.1.1: cannot listen there/],
  ])('%j is refused with exit 2', async (args, msg) => {
    const r = await cli(['mock-llm', '--port', '0', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const bin = new URL('../../bin/gpuops.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'mock-llm', '--port', '0', '--ttft', '1ms', '--itl', '1ms', '-o', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: string) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', () => reject(new Error('exited early')));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await post(`${url}/v1/completions`, { prompt: 'x', max_tokens: 2 })).status).toBe(200);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(JSON.parse(out.slice(out.indexOf('\n') + 1))).toMatchObject({ url, stoppedBy: 'SIGTERM', requests: 1, byStatus: { 200: 1 }, generatedTokens: 2 });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
