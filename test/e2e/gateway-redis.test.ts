import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/server.js';
import { redisStore } from '../../src/gateway/redis-store.js';
import { call, chat, configDoc, KEY_B, startTestGateway } from '../fixtures/gateway/harness.js';
import { startRedis, type RedisServer } from '../fixtures/gateway/redis-server.js';
import { startTestUpstream, type TestUpstream } from '../fixtures/gateway/test-upstream.js';

let redis: RedisServer;
let up: TestUpstream;

// Each answer uses 10 prompt + 20 completion tokens; requests ask for max_tokens 40, so every reservation
// (estimated prompt + 40) is at least the real use and settlement frees the rest.
const PROMPT = 10;
const COMPLETION = 20;

beforeAll(async () => {
  redis = await startRedis();
  up = await startTestUpstream({ promptTokens: () => PROMPT, completionTokens: () => COMPLETION });
});

afterAll(async () => {
  await up?.close();
  await redis?.stop();
});

describe('redis store', () => {
  it('reserves, refuses with the wait, and settles like the memory store', async () => {
    const store = await redisStore(redis.url, 'unit:');
    try {
      const b = [{ id: 'k', tpm: 100, rpm: 10 }];
      const a = await store.reserve(b, 60, 'a');
      expect(a).toMatchObject({ ok: true, remainingTokens: 40, remainingRequests: 9 });
      const refused = await store.reserve(b, 50, 'b');
      expect(refused).toMatchObject({ ok: false, reason: 'tpm', remainingTokens: 40 });
      expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(59_000);
      if (a.ok) await store.settle(a.reservation, b, 30);
      expect(await store.reserve(b, 50, 'c')).toMatchObject({ ok: true, remainingTokens: 20, remainingRequests: 8 });
      expect(await store.reserve(b, 101, 'd')).toMatchObject({ ok: false, reason: 'too_large', retryAfterMs: null });
    } finally {
      await store.close();
    }
  });
});

/**
 * Drive the gateways with `workers` concurrent clients each until every client has been refused three
 * times in a row (the window is full), bounded at 20 s; returns the tokens served.
 */
async function load(gateways: Gateway[], workers: number): Promise<{ served: number; ok: number; limited: number }> {
  const stats = { served: 0, ok: 0, limited: 0 };
  const until = performance.now() + 20_000;
  await Promise.all(gateways.flatMap((gw) => Array.from({ length: workers }, async () => {
    let refusedInARow = 0;
    while (refusedInARow < 3 && performance.now() < until) {
      const r = await call(`${gw.url}/v1/chat/completions`, { body: chat({ max_tokens: 40 }) });
      if (r.status === 200) {
        const u = JSON.parse(r.text).usage as { prompt_tokens: number; completion_tokens: number };
        stats.served += u.prompt_tokens + u.completion_tokens;
        stats.ok++;
        refusedInARow = 0;
      } else if (r.status === 429) {
        stats.limited++;
        refusedInARow++;
        await new Promise((res) => setTimeout(res, 10));
      } else {
        throw new Error(`unexpected status ${r.status}: ${r.text}`);
      }
    }
  })));
  return stats;
}

describe('two replicas sharing one Redis limit', () => {
  const TPM = 3000;

  it('serve no more than the limit plus one reservation, and no less than 90% of it', async () => {
    const doc = configDoc([{ name: 'p', url: up.url, api: 'openai' }], { limits: { store: 'redis', url: redis.url, prefix: 'bound:' } }, { tpm: TPM, rpm: 100_000 });
    const gws = [await startTestGateway(doc), await startTestGateway(doc)];
    try {
      const s = await load(gws, 8);
      const oneReservation = 60; // estimated prompt (about 10) + max_tokens 40, rounded up
      expect(s.limited).toBeGreaterThan(0);
      expect(s.served).toBeLessThanOrEqual(TPM + oneReservation);
      expect(s.served).toBeGreaterThanOrEqual(0.9 * TPM);
    } finally {
      for (const g of gws) await g.drain();
    }
  });

  it('(contrast) with per-replica memory stores the same load overshoots: the test can tell', async () => {
    const doc = configDoc([{ name: 'p', url: up.url, api: 'openai' }], { limits: { store: 'memory' } }, { tpm: TPM, rpm: 100_000 });
    const gws = [await startTestGateway(doc), await startTestGateway(doc)];
    try {
      const s = await load(gws, 8);
      expect(s.served).toBeGreaterThan(1.5 * TPM);
    } finally {
      for (const g of gws) await g.drain();
    }
  });
});

describe('Redis lost while running', () => {
  it('fails closed for limited keys (503) and keeps serving unlimited keys', async () => {
    const own = await startRedis();
    const gw = await startTestGateway(configDoc([{ name: 'p', url: up.url, api: 'openai' }], { limits: { store: 'redis', url: own.url } }, { tpm: 100_000 }));
    try {
      expect((await call(`${gw.url}/v1/chat/completions`, { body: chat() })).status).toBe(200);
      await own.stop();
      const started = performance.now();
      const r = await call(`${gw.url}/v1/chat/completions`, { body: chat() });
      expect([r.status, JSON.parse(r.text).error.code]).toEqual([503, 'limits_unavailable']);
      expect(r.headers['retry-after']).toBe('1');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect((await call(`${gw.url}/v1/chat/completions`, { key: KEY_B, body: chat() })).status).toBe(200);
    } finally {
      await gw.drain();
      await own.stop();
    }
  });
});
