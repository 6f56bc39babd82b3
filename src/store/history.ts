import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { dataDir } from './paths.js';

/** One stored bench run, as listed. */
export interface StoredRun {
  id: number;
  startedAt: string;
  url: string;
  model: string | null;
  /** The run's `-o json` document. */
  doc: unknown;
}

/** The local history: SQLite, one file under the data dir. */
export interface History {
  file: string;
  saveBenchRun(run: { startedAt: string; target: { url: string; model: string | null; deployment: string | null } }): number;
  listBenchRuns(limit: number): StoredRun[];
  getBenchRun(id: number): StoredRun | null;
  close(): void;
}

/** Why the history could not be opened: it is optional, so callers report this and go on. */
export interface HistoryUnavailable {
  unavailable: string;
}

type Loader = () => typeof BetterSqlite3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bench_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  url TEXT NOT NULL,
  model TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bench_runs_started ON bench_runs (started_at);
`;

const defaultLoader: Loader = () => createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/**
 * Open (creating if needed) `history.sqlite` in the data dir. better-sqlite3 is a native module: when
 * it cannot load (not built for this Node), this returns why instead of throwing.
 */
export function openHistory(env: NodeJS.ProcessEnv, load: Loader = defaultLoader): History | HistoryUnavailable {
  let Database: typeof BetterSqlite3;
  try {
    Database = load();
  } catch (err) {
    return { unavailable: `the SQLite module (better-sqlite3) could not load: ${(err as Error).message.split('\n')[0]}; run \`npm rebuild better-sqlite3\` (it builds with python3, make and a C++ compiler)` };
  }
  const dir = dataDir(env);
  const file = join(dir, 'history.sqlite');
  let db: BetterSqlite3.Database | undefined;
  let insert: BetterSqlite3.Statement, list: BetterSqlite3.Statement, one: BetterSqlite3.Statement;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    // Prepared here, inside the try: a file whose bench_runs has other columns fails at prepare.
    insert = db.prepare('INSERT INTO bench_runs (started_at, url, model, doc) VALUES (?, ?, ?, ?)');
    list = db.prepare('SELECT id, started_at, url, model, doc FROM bench_runs ORDER BY id DESC LIMIT ?');
    one = db.prepare('SELECT id, started_at, url, model, doc FROM bench_runs WHERE id = ?');
  } catch (err) {
    db?.close();
    return { unavailable: `cannot open ${file}: ${(err as Error).message}; set GPUOPS_DATA_DIR to a writable directory` };
  }
  const open = db;
  type Row = { id: number; started_at: string; url: string; model: string | null; doc: string };
  const toRun = (r: Row): StoredRun => ({ id: r.id, startedAt: r.started_at, url: r.url, model: r.model, doc: JSON.parse(r.doc) as unknown });
  return {
    file,
    saveBenchRun: (run) => Number(insert.run(run.startedAt, run.target.url, run.target.model ?? run.target.deployment, JSON.stringify(run)).lastInsertRowid),
    listBenchRuns: (limit) => (list.all(limit) as Row[]).map(toRun),
    getBenchRun: (id) => {
      const r = one.get(id) as Row | undefined;
      return r ? toRun(r) : null;
    },
    close: () => open.close(),
  };
}
