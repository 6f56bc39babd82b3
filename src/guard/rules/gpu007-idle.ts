import type { MetricSeries } from '../../model/inventory.js';
import { defineRule, unknown, pass } from '../rule.js';
import { GPU_HOSTS, hostHourly, hostNoun, perMonth, sizeLabel } from './helpers.js';

/** Mean of the samples and the hours between the first and the last one. */
function summarise(series: readonly MetricSeries[]): { mean: number; hours: number; samples: number; from: string; to: string } | null {
  let sum = 0;
  let n = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      const t = Date.parse(p.timestamp);
      if (!Number.isFinite(t)) continue;
      sum += p.average;
      n++;
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
  }
  if (n === 0) return null;
  return { mean: sum / n, hours: (last - first) / 3_600_000, samples: n, from: new Date(first).toISOString(), to: new Date(last).toISOString() };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export const gpu007 = defineRule({
  id: 'GPU007',
  title: 'GPU compute running idle',
  severity: 'critical',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: true,
  rationale: 'An idle GPU costs the same as a busy one. A hung notebook holding eight GPUs at 0% is invisible to job-based idle detection and to `Percentage CPU` alerts set for web servers.',
  semantics: [
    'Applies while the VM is running (a scale set or node pool: when utilisation samples exist for it).',
    'Uses GPU utilisation when the source has it (a custom metric such as `DCGM_FI_DEV_GPU_UTIL`, or gpuops history), otherwise the host metric `Percentage CPU`.',
    'Fails when the mean over the whole window of samples is under 5% (config `idle.thresholdPercent`) and the window spans at least 24 hours (config `idle.minHours`).',
    'Unknown when the VM is running but there are no samples, or they span less than the minimum window.',
    'Monthly waste: pay-as-you-go price x 730 h (x instances); the evidence also gives what the window itself cost.',
  ],
  xref: ['Cloud Custodian metric filter (Percentage CPU)'],
  remediation: {
    az: 'az vm deallocate --ids {id}',
    terraform: '# scale to zero when idle: delete the VM, or use a scale set / AKS node pool with autoscale min 0',
  },
  check(r, ctx) {
    if (r.kind === 'vm' && r.powerState !== 'running') return null;
    const series = ctx.index.metricsFor(r.id);
    const gpu = series.filter((s) => s.metric === 'gpu');
    const used = gpu.length > 0 ? gpu : series.filter((s) => s.metric === 'cpu');
    const stats = summarise(used);
    if (stats === null) return r.kind === 'vm' ? unknown('running, but no utilisation samples were given') : null;
    const { thresholdPercent, minHours } = ctx.config.idle;
    if (stats.hours < minHours) return unknown(`only ${round(stats.hours, 1)} h of samples; ${minHours} h are needed`);
    if (stats.mean >= thresholdPercent) return pass;
    const hourly = hostHourly(r, ctx);
    const metric = used[0]!.name;
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) averaged ${round(stats.mean)}% ${gpu.length > 0 ? 'GPU' : 'CPU'} over ${round(stats.hours, 1)} h while running`,
      evidence: {
        metric, basis: gpu.length > 0 ? 'gpu' : 'cpu', meanPercent: round(stats.mean), thresholdPercent, windowHours: round(stats.hours, 1),
        samples: stats.samples, from: stats.from, to: stats.to, hourlyPrice: hourly === null ? null : round(hourly, 4),
        costOverWindow: hourly === null ? null : round(hourly * stats.hours),
      },
      monthlyCost: perMonth(hourly),
    };
  },
});
