import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/server.js';
import { call, chat, configDoc, KEY_A, startTestGateway } from '../fixtures/gateway/harness.js';
import { startTestUpstream, type TestUpstream } from '../fixtures/gateway/test-upstream.js';

// Hostile inputs against a running gateway: each must get a clear 4xx (or pass) and leave the gateway serving.
let up: TestUpstream;
let gw: Gateway;

beforeAll(async () => {
  up = await startTestUpstream();
  gw = await startTestGateway(configDoc([{ name: 'p', url: up.url, api: 'openai' }], {}, { tpm: 1_000_000, rpm: 100_000 }));
});

afterAll(async () => {
  await gw.drain();
  await up.close();
});

function raw(bytes: string): Promise<string> {
  const url = new URL(gw.url);
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname, () => s.write(bytes));
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      // Only the status line is checked: stop at the end of the response head.
      if (got.includes('\r\n\r\n')) s.destroy();
    });
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
    setTimeout(() => s.destroy(), 2000);
  });
}

describe('hostile requests', () => {
  it.each([
    ['messages as a string', 200, chat({ messages: 'hello' })],
    ['messages with null and numbers', 200, chat({ messages: [null, 3, { role: 'user', content: 42 }] })],
    ['content parts with images and text', 200, chat({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'x' } }] }] })],
    ['stream given as the string "true"', 200, chat({ stream: 'true' })],
    ['stream_options as a string', 200, chat({ stream: true, stream_options: 'yes' })],
    ['stream_options as an array', 200, chat({ stream: true, stream_options: [] })],
    ['a model name of 10,000 characters', 200, chat({ model: 'x'.repeat(10_000) })],
    ['a model name with quotes and newlines', 200, chat({ model: 'a"b\nc{}' })],
    ['max_tokens 0', 400, chat({ max_tokens: 0 })],
    ['max_tokens above 10 million', 400, chat({ max_tokens: 10_000_001 })],
    ['max_tokens NaN (sent as null)', 200, chat({ max_tokens: null })],
    ['n negative', 400, chat({ n: -2 })],
    ['best_of as an object', 400, chat({ best_of: {} })],
    ['a prompt of token-id lists', 200, { model: 'm', prompt: [[1, 2, 3], [4, 5]], max_tokens: 2 }],
    ['a prompt nested 500 deep', 400, { model: 'm', prompt: JSON.parse('['.repeat(500) + '"x"' + ']'.repeat(500)), max_tokens: 2 }],
    ['a message content nested 500 deep', 400, chat({ messages: [{ role: 'user', content: JSON.parse('['.repeat(500) + '"x"' + ']'.repeat(500)) }] })],
  ])('%s -> %i', async (_what, status, body) => {
    const path = 'prompt' in body ? '/v1/completions' : '/v1/chat/completions';
    const r = await call(`${gw.url}${path}`, { body });
    expect(r.status).toBe(status);
  });

  it('a stream whose body is too deep to re-serialise is a 400 and holds no reservation', async () => {
    // stream_options present without include_usage: the body must be re-serialised to add it.
    const deep = `{"model":"m1","stream":true,"stream_options":{},"messages":[],"metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const r = await call(`${gw.url}/v1/chat/completions`, { raw: Buffer.from(deep) });
    expect([r.status, r.headers['x-ratelimit-remaining-tokens']]).toEqual([400, undefined]);
  });

  it('a deep stream body without stream_options needs no re-serialising: it is forwarded like a non-streamed one', async () => {
    const deep = `{"model":"m1","stream":true,"messages":[],"metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const streamed = await call(`${gw.url}/v1/chat/completions`, { raw: Buffer.from(deep) });
    const plain = await call(`${gw.url}/v1/chat/completions`, { raw: Buffer.from(deep.replace('"stream":true', '"stream":false')) });
    expect([streamed.status, plain.status]).toEqual([200, 200]);
  });

  it('JSON nested 100,000 deep is a 400, not a crash', async () => {
    const r = await call(`${gw.url}/v1/chat/completions`, { raw: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)) });
    expect([r.status, JSON.parse(r.text).error.code]).toEqual([400, 'invalid_body']);
  });

  it('caps the model label: 150 distinct model names make at most 101 label values', async () => {
    for (let i = 0; i < 150; i++) await call(`${gw.url}/v1/embeddings`, { body: { model: `model-${i}`, input: 'a' } });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    const models = new Set([...metrics.matchAll(/gpuops_gateway_requests_total\{key="team-a",model="([^"]*)"/g)].map((m) => m[1]));
    // 100 names at most, plus "other", plus "" for bodies that never parsed.
    expect([...models].filter((m) => !['other', ''].includes(m!)).length).toBeLessThanOrEqual(100);
    expect(models.has('other')).toBe(true);
  });

  it.each([
    ['two Authorization headers', `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nAuthorization: Bearer ${KEY_A}\r\nContent-Length: 2\r\n\r\n{}`, /^HTTP\/1\.1 401 /],
    ['a negative Content-Length', 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['Content-Length and chunked together', `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, /^HTTP\/1\.1 400 /],
    ['garbage instead of HTTP', '\x00\x01\x02 hello\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['a HEAD request', 'HEAD /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 405 /],
    ['an OPTIONS request', 'OPTIONS /v1/models HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 405 /],
    ['an upper-case path', 'GET /V1/MODELS HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 404 /],
  ])('%s', async (_what, bytes, expected) => {
    expect(await raw(bytes)).toMatch(expected);
  });

  it('survives a client that leaves mid-stream, and frees the in-flight count', async () => {
    const slow = await startTestUpstream({ gapMs: 200 });
    const g = await startTestGateway(configDoc([{ name: 'p', url: slow.url, api: 'openai' }]));
    try {
      const { request } = await import('node:http');
      await new Promise<void>((resolve) => {
        const body = JSON.stringify(chat({ stream: true, max_tokens: 20 }));
        const req = request(`${g.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY_A}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.end(body);
      });
      const deadline = Date.now() + 3000;
      while (g.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(g.inFlight()).toBe(0);
      // The upstream stream was cancelled too: it stopped well before its 20 events.
      await new Promise((r) => setTimeout(r, 500));
      expect(slow.eventsSent).toBeLessThan(10);
      expect((await call(`${g.url}/v1/chat/completions`, { body: chat() })).status).toBe(200);
    } finally {
      await g.drain();
      await slow.close();
    }
  });

  it('is still serving after all of the above', async () => {
    expect((await call(`${gw.url}/v1/chat/completions`, { body: chat() })).status).toBe(200);
  });
});
