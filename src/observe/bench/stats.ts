import { build, type Histogram } from 'hdr-histogram-js';

/** Summary statistics of one metric, in ms. */
export interface Stat {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * A latency histogram in microseconds (HDR, 3 significant digits: every percentile within 0.1%),
 * so memory stays constant however many millions of token gaps are recorded.
 */
export class LatencyHistogram {
  private readonly h: Histogram = build({ numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1 });
  private sumMs = 0;
  private n = 0;
  private maxMs = 0;

  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const v = Math.max(0, ms);
    this.h.recordValue(Math.max(1, Math.round(v * 1000)));
    this.sumMs += v;
    this.n++;
    if (v > this.maxMs) this.maxMs = v;
  }

  recordN(ms: number, times: number): void {
    if (!Number.isFinite(ms) || times < 1) return;
    const v = Math.max(0, ms);
    this.h.recordValueWithCount(Math.max(1, Math.round(v * 1000)), times);
    this.sumMs += v * times;
    this.n += times;
    if (v > this.maxMs) this.maxMs = v;
  }

  get count(): number {
    return this.n;
  }

  percentile(p: number): number {
    return this.n ? this.h.getValueAtPercentile(p) / 1000 : NaN;
  }

  /** null when nothing was recorded: no value is shown as a fact. Mean and max are exact. */
  stat(): Stat | null {
    if (this.n === 0) return null;
    const r = (v: number) => Math.round(v * 1000) / 1000;
    return {
      count: this.n, mean: r(this.sumMs / this.n), p50: r(this.percentile(50)), p90: r(this.percentile(90)),
      p95: r(this.percentile(95)), p99: r(this.percentile(99)), max: r(this.maxMs),
    };
  }
}
