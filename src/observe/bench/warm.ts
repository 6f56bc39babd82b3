import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'undici';
import type { Tokenizer } from '../wire/tokens.js';
import { sendOne } from './client.js';

const WARM_STREAM =
  'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n' +
  'data: {"choices":[{"index":0,"delta":{"content":"warm"},"finish_reason":null}]}\n\n'.repeat(8) +
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":8,"total_tokens":9}}\n\n' +
  'data: [DONE]\n\n';

/**
 * Warm the client's own code before the clock starts: undici compiles its HTTP parser (WebAssembly)
 * on its first connection (~25 ms) and the stream path runs cold, which every first-wave request would
 * otherwise pay as TTFT. Talks only to a server of its own on 127.0.0.1: the target sees no request.
 */
export async function warmClient(tok: Tokenizer, rounds = 4): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(WARM_STREAM);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new Client(origin, { pipelining: 1 });
  try {
    const target = { origin, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, timeoutMs: 5000 };
    const prompt = { body: '{}', promptTokens: 1 };
    for (let i = 0; i < rounds; i++) await sendOne(client, target, prompt, tok, i, performance.now(), 0);
  } finally {
    await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
