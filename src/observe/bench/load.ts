import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { seededRandom } from '../mock/random.js';
import type { Tokenizer } from '../wire/tokens.js';
import { interArrivalMs } from './arrivals.js';
import { sendOne, type BenchTarget, type PreparedPrompt } from './client.js';
import type { RequestRecord } from './record.js';
import { BenchAccumulator, type BenchSummary, type Slo } from './summary.js';

/** The load model of one run. */
export interface LoadPlan {
  /** Closed loop: `concurrency` workers, each sending its next request when the last one ends. */
  mode: 'concurrency' | 'rate';
  /** Closed loop: the workers. Open loop: the most requests in flight (Infinity = no cap). */
  concurrency: number;
  /** Open loop: mean arrivals per second. */
  rate?: number;
  burstiness: number;
  requests?: number;
  durationMs?: number;
  /** Closed loop: workers start spread over this time. Open loop: the rate ramps linearly from 0. */
  rampUpMs: number;
  maxErrorRate?: number;
  seed: number;
}

/** One point of the rate-limit header timeline. */
export interface RateLimitPoint {
  tMs: number;
  status: number | null;
  remainingTokens: number | null;
  remainingRequests: number | null;
  retryAfterMs: number | null;
}

export interface LoadResult {
  summary: BenchSummary;
  records: RequestRecord[];
  rateLimitTimeline: RateLimitPoint[];
  /** Why the run stopped early, or null. */
  stopped: { reason: 'unreachable' | 'rejected' | 'max-error-rate'; detail: string } | null;
  /** The client's own CPU over the run: percent of one core. */
  clientCpuPercent: number;
}

export interface LoadDeps {
  /** One connection per slot: a closed-loop worker, or an open-loop request in flight. */
  connection: (slot: number) => Dispatcher;
  target: BenchTarget;
  prompts: PreparedPrompt[];
  tok: Tokenizer;
  onProgress?: (p: { done: number; elapsedMs: number; tokensPerMinute: number; p50TtftMs: number | null }) => void;
}

const TIMELINE_MAX = 5000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Run one load plan to its end (or an early stop) and summarize it. */
export async function runLoad(deps: LoadDeps, plan: LoadPlan, slo: Slo | null): Promise<LoadResult> {
  const acc = new BenchAccumulator(slo);
  const records: RequestRecord[] = [];
  const timeline: RateLimitPoint[] = [];
  let stopped: LoadResult['stopped'] = null;
  let firstStatuses: (number | null)[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let lastEndMs = 0;

  const take = (r: RequestRecord) => {
    acc.add(r);
    records.push(r);
    lastEndMs = Math.max(lastEndMs, performance.now() - t0);
    if (r.rateLimit && timeline.length < TIMELINE_MAX) {
      timeline.push({ tMs: Math.round(r.scheduledMs + (r.ttfbMs ?? r.e2eMs ?? 0)), status: r.httpStatus, remainingTokens: r.rateLimit.remainingTokens, remainingRequests: r.rateLimit.remainingRequests, retryAfterMs: r.rateLimit.retryAfterMs });
    }
    const { done, failed } = acc.failureRate();
    if (stopped) return;
    if (r.outcome === 'connect_error' && done === failed) stopped = { reason: 'unreachable', detail: r.error ?? 'cannot connect' };
    if (firstStatuses.length < 5) {
      firstStatuses.push(r.httpStatus);
      const s = firstStatuses[0];
      if (firstStatuses.length === 5 && s !== null && s !== undefined && [400, 401, 403, 404].includes(s) && firstStatuses.every((x) => x === s)) {
        stopped = { reason: 'rejected', detail: r.error ?? `HTTP ${s}` };
      }
    }
    if (plan.maxErrorRate !== undefined && done >= 10 && failed / done > plan.maxErrorRate) {
      stopped = { reason: 'max-error-rate', detail: `${failed} of ${done} requests failed (${Math.round((failed / done) * 1000) / 10}%), over --max-error-rate ${plan.maxErrorRate}` };
    }
  };

  const progress = deps.onProgress
    ? setInterval(() => {
        const p = acc.progress();
        const el = performance.now() - t0;
        deps.onProgress!({ done: p.done, elapsedMs: el, tokensPerMinute: el > 0 ? (p.tokens / el) * 60_000 : 0, p50TtftMs: p.p50TtftMs });
      }, 1000)
    : undefined;
  const send = (slot: number, index: number, scheduledMs: number) =>
    sendOne(deps.connection(slot), deps.target, deps.prompts[index % deps.prompts.length]!, deps.tok, index, t0, scheduledMs).then(take);

  try {
    if (plan.mode === 'concurrency') await closedLoop(plan, t0, send, () => stopped !== null);
    else await openLoop(plan, t0, send, () => stopped !== null);
  } finally {
    if (progress) clearInterval(progress);
  }
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  records.sort((a, b) => a.index - b.index);
  return {
    summary: acc.summary(lastEndMs / 1000),
    records,
    rateLimitTimeline: timeline.sort((a, b) => a.tMs - b.tMs),
    stopped,
    clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
  };
}

type Send = (slot: number, index: number, scheduledMs: number) => Promise<void>;

async function closedLoop(plan: LoadPlan, t0: number, send: Send, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (w: number) => {
    if (plan.rampUpMs > 0) await sleep((plan.rampUpMs * w) / plan.concurrency);
    for (;;) {
      const now = performance.now() - t0;
      if (stop() || (plan.durationMs !== undefined && now >= plan.durationMs)) return;
      const index = next++;
      if (plan.requests !== undefined && index >= plan.requests) return;
      await send(w, index, now);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, w) => worker(w)));
}

async function openLoop(plan: LoadPlan, t0: number, send: Send, stop: () => boolean): Promise<void> {
  const random = seededRandom(plan.seed);
  const rate = plan.rate!;
  const inflight = new Set<Promise<void>>();
  const waiting: ((slot: number) => void)[] = [];
  const free: number[] = [];
  let slots = 0;
  let t = 0;
  for (let index = 0; ; index++) {
    if (plan.requests !== undefined && index >= plan.requests) break;
    // During ramp-up the rate grows linearly from 2% to the full rate.
    const r = plan.rampUpMs > 0 && t < plan.rampUpMs ? rate * Math.max(0.02, t / plan.rampUpMs) : rate;
    t += index === 0 ? 0 : interArrivalMs(r, plan.burstiness, random);
    if (plan.durationMs !== undefined && t >= plan.durationMs) break;
    const wait = t - (performance.now() - t0);
    if (wait > 0) await sleep(wait);
    if (stop()) break;
    const scheduled = t;
    const go = (slot: number) => {
      const p: Promise<void> = send(slot, index, scheduled).finally(() => {
        inflight.delete(p);
        const next = waiting.shift();
        if (next) next(slot);
        else free.push(slot);
      });
      inflight.add(p);
    };
    // Over the in-flight cap, the request waits for a free slot; its latency still counts from `scheduled`.
    if (free.length > 0) go(free.pop()!);
    else if (slots < plan.concurrency) go(slots++);
    else waiting.push(go);
  }
  while (inflight.size > 0 || waiting.length > 0) {
    if (stop()) waiting.length = 0;
    if (inflight.size === 0) break;
    await Promise.race(inflight);
  }
}
