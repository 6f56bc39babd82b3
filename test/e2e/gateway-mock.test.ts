import { afterEach, describe, expect, it } from 'vitest';
import { startMockLlm } from '../../src/observe/mock/server.js';
import { call, configDoc, KEY_A, startTestGateway } from '../fixtures/gateway/harness.js';

// The gateway in front of the project's own mock-llm: an independent server that counts tokens itself.
const open: { close?: () => Promise<unknown>; drain?: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await (o.drain ? o.drain() : o.close!());
});

const body = (extra: Record<string, unknown> = {}) => ({ model: 'mock-llm', messages: [{ role: 'user', content: 'Count the sheep in the field.' }], max_tokens: 6, ...extra });

describe('gateway in front of mock-llm', () => {
  it('meters exactly the tokens mock-llm says it served, streamed and not', async () => {
    const mock = await startMockLlm({ ttftMs: 0, itlMs: 1 });
    const gw = await startTestGateway(configDoc([{ name: 'mock', url: `${mock.url}/v1`, api: 'openai' }]));
    open.push(mock, gw);
    const streamed = await call(`${gw.url}/v1/chat/completions`, { body: body({ stream: true }) });
    expect(streamed.status).toBe(200);
    expect(streamed.text).not.toContain('"usage":{');
    expect((await call(`${gw.url}/v1/chat/completions`, { body: body() })).status).toBe(200);
    const served = mock.requests();
    expect(served).toHaveLength(2);
    const prompt = served.reduce((s, r) => s + r.promptTokens, 0);
    const completion = served.reduce((s, r) => s + r.completionTokens, 0);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain(`gpuops_gateway_tokens_total{key="team-a",model="mock-llm",kind="prompt"} ${prompt}`);
    expect(metrics).toContain(`gpuops_gateway_tokens_total{key="team-a",model="mock-llm",kind="completion"} ${completion}`);
  });

  it('talks Azure OpenAI to mock-llm with the upstream key, never the client key', async () => {
    const mock = await startMockLlm({ ttftMs: 0, itlMs: 1, apiKey: 'azure-upstream-secret' });
    const gw = await startTestGateway(configDoc([{ name: 'aoai', url: mock.url, api: 'azure', deployment: 'mock-llm', keyEnv: 'AOAI_KEY' }]), { env: { AOAI_KEY: 'azure-upstream-secret' } });
    open.push(mock, gw);
    const r = await call(`${gw.url}/v1/chat/completions`, { body: body({ stream: true }) });
    expect(r.status).toBe(200);
    expect(r.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    // mock-llm refuses the client's own key: only the gateway's upstream key opens it.
    expect((await call(`${mock.url}/v1/chat/completions`, { key: KEY_A, body: body() })).status).toBe(401);
  });

  it('fails over when mock-llm answers its own Azure-style 429', async () => {
    const limited = await startMockLlm({ ttftMs: 0, itlMs: 1, rpmLimit: 1 });
    const spare = await startMockLlm({ ttftMs: 0, itlMs: 1 });
    const gw = await startTestGateway(configDoc([{ name: 'limited', url: `${limited.url}/v1`, api: 'openai' }, { name: 'spare', url: `${spare.url}/v1`, api: 'openai' }]));
    open.push(limited, spare, gw);
    for (let i = 0; i < 3; i++) expect((await call(`${gw.url}/v1/chat/completions`, { body: body() })).status).toBe(200);
    expect(limited.requests().filter((r) => r.status === 200)).toHaveLength(1);
    expect(spare.requests().length).toBeGreaterThanOrEqual(2);
  });
});
