import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/server.js';
import { call, chat, configDoc, KEY_A, KEY_B, startTestGateway, tempDir } from '../fixtures/gateway/harness.js';
import { startTestUpstream, type TestUpstream } from '../fixtures/gateway/test-upstream.js';

const open: { close?: () => Promise<unknown>; drain?: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await (o.drain ? o.drain() : o.close!());
});

async function setup(upOptions: Parameters<typeof startTestUpstream>[0] = {}, extra: Record<string, unknown> = {}, limits = {}): Promise<{ up: TestUpstream; gw: Gateway; log: string }> {
  const up = await startTestUpstream(upOptions);
  const log = join(tempDir(), 'access.jsonl');
  const gw = await startTestGateway(configDoc([{ name: 'primary', url: up.url, api: 'openai', keyEnv: 'UP_KEY' }], { accessLog: log, ...extra }, limits), { env: { UP_KEY: 'upstream-secret-xyz' } });
  open.push(up, gw);
  return { up, gw, log };
}

const sseEvents = (text: string) => text.split('\n\n').filter((e) => e.startsWith('data: '));

describe('gateway proxying', () => {
  it('passes a non-streamed answer byte for byte, with the upstream key and never the client key', async () => {
    const raw = Buffer.from('{ "id":"x",\n  "choices":[{"index":0,"message":{"role":"assistant","content":"héllo"}}],  "usage":{"prompt_tokens":11,"completion_tokens":4,"total_tokens":15}}');
    const { up, gw } = await setup({ rawBody: raw });
    const body = Buffer.from('{"model":"m1",  "messages":[{"role":"user","content":"hi"}],"max_tokens":4}');
    const r = await call(`${gw.url}/v1/chat/completions`, { raw: body });
    expect(r.status).toBe(200);
    expect(r.body.equals(raw)).toBe(true);
    expect(up.seen).toHaveLength(1);
    expect(up.seen[0]!.body.equals(body)).toBe(true);
    expect(up.seen[0]!.headers.authorization).toBe('Bearer upstream-secret-xyz');
    expect(JSON.stringify(up.seen[0]!.headers)).not.toContain(KEY_A);
    expect(JSON.stringify(r.headers)).not.toContain('upstream-secret-xyz');
  });

  it('streams without buffering: the first event reaches the client while the upstream still holds the rest', async () => {
    const { up, gw } = await setup({ gapMs: 300 });
    let sentAtFirstChunk = -1;
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat({ stream: true, max_tokens: 3 }), onChunk: () => (sentAtFirstChunk = sentAtFirstChunk < 0 ? up.eventsSent : sentAtFirstChunk) });
    expect(r.status).toBe(200);
    expect(sentAtFirstChunk).toBe(1);
    expect(r.chunkTimes.length).toBeGreaterThanOrEqual(3);
  });

  it('asks the upstream for usage, strips the usage chunk the client did not ask for, and meters the real count', async () => {
    const { up, gw, log } = await setup({ promptTokens: () => 13 });
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat({ stream: true, max_tokens: 4 }) });
    const sent = JSON.parse(up.seen[0]!.body.toString()) as { stream_options?: { include_usage?: boolean } };
    expect(sent.stream_options?.include_usage).toBe(true);
    const events = sseEvents(r.text);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events).toHaveLength(4 + 1);
    expect(r.text).not.toContain('prompt_tokens');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain('gpuops_gateway_tokens_total{key="team-a",model="m1",kind="prompt"} 13');
    expect(metrics).toContain('gpuops_gateway_tokens_total{key="team-a",model="m1",kind="completion"} 4');
    expect(metrics).toContain('gpuops_gateway_in_flight_requests 0');
    expect(metrics).toMatch(/gpuops_gateway_ttft_seconds_count 1\n/);
    await gw.drain();
    open.splice(open.indexOf(gw), 1);
    const line = JSON.parse(readFileSync(log, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ key: 'team-a', model: 'm1', upstream: 'primary', status: 200, stream: true, promptTokens: 13, completionTokens: 4 });
    expect(line.ttftMs).toEqual(expect.any(Number));
  });

  it('adds include_usage to the client\'s own bytes: formatting and key order kept, member appended last', async () => {
    const { up, gw } = await setup();
    const body = Buffer.from('{ "model" : "m1",\n  "stream": true, "messages":[{"role":"user","content":"h\\u00e9 \u00e9"}], "max_tokens": 2 }\r\n');
    const r = await call(`${gw.url}/v1/chat/completions`, { raw: body });
    expect(r.status).toBe(200);
    const expected = '{ "model" : "m1",\n  "stream": true, "messages":[{"role":"user","content":"h\\u00e9 \u00e9"}], "max_tokens": 2 ,"stream_options":{"include_usage":true}}\r\n';
    expect(up.seen[0]!.body.toString('utf8')).toBe(expected);
    expect(up.seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(expected)));
  });

  it('merges include_usage into stream_options the client sent without it, keeping its other fields', async () => {
    const { up, gw } = await setup();
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat({ stream: true, max_tokens: 2, stream_options: { include_usage: false, extra: 1 } }) });
    expect(r.status).toBe(200);
    const sent = JSON.parse(up.seen[0]!.body.toString()) as { stream_options?: unknown };
    expect(sent.stream_options).toEqual({ include_usage: true, extra: 1 });
    expect(r.text).not.toContain('prompt_tokens');
  });

  it('passes the stream byte for byte when the client asked for usage itself', async () => {
    const { up, gw } = await setup();
    const body = chat({ stream: true, stream_options: { include_usage: true } });
    const viaGateway = await call(`${gw.url}/v1/chat/completions`, { body });
    const direct = await call(`${up.url}/chat/completions`, { body });
    expect(viaGateway.body.equals(direct.body)).toBe(true);
    expect(viaGateway.text).toContain('"prompt_tokens":7');
  });

  it('settles each reservation to the real usage: the remaining tokens drop by exactly what was used', async () => {
    const { gw } = await setup({ promptTokens: () => 9, completionTokens: () => 2 }, {}, { tpm: 100_000, rpm: 1000 });
    const first = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 50 }) });
    const second = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 50 }) });
    const remaining = (r: typeof first) => Number(r.headers['x-ratelimit-remaining-tokens']);
    // Same request twice, same reservation R: first leaves L - R, second L - used1 - R.
    expect(remaining(first) - remaining(second)).toBe(9 + 2);
    expect(Number(first.headers['x-ratelimit-remaining-requests']) - Number(second.headers['x-ratelimit-remaining-requests'])).toBe(1);
  });

  it('answers 429 over the TPM limit as Azure OpenAI does, without calling the upstream', async () => {
    const { up, gw } = await setup({}, {}, { tpm: 200 });
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 150 }) })).status).toBe(200);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 150 }) });
    expect(r.status).toBe(429);
    const ms = Number(r.headers['retry-after-ms']);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(60_000);
    expect(Number(r.headers['retry-after'])).toBe(Math.ceil(ms / 1000));
    expect(Number(r.headers['x-ratelimit-remaining-tokens'])).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'rate_limit_error' } });
    expect(up.seen).toHaveLength(1);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain('gpuops_gateway_rate_limited_total{key="team-a"} 1');
    // The unlimited key is not affected and gets no remaining headers.
    const b = await call(`${gw.url}/v1/chat/completions`, { key: KEY_B, body: chat({ max_tokens: 150 }) });
    expect(b.status).toBe(200);
    expect(b.headers['x-ratelimit-remaining-tokens']).toBeUndefined();
  });

  it('refuses over RPM, and refuses for good a request larger than the whole limit', async () => {
    const { gw } = await setup({}, {}, { tpm: 1000, rpm: 1 });
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat() })).status).toBe(200);
    const rpm = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
    expect([rpm.status, rpm.headers['x-ratelimit-remaining-requests']]).toEqual([429, '0']);
    const big = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 5000 }) });
    expect(big.status).toBe(429);
    expect(JSON.parse(big.text).error.code).toBe('tokens_exceed_limit');
    expect(big.headers['retry-after']).toBeUndefined();
  });

  it('charges a team shared by two keys, and a per-model limit on one key', async () => {
    const up = await startTestUpstream();
    const doc = configDoc([{ name: 'p', url: up.url, api: 'openai' }], { teams: [{ name: 'research', tpm: 300 }] });
    const keys = doc.keys as Record<string, unknown>[];
    keys[0] = { ...keys[0], team: 'research', models: { big: { rpm: 1 } } };
    keys[1] = { ...keys[1], team: 'research' };
    const gw = await startTestGateway(doc);
    open.push(up, gw);
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 200 }) })).status).toBe(200);
    // team-b has no limit of its own, but its team has about 100 tokens left.
    const b = await call(`${gw.url}/v1/chat/completions`, { key: KEY_B, body: chat({ max_tokens: 200 }) });
    expect([b.status, JSON.parse(b.text).error.code]).toEqual([429, 'rate_limit_exceeded']);
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat({ model: 'big', max_tokens: 5 }) })).status).toBe(200);
    const second = await call(`${gw.url}/v1/chat/completions`, { body: chat({ model: 'big', max_tokens: 5 }) });
    expect([second.status, second.headers['x-ratelimit-remaining-requests']]).toEqual([429, '0']);
  });

  it('settles a failed request to zero tokens', async () => {
    const { gw } = await setup({ failWith: 500, failTimes: 1 }, {}, { tpm: 1000 });
    const failed = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 400 }) });
    expect(failed.status).toBe(500);
    const ok = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 400 }) });
    // Had the failed request kept its reservation, 2 x ~400 would leave < 300.
    expect(ok.status).toBe(200);
    expect(Number(ok.headers['x-ratelimit-remaining-tokens'])).toBeGreaterThan(500);
  });

  it('serves embeddings and the model list', async () => {
    const { up, gw } = await setup({ promptTokens: () => 3 });
    const e = await call(`${gw.url}/v1/embeddings`, { body: { model: 'e1', input: 'abc' } });
    expect(e.status).toBe(200);
    expect(up.seen[0]!.url).toBe('/v1/embeddings');
    const m = await call(`${gw.url}/v1/models`);
    expect(JSON.parse(m.text).data[0].id).toBe('m');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain('gpuops_gateway_tokens_total{key="team-a",model="e1",kind="prompt"} 3');
  });
});

