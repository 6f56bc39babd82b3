import { execFile } from 'node:child_process';
import { uptime } from 'node:os';
import type { ExporterSnapshot, QueryHealth, QueryKind } from './exposition.js';
import { gpuLabels } from './exposition.js';
import { QUERY_FIELDS } from './fields.js';
import { KernelLogReader } from './kernel-log.js';
import { parseQueryCsv, rejectedField } from './query-csv.js';
import { parseSmiXml } from './query-xml.js';
import { addXids, parseXidLines, pciKey, type XidState } from './xid.js';

/** How the exporter samples. Intervals in milliseconds; `xmlIntervalMs` 0 turns `-q -x` off. */
export interface CollectorOptions {
  nvidiaSmi: string;
  intervalMs: number;
  xmlIntervalMs: number;
  /** Kernel log to read Xid errors from (`/dev/kmsg`, a syslog file), or null for none. */
  xidLog: string | null;
  hostname: string;
  env: NodeJS.ProcessEnv;
  /** One line for people, on stderr; called when something changes, not on every interval. */
  log: (message: string) => void;
  now?: () => number;
}

interface SmiResult {
  ok: boolean;
  stdout: string;
  problem: string;
}

const IDENTITY = new Set(['index', 'uuid']);

/** Runs nvidia-smi on its own schedule (never per scrape) and keeps the latest sample for scrapes to read. */
export class Collector {
  private readonly fields = [...QUERY_FIELDS];
  private readonly xids: XidState = new Map();
  private readonly known = new Map<string, [string, string][]>();
  private readonly health: Record<QueryKind, QueryHealth> = {
    csv: { up: null, failures: 0, lastDurationS: null, lastSuccessMs: null },
    xml: { up: null, failures: 0, lastDurationS: null, lastSuccessMs: null },
  };
  private readonly lastProblem: Record<QueryKind | 'xid', string | null> = { csv: null, xml: null, xid: null };
  private csv: ExporterSnapshot['csv'] = null;
  private xml: ExporterSnapshot['xml'] = null;
  private xidSourceUp: boolean | null = null;
  private readonly reader: KernelLogReader | null;
  private readonly timers: Partial<Record<QueryKind, NodeJS.Timeout>> = {};
  private stopped = false;
  private version = 0;
  private readonly now: () => number;

  constructor(private readonly o: CollectorOptions) {
    this.now = o.now ?? Date.now;
    this.reader = o.xidLog ? new KernelLogReader(o.xidLog) : null;
  }

  /** What a scrape renders. */
  snapshot(): ExporterSnapshot {
    // A sample is served while younger than three intervals (and at least a minute), then dropped.
    const maxAge = (ms: number) => Math.max(3 * ms, 60_000);
    return {
      hostname: this.o.hostname, csv: this.csv, xml: this.xml, xids: this.xids, known: this.known,
      xidSourceUp: this.xidSourceUp, health: this.health, version: this.version,
      maxAgeMs: { csv: maxAge(this.o.intervalMs), xml: maxAge(this.o.xmlIntervalMs) },
    };
  }

  /** Take one sample of each kind now (also used by `--once`). */
  async sampleOnce(): Promise<void> {
    await Promise.all([this.sampleCsv(), this.o.xmlIntervalMs > 0 ? this.sampleXml() : Promise.resolve()]);
    this.readXids();
  }

  /** Sample now, then on each schedule; a slow call delays the next one instead of overlapping it. */
  start(): void {
    const loop = (kind: QueryKind, every: number, task: () => Promise<void>) => {
      const tick = async () => {
        const t0 = this.now();
        await task();
        if (kind === 'csv') this.readXids();
        if (!this.stopped) this.timers[kind] = setTimeout(tick, Math.max(0, every - (this.now() - t0))).unref();
      };
      void tick();
    };
    loop('csv', this.o.intervalMs, () => this.sampleCsv());
    if (this.o.xmlIntervalMs > 0) loop('xml', this.o.xmlIntervalMs, () => this.sampleXml());
  }

  stop(): void {
    this.stopped = true;
    for (const t of Object.values(this.timers)) clearTimeout(t);
    this.reader?.close();
  }

