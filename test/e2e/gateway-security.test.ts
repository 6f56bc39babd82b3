import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/gateway/keys.js';
import type { Gateway } from '../../src/gateway/server.js';
import { call, chat, configDoc, KEY_A, KEY_B, startTestGateway, tempDir } from '../fixtures/gateway/harness.js';
import { startTestUpstream, type TestUpstream } from '../fixtures/gateway/test-upstream.js';

let up: TestUpstream;
let gw: Gateway;
let log: string;
const PROMPT = 'my-secret-prompt-text-do-not-log';

beforeAll(async () => {
  up = await startTestUpstream();
  log = join(tempDir(), 'access.jsonl');
  gw = await startTestGateway(configDoc([{ name: 'primary', url: up.url, api: 'openai' }], { accessLog: log, maxBodyBytes: 2048, maxHeaderBytes: 2048, timeouts: { request: 1000 } }, { tpm: 100000 }));
});

afterAll(async () => {
  await gw.drain();
  await up.close();
});

/** Send raw bytes on a socket and read what comes back until the server closes or `ms` pass. */
function rawExchange(bytes: string, ms = 3000): Promise<string> {
  const url = new URL(gw.url);
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname, () => s.write(bytes));
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    const done = () => resolve(got);
    s.on('close', done);
    s.on('error', done);
    setTimeout(() => {
      s.destroy();
      done();
    }, ms);
  });
}

describe('gateway security', () => {
  it.each([
    ['no key', null, {}],
    ['a wrong key', 'sk-wrong', {}],
    ['a key with one character changed', `${KEY_A.slice(0, -1)}X`, {}],
    ['the hash instead of the key', hashKey(KEY_A), {}],
    ['an empty Bearer', null, { authorization: 'Bearer ' }],
    ['Basic auth', null, { authorization: `Basic ${Buffer.from(`u:${KEY_A}`).toString('base64')}` }],
  ])('answers 401 to %s, and the upstream never sees the request', async (_what, key, headers) => {
    const before = up.seen.length;
    const r = await call(`${gw.url}/v1/chat/completions`, { key, headers, body: chat() });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text).error.code).toBe('invalid_api_key');
    expect(up.seen.length).toBe(before);
  });

  it('accepts the api-key header as well as Bearer', async () => {
    expect((await call(`${gw.url}/v1/chat/completions`, { key: null, headers: { 'api-key': KEY_B }, body: chat() })).status).toBe(200);
  });

  it('answers 413 over maxBodyBytes, by Content-Length and by a chunked body', async () => {
    const big = chat({ messages: [{ role: 'user', content: 'x'.repeat(3000) }] });
    expect((await call(`${gw.url}/v1/chat/completions`, { body: big })).status).toBe(413);
    const chunked = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY_A}\r\nTransfer-Encoding: chunked\r\n\r\n`
      + `${(1500).toString(16)}\r\n${'a'.repeat(1500)}\r\n${(1500).toString(16)}\r\n${'a'.repeat(1500)}\r\n0\r\n\r\n`;
    expect(await rawExchange(chunked)).toMatch(/^HTTP\/1\.1 413 /);
  });

  it.each([
    ['not JSON', Buffer.from('{"model": "m1", '), 'invalid_json'],
    ['a JSON array', Buffer.from('[1,2]'), 'invalid_body'],
    ['a JSON string', Buffer.from('"hi"'), 'invalid_body'],
    ['an empty body', Buffer.alloc(0), 'invalid_json'],
    ['a negative max_tokens', Buffer.from(JSON.stringify(chat({ max_tokens: -1 }))), 'invalid_value'],
    ['a fractional max_tokens', Buffer.from(JSON.stringify(chat({ max_tokens: 2.5 }))), 'invalid_value'],
    ['max_tokens as text', Buffer.from(JSON.stringify(chat({ max_tokens: '100' }))), 'invalid_value'],
    ['a huge n', Buffer.from(JSON.stringify(chat({ n: 1e9 }))), 'invalid_value'],
  ])('answers 400 to %s', async (_what, raw, code) => {
    const r = await call(`${gw.url}/v1/chat/completions`, { raw });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.code).toBe(code);
  });

  it('answers 404 to unknown paths and 405 to a wrong method', async () => {
    expect((await call(`${gw.url}/v1/images/generations`, { body: {} })).status).toBe(404);
    expect((await call(`${gw.url}/../etc/passwd`)).status).toBe(404);
    const r = await call(`${gw.url}/v1/chat/completions`, { method: 'GET' });
    expect([r.status, r.headers.allow]).toEqual([405, 'POST']);
  });

  it('answers 431 to headers over maxHeaderBytes', async () => {
    const r = await rawExchange(`GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4000)}\r\n\r\n`);
    expect(r).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('closes a request that does not arrive within timeouts.request', async () => {
    const started = performance.now();
    const r = await rawExchange(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY_A}\r\nContent-Length: 100\r\n\r\n{"partial":`, 8000);
    expect(r).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeLessThan(7000);
  });

  it('never writes a key, its hash, a prompt or a completion into the access log or the metrics', async () => {
    await call(`${gw.url}/v1/chat/completions`, { body: chat({ messages: [{ role: 'user', content: PROMPT }] }) });
    await call(`${gw.url}/v1/chat/completions`, { body: chat({ stream: true, messages: [{ role: 'user', content: PROMPT }] }) });
    await call(`${gw.url}/v1/chat/completions`, { key: 'sk-wrong-key-zz', body: chat() });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    // The log is written in batches: wait for the batch (bounded).
    let logText = '';
    for (const deadline = Date.now() + 5000; Date.now() < deadline && logText.split('\n').length < 4; await new Promise((r) => setTimeout(r, 50))) {
      logText = readFileSync(log, 'utf8');
    }
    expect(logText.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    for (const text of [logText, metrics]) {
      for (const secret of [KEY_A, KEY_B, 'sk-wrong-key-zz', hashKey(KEY_A).slice(7, 30), PROMPT, 'hello', 't0 ']) expect(text).not.toContain(secret);
    }
    expect(logText).toContain('"key":"team-a"');
  });
});
