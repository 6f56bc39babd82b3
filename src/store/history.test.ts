import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory, type History } from './history.js';
import { dataDir } from './paths.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'gpuops-history-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const run = (n: number) => ({ startedAt: `2026-11-27T10:00:0${n}Z`, target: { url: 'http://127.0.0.1:1/v1', model: 'm', deployment: null }, extra: n });

describe('history', () => {
  it('an existing history.sqlite with another bench_runs table is reported unavailable, not thrown', async () => {
    const env = { GPUOPS_DATA_DIR: temp() };
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(env.GPUOPS_DATA_DIR, 'history.sqlite'));
    db.exec('CREATE TABLE bench_runs (id INTEGER PRIMARY KEY, started_at TEXT)');
    db.close();
    const h = openHistory(env);
    expect('unavailable' in h && h.unavailable).toMatch(/^cannot open .*history\.sqlite: table bench_runs has no column named url/);
  });

  it('stores runs and lists them newest first, across reopenings', () => {
    const env = { GPUOPS_DATA_DIR: temp() };
    const h = openHistory(env) as History;
    expect(h.file).toBe(join(env.GPUOPS_DATA_DIR, 'history.sqlite'));
    expect([h.saveBenchRun(run(1)), h.saveBenchRun(run(2))]).toEqual([1, 2]);
    h.close();
    const again = openHistory(env) as History;
    expect(again.listBenchRuns(10).map((r) => [r.id, (r.doc as { extra: number }).extra])).toEqual([[2, 2], [1, 1]]);
    expect(again.getBenchRun(1)?.startedAt).toBe('2026-11-27T10:00:01Z');
    expect(again.getBenchRun(99)).toBeNull();
    again.close();
  });

  it('degrades with the reason when the native module cannot load', () => {
    const h = openHistory({ GPUOPS_DATA_DIR: temp() }, () => {
      throw new Error('The module was compiled against a different Node.js version\nstack...');
    });
    expect(h).toEqual({ unavailable: expect.stringMatching(/better-sqlite3\) could not load: The module was compiled.*npm rebuild better-sqlite3/) });
  });

  it('degrades when the data dir cannot be created', () => {
    const file = join(temp(), 'a-file');
    writeFileSync(file, 'x');
    expect(openHistory({ GPUOPS_DATA_DIR: join(file, 'sub') })).toEqual({ unavailable: expect.stringMatching(/GPUOPS_DATA_DIR/) });
  });

  it('finds the data dir from the environment', () => {
    expect(dataDir({ GPUOPS_DATA_DIR: '/d' })).toBe('/d');
    expect(dataDir({ XDG_DATA_HOME: '/x' })).toBe(join('/x', 'gpuops'));
    expect(dataDir({ HOME: '/h' })).toBe(join('/h', '.local', 'share', 'gpuops'));
  });
});
