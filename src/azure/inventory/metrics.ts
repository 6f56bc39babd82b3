import { shared } from './shared-strings.js';
import type { MetricSeries, Unreadable } from '../../model/inventory.js';

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);

// Host metric of every Azure VM; GPU utilisation only exists where an agent publishes it as a custom metric
// (DCGM exporter through Azure Monitor Agent, or gpuops history) under one of these names.
const CPU_METRIC = 'percentage cpu';
const GPU_METRICS = new Set(['dcgm_fi_dev_gpu_util', 'gpu utilization', 'gpu_utilization', 'nvidia_gpu_utilization', 'gpuutilization', 'gpuops_gpu_utilization']);

/** Whether a document is `az monitor metrics list -o json` output. */
export function isMetricsDocument(doc: unknown): boolean {
  const value = obj(doc)?.value;
  return Array.isArray(value) && value.length > 0 && value.every((v) => String(obj(v)?.type ?? '').toLowerCase() === 'microsoft.insights/metrics');
}

/** Utilisation series from `az monitor metrics list`; other metrics are ignored, bad samples reported. */
export function metricsFromDocument(doc: unknown, source: string): { metrics: MetricSeries[]; unreadable: Unreadable[] } {
  const metrics: MetricSeries[] = [];
  const unreadable: Unreadable[] = [];
  const value = obj(doc)?.value;
  for (const raw of Array.isArray(value) ? value : []) {
    const item = obj(raw) ?? {};
    const id = String(item.id ?? '');
    const cut = id.toLowerCase().indexOf('/providers/microsoft.insights/metrics/');
    const name = String(obj(item.name)?.value ?? item.name ?? '');
    const kind = name.toLowerCase() === CPU_METRIC ? 'cpu' : GPU_METRICS.has(name.toLowerCase()) ? 'gpu' : null;
    if (kind === null) continue;
    if (cut <= 0) {
      unreadable.push({ source, id: id || null, reason: 'the metric id names no resource' });
      continue;
    }
    const points: MetricSeries['points'] = [];
    let bad: string | null = null;
    for (const ts of Array.isArray(item.timeseries) ? item.timeseries : []) {
      for (const d of Array.isArray(obj(ts)?.data) ? (obj(ts)!.data as unknown[]) : []) {
        const p = obj(d) ?? {};
        if (p.average === null || p.average === undefined) continue; // no data in that interval
        const v = p.average;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100 || typeof p.timeStamp !== 'string' || !Number.isFinite(Date.parse(p.timeStamp))) {
          bad = `sample ${JSON.stringify(p)} is not a percentage (0-100) with a timeStamp`;
          break;
        }
        points.push({ timestamp: shared(p.timeStamp), average: v });
      }
      if (bad) break;
    }
    if (bad) unreadable.push({ source, id: id.slice(0, cut), reason: `${name}: ${bad}` });
    else metrics.push({ resourceId: id.slice(0, cut), metric: kind, name, points });
  }
  return { metrics, unreadable };
}
