import { DCGM_METRICS } from './fields.js';
import { numericValue, yesNoValue, type GpuReading } from './query-csv.js';
import type { XmlGpu } from './query-xml.js';
import { pciKey, type XidState } from './xid.js';

/** The two nvidia-smi calls the exporter makes, each on its own schedule. */
export type QueryKind = 'csv' | 'xml';

/** How one kind of nvidia-smi call has gone so far. */
export interface QueryHealth {
  up: boolean | null;
  failures: number;
  lastDurationS: number | null;
  lastSuccessMs: number | null;
}

/** Everything one scrape is rendered from; the renderer does no I/O. */
export interface ExporterSnapshot {
  hostname: string;
  csv: { gpus: GpuReading[]; atMs: number } | null;
  xml: { gpus: XmlGpu[]; atMs: number } | null;
  /** Older than this, a sample is not served: stale numbers are not shown as current. */
  maxAgeMs: { csv: number; xml: number };
  xids: XidState;
  /** GPU labels by PCI key, remembered from earlier samples (a GPU that fell off the bus leaves nvidia-smi). */
  known: Map<string, Labels>;
  xidSourceUp: boolean | null;
  health: Record<QueryKind, QueryHealth>;
  /** Bumped whenever a sample, the Xids or the Xid source change: the key of a cached rendering. */
  version: number;
}

type Labels = [string, string][];

interface Family {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  series: string[];
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));
const line = (name: string, labels: Labels, value: number) =>
  labels.length === 0 ? `${name} ${fmt(value)}` : `${name}{${labels.map(([k, v]) => `${k}="${esc(v)}"`).join(',')}} ${fmt(value)}`;

/** dcgm-exporter's label set for a GPU, in its order. */
export function gpuLabels(g: GpuReading, hostname: string): Labels {
  return [['gpu', g.index], ['UUID', g.uuid], ['pci_bus_id', g.busId], ['device', `nvidia${g.index}`],
    ['modelName', g.name], ['Hostname', hostname], ['DCGM_FI_DRIVER_VERSION', g.driver]];
}

/** MIG instances get GPU_I_ID after modelName, where dcgm-exporter puts it. */
function migLabels(base: Labels, gpuInstanceId: string): Labels {
  const i = base.findIndex(([k]) => k === 'modelName') + 1;
  return [...base.slice(0, i), ['GPU_I_ID', gpuInstanceId], ...base.slice(i)];
}

class Families {
  private readonly map = new Map<string, Family>();
  private readonly seen = new Set<string>();
  add(name: string, type: Family['type'], help: string, labels: Labels, value: number | null): void {
    if (value === null || !Number.isFinite(value)) return;
    const series = line(name, labels, value);
    // Prometheus rejects a whole scrape that repeats a series: the first one wins (e.g. a process listed twice).
    const key = series.slice(0, series.lastIndexOf(' '));
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let f = this.map.get(name);
    if (!f) this.map.set(name, (f = { name, type, help, series: [] }));
    f.series.push(series);
  }
  text(): string {
    let out = '';
    for (const f of this.map.values()) out += `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n${f.series.join('\n')}\n`;
    return out;
  }
}

function xmlFor(g: GpuReading, xml: XmlGpu[]): XmlGpu | undefined {
  return xml.find((x) => x.uuid !== '' && x.uuid === g.uuid) ?? xml.find((x) => pciKey(x.busId) !== null && pciKey(x.busId) === pciKey(g.busId));
}

function addGpu(f: Families, g: GpuReading, labels: Labels, x: XmlGpu | undefined): void {
  const migOn = yesNoValue(g.values['mig.mode.current']) === 1 && (x?.mig.length ?? 0) > 0;
  for (const m of DCGM_METRICS) {
    // Under MIG, memory is reported per instance below; the whole-GPU figure would be counted twice in sums.
    if (migOn && m.field.startsWith('memory.')) continue;
    const raw = g.values[m.field];
    f.add(m.name, m.type, m.help, labels, m.kind === 'yesno' ? yesNoValue(raw) : numericValue(raw));
  }
  const used = numericValue(g.values['memory.used']);
  const total = numericValue(g.values['memory.total']);
  if (!migOn && used !== null && total) {
    f.add('gpuops_gpu_memory_used_ratio', 'gauge', 'VRAM used / total (0-1).', labels, used / total);
  }
  if (!x) return;
  for (const d of migOn ? x.mig : []) {
    const l = migLabels(labels, d.gpuInstanceId);
    f.add('DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).', l, d.fbUsedMiB);
    f.add('DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).', l, d.fbFreeMiB);
    if (d.fbUsedMiB !== null && d.fbTotalMiB) f.add('gpuops_gpu_memory_used_ratio', 'gauge', 'VRAM used / total (0-1).', l, d.fbUsedMiB / d.fbTotalMiB);
  }
  for (const [reason, active] of Object.entries(x.clockEventReasons)) {
    f.add('gpuops_gpu_clock_event_reason_active', 'gauge', 'Whether a clock event (throttle) reason holds the clocks down (1) or not (0), from nvidia-smi -q -x.',
      [...labels, ['reason', reason]], active === null ? null : active ? 1 : 0);
  }
  for (const scope of ['volatile', 'aggregate'] as const) {
    for (const [counter, n] of Object.entries(x.ecc[scope])) {
      f.add('gpuops_gpu_ecc_errors_total', 'counter', 'ECC errors by memory and kind (volatile: since driver load; aggregate: lifetime), from nvidia-smi -q -x.',
        [...labels, ['scope', scope], ['counter', counter]], n);
    }
  }
  f.add('gpuops_gpu_retired_pages_pending', 'gauge', 'Pages waiting to be retired at the next driver reload (1 yes, 0 no).', labels,
    x.retiredPages.pending === null ? null : x.retiredPages.pending ? 1 : 0);
  for (const p of x.processes) {
    const pl: Labels = [...labels, ...(p.gpuInstanceId ? [['GPU_I_ID', p.gpuInstanceId] as [string, string]] : []), ['pid', p.pid], ['process_name', p.name], ['type', p.type]];
    f.add('gpuops_gpu_process_memory_used_bytes', 'gauge', 'VRAM held by a process, from nvidia-smi -q -x.', pl, p.usedMiB === null ? null : p.usedMiB * 1048576);
  }
}

