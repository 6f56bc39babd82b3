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

describe('gpuops bench: a history that refuses the save', () => {
  it('still prints the result (exit 0) and says the history was not saved', async () => {
    const data = mkdtempSync(join(tmpdir(), 'gpuops-bench-history-'));
    try {
      const { openHistory } = await import('../../src/store/history.js');
      const h = openHistory({ GPUOPS_DATA_DIR: data });
      if ('unavailable' in h) throw new Error(h.unavailable);
      h.close();
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(data, 'history.sqlite'));
      db.exec("CREATE TRIGGER refuse BEFORE INSERT ON bench_runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
      db.close();
      const { startMockLlm } = await import('../../src/observe/mock/server.js');
      const m = await startMockLlm({ ttftMs: 1, itlMs: 1 });
      try {
        const r = await cli(['bench', `${m.url}/v1`, '--requests', '2', '--output-tokens', '2', '-o', 'json'], { env: { GPUOPS_DATA_DIR: data } });
        expect(r.stderr).toContain('history not saved: database or disk is full');
        expect(r.json<{ requests: { ok: number } }>().requests.ok).toBe(2);
        expect(r.code).toBe(0);
      } finally {
        await m.close();
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 20_000);
});
