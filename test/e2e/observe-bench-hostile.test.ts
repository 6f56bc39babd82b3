import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-discover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback server whose GET /v1/models answers 200 with `body`. */
async function serving(body: string, fn: (url: string) => Promise<void>): Promise<void> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    await fn(`http://127.0.0.1:${port}/v1`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

describe('gpuops bench without --model: a /models answer that is not a model list', () => {
  it.each([['not json', 'not JSON'], ['null', 'null'], ['empty', ''], ['a list with no id', '{"data":[{}]}']])('%s: exit 2 asking for --model, no stack trace', async (_name, body) => {
    await serving(body, async (url) => {
      const r = await cli(['bench', url, '--requests', '1', '--no-history'], { env: { GPUOPS_DATA_DIR: dir } });
      expect(r.stderr).toContain('--model is required');
      expect(r.stderr).toContain('answered HTTP 200 without a model list');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(2);
    });
  }, 15_000);
});

describe('gpuops bench compare: a file with the schema but not the shape', () => {
  const ok = { load: { mode: 'concurrency', concurrency: 1 }, requests: { ok: 1, failed: 0, rate_limited: 0 } };
  it.each([
    ['no stage fields', {}, 'the result has no "load" with a mode of concurrency or rate'],
    ['stages not a list', { stages: 'x' }, '"stages" is not a list of stages'],
    ['an empty stage list', { stages: [] }, '"stages" is not a list of stages'],
    ['a stage without requests', { stages: [{ load: ok.load }] }, 'stage 1 has no "requests" counts'],
    ['a negative count', { ...ok, requests: { ok: -1, failed: 0, rate_limited: 0 } }, 'the result has no "requests" counts'],
    ['a null stage', { stages: [ok, null] }, 'stage 2 has no "load"'],
  ])('%s: exit 2 naming the file, no crash', async (_name, body, message) => {
    const file = join(dir, 'shape.json');
    writeFileSync(file, JSON.stringify({ schema: 'gpuops.bench/1', ...body }));
    const r = await cli(['bench', 'compare', file, file]);
    expect(r.stderr).toContain(`${file}: a gpuops bench result, but ${message}`);
    expect(r.stderr).not.toContain('unexpected failure');
    expect(r.code).toBe(2);
  });
});