function addXids(f: Families, s: ExporterSnapshot, served: Map<string, Labels>): void {
  if (s.xidSourceUp) {
    for (const [key, labels] of served) {
      f.add('DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.', labels, s.xids.get(key)?.last ?? 0);
    }
  }
  for (const [key, gpu] of s.xids) {
    const labels = served.get(key) ?? s.known.get(key) ?? [['pci_bus_id', key], ['Hostname', s.hostname]];
    if (!served.has(key)) f.add('DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.', labels, gpu.last);
    for (const [xid, e] of [...gpu.byXid].sort((a, b) => a[0] - b[0])) {
      const l: Labels = [...labels, ['xid', String(xid)]];
      f.add('gpuops_xid_errors_total', 'counter', 'NVRM Xid events for this GPU in the kernel log since the exporter started reading it.', l, e.count);
      f.add('gpuops_xid_last_seen_timestamp_seconds', 'gauge', 'When this Xid was last logged (Unix seconds); absent for lines that were already in a log file at start-up.', l, e.lastSeenS);
    }
  }
}

function addHealth(f: Families, s: ExporterSnapshot, nowMs: number, gpus: number | null): void {
  for (const kind of ['csv', 'xml'] as const) {
    const h = s.health[kind];
    const l: Labels = [['query', kind === 'csv' ? 'query-gpu' : 'q-x']];
    f.add('gpuops_exporter_nvidia_smi_up', 'gauge', 'Whether the last nvidia-smi call of this kind succeeded (1) or failed (0).', l, h.up === null ? null : h.up ? 1 : 0);
    f.add('gpuops_exporter_nvidia_smi_failures_total', 'counter', 'nvidia-smi calls of this kind that failed, timed out or printed what could not be read.', l, h.failures);
    f.add('gpuops_exporter_sample_duration_seconds', 'gauge', 'How long the last nvidia-smi call of this kind took.', l, h.lastDurationS);
    f.add('gpuops_exporter_sample_age_seconds', 'gauge', 'Age of the sample served, i.e. seconds since the last successful nvidia-smi call of this kind.', l,
      h.lastSuccessMs === null ? null : Math.max(0, nowMs - h.lastSuccessMs) / 1000);
  }
  f.add('gpuops_exporter_gpus', 'gauge', 'GPUs in the sample served.', [], gpus);
  f.add('gpuops_exporter_xid_source_up', 'gauge', 'Whether the kernel log that Xid errors are read from could be read (1) or not (0).', [],
    s.xidSourceUp === null ? null : s.xidSourceUp ? 1 : 0);
}

/** The samples served at `nowMs`: what is fresh enough to be shown as current. */
export function freshSamples(s: ExporterSnapshot, nowMs: number): { csv: ExporterSnapshot['csv']; xml: ExporterSnapshot['xml'] } {
  const fresh = <T extends { atMs: number }>(v: T | null, maxMs: number) => (v && nowMs - v.atMs <= maxMs ? v : null);
  return { csv: fresh(s.csv, s.maxAgeMs.csv), xml: fresh(s.xml, s.maxAgeMs.xml) };
}

/** The GPU and Xid families; they change only with a new sample, so a server may cache them. */
export function renderGpuMetrics(s: ExporterSnapshot, nowMs: number): string {
  const f = new Families();
  const { csv, xml } = freshSamples(s, nowMs);
  const served = new Map<string, Labels>();
  for (const g of csv?.gpus ?? []) {
    const labels = gpuLabels(g, s.hostname);
    addGpu(f, g, labels, xml ? xmlFor(g, xml.gpus) : undefined);
    const key = pciKey(g.busId);
    if (key) served.set(key, labels);
  }
  addXids(f, s, served);
  return f.text();
}

/** The exporter's own families (sample age changes on every scrape). */
export function renderHealth(s: ExporterSnapshot, nowMs: number): string {
  const f = new Families();
  const { csv } = freshSamples(s, nowMs);
  addHealth(f, s, nowMs, csv ? csv.gpus.length : null);
  return f.text();
}

/** The Prometheus text exposition (format 0.0.4) of a snapshot at `nowMs`. */
export function renderExposition(s: ExporterSnapshot, nowMs: number): string {
  return renderGpuMetrics(s, nowMs) + renderHealth(s, nowMs);
}