  private async sampleCsv(): Promise<void> {
    // An older driver rejects fields it does not know: drop each one it names and ask again.
    for (let attempt = 0; attempt <= this.fields.length; attempt++) {
      const t0 = this.now();
      const r = await this.run([`--query-gpu=${this.fields.join(',')}`, '--format=csv,noheader,nounits']);
      const bad = r.ok ? null : rejectedField(r.stdout + r.problem);
      if (bad && this.fields.includes(bad) && !IDENTITY.has(bad)) {
        this.fields.splice(this.fields.indexOf(bad), 1);
        this.o.log(`nvidia-smi does not know the field "${bad}" (older driver?); exporting without it`);
        continue;
      }
      let problem = r.problem;
      if (r.ok) {
        try {
          const gpus = parseQueryCsv(r.stdout, this.fields);
          this.csv = { gpus, atMs: this.now() };
          this.version += 1;
          for (const g of gpus) {
            const key = pciKey(g.busId);
            if (key) this.known.set(key, gpuLabels(g, this.o.hostname));
          }
        } catch (err) {
          problem = `its --query-gpu output could not be read (${(err as Error).message})`;
        }
      }
      this.record('csv', problem, t0);
      return;
    }
  }

  private async sampleXml(): Promise<void> {
    const t0 = this.now();
    const r = await this.run(['-q', '-x']);
    let problem = r.problem;
    if (r.ok) {
      try {
        this.xml = { gpus: parseSmiXml(r.stdout), atMs: this.now() };
        this.version += 1;
      } catch (err) {
        problem = `its -q -x output could not be read (${(err as Error).message})`;
      }
    }
    this.record('xml', problem, t0);
  }

  private record(kind: QueryKind, problem: string, t0: number): void {
    const h = this.health[kind];
    h.lastDurationS = (this.now() - t0) / 1000;
    h.up = problem === '';
    if (h.up) h.lastSuccessMs = this.now();
    else h.failures += 1;
    const what = kind === 'csv' ? 'nvidia-smi --query-gpu' : 'nvidia-smi -q -x';
    if (problem && problem !== this.lastProblem[kind]) this.o.log(`${what} failed: ${problem}; still serving the exporter's own metrics`);
    if (!problem && this.lastProblem[kind]) this.o.log(`${what} works again`);
    this.lastProblem[kind] = problem || null;
  }

  private readXids(): void {
    if (!this.reader) return;
    try {
      const { text, history } = this.reader.read();
      const nowS = this.now() / 1000;
      const events = parseXidLines(text);
      addXids(this.xids, events, nowS - uptime(), history ? null : nowS);
      if (events.length > 0 || this.xidSourceUp !== true) this.version += 1;
      if (this.lastProblem.xid) this.o.log(`the kernel log ${this.reader.path} can be read again`);
      this.xidSourceUp = true;
      this.lastProblem.xid = null;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const problem = e.code === 'EACCES' || e.code === 'EPERM'
        ? `no permission to read ${this.reader.path} (/dev/kmsg needs root or CAP_SYSLOG; /var/log/kern.log the adm group; or pass --xid-log none)`
        : `cannot read ${this.reader.path}: ${e.code ?? e.message}`;
      if (problem !== this.lastProblem.xid) this.o.log(`Xid errors will not be reported: ${problem}`);
      this.lastProblem.xid = problem;
      if (this.xidSourceUp !== false) this.version += 1;
      this.xidSourceUp = false;
    }
  }

  private run(args: string[]): Promise<SmiResult> {
    // A hung driver can leave nvidia-smi waiting for minutes: never let one call outlive its interval.
    const timeout = Math.max(1000, Math.min(this.o.intervalMs, 30_000));
    return new Promise((resolve) => {
      execFile(this.o.nvidiaSmi, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 32 * 1024 * 1024, env: this.o.env }, (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout, problem: '' });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
        let problem: string;
        if (e.code === 'ENOENT') problem = `"${this.o.nvidiaSmi}" was not found (install the NVIDIA driver, or pass --nvidia-smi PATH)`;
        else if (e.code === 'EACCES') problem = `"${this.o.nvidiaSmi}" is not executable`;
        else if (e.killed) problem = `no answer within ${timeout / 1000} s (killed)`;
        else problem = `exit ${e.code ?? 'unknown'}: ${firstLine(`${stdout}\n${stderr}`) || 'no message'}`;
        resolve({ ok: false, stdout: String(stdout ?? ''), problem });
      });
    });
  }
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '')?.slice(0, 300) ?? '';
}