describe('gateway failover', () => {
  it.each([429, 500, 503])('tries the next upstream when the first answers %i', async (status) => {
    const bad = await startTestUpstream({ failWith: status });
    const good = await startTestUpstream();
    const log = join(tempDir(), 'a.jsonl');
    const gw = await startTestGateway(configDoc([{ name: 'first', url: bad.url, api: 'openai' }, { name: 'second', url: good.url, api: 'openai' }], { accessLog: log }));
    open.push(bad, good);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
    expect(r.status).toBe(200);
    expect([bad.seen.length, good.seen.length]).toEqual([1, 1]);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain(`gpuops_gateway_upstream_up{upstream="first"} ${status >= 500 ? 0 : 1}`);
    await gw.drain();
    expect(JSON.parse(readFileSync(log, 'utf8').trim()).upstream).toBe('second');
  });

  it('tries the next upstream when the first is down, and answers the last upstream\'s error when all fail', async () => {
    const down = { name: 'down', url: 'http://127.0.0.1:9/v1', api: 'openai' };
    const bad = await startTestUpstream({ failWith: 502 });
    const gw = await startTestGateway(configDoc([down, { name: 'bad', url: bad.url, api: 'openai' }]));
    open.push(bad, gw);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
    expect(r.status).toBe(502);
    expect(bad.seen).toHaveLength(1);
  });

  it('answers 502 naming each upstream when none answers', async () => {
    const gw = await startTestGateway(configDoc([{ name: 'gone', url: 'http://127.0.0.1:9/v1', api: 'openai' }]));
    open.push(gw);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
    expect(r.status).toBe(502);
    expect(JSON.parse(r.text).error.message).toMatch(/^no upstream answered \(gone: .*ECONNREFUSED/);
  });

  it('rewrites path, api-version and api-key for an Azure OpenAI upstream', async () => {
    const up = await startTestUpstream();
    const base = up.url.replace(/\/v1$/, '');
    const gw = await startTestGateway(configDoc([{ name: 'aoai', url: base, api: 'azure', deployment: 'gpt-4o', apiVersion: '2025-01-01-preview', keyEnv: 'AOAI_KEY' }]), { env: { AOAI_KEY: 'azure-secret' } });
    open.push(up, gw);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat(), headers: { 'api-key': KEY_A } });
    expect(r.status).toBe(200);
    expect(up.seen[0]!.url).toBe('/openai/deployments/gpt-4o/chat/completions?api-version=2025-01-01-preview');
    expect(up.seen[0]!.headers['api-key']).toBe('azure-secret');
    expect(up.seen[0]!.headers.authorization).toBeUndefined();
  });
});

