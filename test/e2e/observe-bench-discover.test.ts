import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
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