describe('gateway TLS, timeouts and health checks', () => {
  const tlsFile = (f: string) => join(import.meta.dirname, '..', 'fixtures', 'azure', 'tls', f);

  it('serves HTTPS from certificate files', async () => {
    const up = await startTestUpstream();
    const gw = await startTestGateway(configDoc([{ name: 'p', url: up.url, api: 'openai' }], { tls: { cert: tlsFile('test-only-127.0.0.1.cert.pem'), key: tlsFile('test-only-127.0.0.1.key.pem') } }));
    open.push(up, gw);
    expect(gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { request } = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${gw.url}/v1/models`, { ca: readFileSync(tlsFile('test-only-127.0.0.1.cert.pem')), headers: { authorization: `Bearer ${KEY_A}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it('refuses a missing certificate file at start, naming tls.cert', async () => {
    await expect(startTestGateway(configDoc([{ name: 'p', url: 'http://127.0.0.1:9/v1', api: 'openai' }], { tls: { cert: '/nonexistent.pem', key: '/nonexistent.key' } })))
      .rejects.toThrow('tls.cert: cannot read "/nonexistent.pem" (ENOENT)');
  });

  it('fails over when an upstream sends no response head within timeouts.upstreamHeaders', async () => {
    const silent = await startTestUpstream({ stallMs: 10_000 });
    const good = await startTestUpstream();
    const gw = await startTestGateway(configDoc([{ name: 'slow', url: silent.url, api: 'openai' }, { name: 'good', url: good.url, api: 'openai' }], { timeouts: { upstreamHeaders: 300 } }));
    open.push(silent, good, gw);
    const started = performance.now();
    const r = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
    expect([r.status, silent.seen.length, good.seen.length]).toEqual([200, 1, 1]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('cuts a stream whose upstream goes silent for timeouts.upstreamIdle', async () => {
    const stalling = await startTestUpstream({ ttftMs: 10_000 });
    const gw = await startTestGateway(configDoc([{ name: 'p', url: stalling.url, api: 'openai' }], { timeouts: { upstreamIdle: 300 } }));
    open.push(stalling, gw);
    const started = performance.now();
    const outcome = await call(`${gw.url}/v1/chat/completions`, { body: chat({ stream: true }) }).then((r) => r.text, (e: Error) => e.message);
    expect(outcome).not.toContain('[DONE]');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('marks an upstream down when its health check fails, and tries the healthy one first', async () => {
    const good = await startTestUpstream();
    const gw = await startTestGateway(configDoc([{ name: 'dead', url: 'http://127.0.0.1:9/v1', api: 'openai' }, { name: 'good', url: good.url, api: 'openai' }], { healthCheck: { intervalMs: 100 } }), { healthChecks: true });
    open.push(good, gw);
    const deadline = Date.now() + 5000;
    let metrics = '';
    while (Date.now() < deadline && !metrics.includes('gpuops_gateway_upstream_up{upstream="dead"} 0')) {
      metrics = await (await fetch(`${gw.url}/metrics`)).text();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(metrics).toContain('gpuops_gateway_upstream_up{upstream="dead"} 0');
    expect(metrics).toContain('gpuops_gateway_upstream_up{upstream="good"} 1');
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat() })).status).toBe(200);
  });
});
