import type { GatewayConfig, KeyConfig } from './config.js';

/** Limits are counted over a sliding window of this length (a true sliding minute, not fixed buckets). */
export const WINDOW_MS = 60_000;

/** One counter a request is charged to: a key, a key on one model, or a team. */
export interface Bucket {
  id: string;
  tpm?: number;
  rpm?: number;
}

/** Why a request was refused. `too_large`: its reservation alone exceeds the TPM limit; waiting will not help. */
export type DenyReason = 'tpm' | 'rpm' | 'too_large';

export type ReserveResult =
  | { ok: true; reservation: Reservation; remainingTokens: number | null; remainingRequests: number | null }
  | { ok: false; reason: DenyReason; retryAfterMs: number | null; remainingTokens: number | null; remainingRequests: number | null };

/** An admitted request's hold on its buckets, settled to the real token count later. */
export interface Reservation {
  readonly id: string;
  readonly tokens: number;
}

/** Where counters live: process memory (one replica) or Redis (many replicas, one limit). */
export interface LimitStore {
  reserve(buckets: readonly Bucket[], tokens: number, id: string): Promise<ReserveResult>;
  /** The same as reserve, answered synchronously; only stores that need no I/O have it (memory). */
  reserveNow?(buckets: readonly Bucket[], tokens: number, id: string): ReserveResult;
  /** Replace the reservation's token count by `tokens` (the real usage) while it is inside the window. */
  settle(reservation: Reservation, buckets: readonly Bucket[], tokens: number): Promise<void>;
  /** The same as settle, done synchronously; only stores that need no I/O have it (memory). */
  settleNow?(reservation: Reservation, buckets: readonly Bucket[], tokens: number): void;
  close(): Promise<void>;
}

/** The buckets a request by `key` for `model` is charged to: only those with a limit. */
export function bucketsFor(config: Pick<GatewayConfig, 'teams'>, key: KeyConfig, model: string | null): Bucket[] {
  const out: Bucket[] = [];
  if (key.tpm !== undefined || key.rpm !== undefined) out.push({ id: `key:${key.name}`, tpm: key.tpm, rpm: key.rpm });
  const perModel = model === null ? undefined : key.models[model];
  if (perModel && (perModel.tpm !== undefined || perModel.rpm !== undefined)) {
    out.push({ id: `key:${key.name}:model:${model}`, tpm: perModel.tpm, rpm: perModel.rpm });
  }
  const team = key.team === undefined ? undefined : config.teams[key.team];
  if (team && (team.tpm !== undefined || team.rpm !== undefined)) out.push({ id: `team:${key.team}`, tpm: team.tpm, rpm: team.rpm });
  return out;
}

// The buckets of a key for models without a limit of their own are the same on every request: built once
// per key (the config is immutable once loaded). Per-model buckets are few and built on demand.
const keyBuckets = new WeakMap<KeyConfig, Bucket[]>();

/** bucketsFor, without rebuilding the common (no per-model limit) list on every request. Treat as read-only. */
export function cachedBucketsFor(config: Pick<GatewayConfig, 'teams'>, key: KeyConfig, model: string | null): readonly Bucket[] {
  if (model !== null && Object.hasOwn(key.models, model)) return bucketsFor(config, key, model);
  let b = keyBuckets.get(key);
  if (!b) keyBuckets.set(key, (b = bucketsFor(config, key, null)));
  return b;
}

interface Entry {
  t: number;
  tokens: number;
}

interface WindowState {
  entries: Entry[];
  head: number;
  tokens: number;
}

/** The smallest of the defined numbers, or null when none is defined. */
export function minOrNull(values: (number | null)[]): number | null {
  let min: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== null && (min === null || v < min)) min = v;
  }
  return min;
}

/**
 * A sliding-window log per bucket, in process memory. Pure apart from the clock, which is passed in:
 * an entry admitted at time t counts until t + WINDOW_MS, with the tokens it was last settled to.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, WindowState>();
  private readonly held = new Map<string, { entry: Entry; buckets: string[] }>();

  private state(id: string, now: number): WindowState {
    let w = this.windows.get(id);
    if (!w) this.windows.set(id, (w = { entries: [], head: 0, tokens: 0 }));
    while (w.head < w.entries.length && w.entries[w.head]!.t <= now - WINDOW_MS) w.tokens -= w.entries[w.head++]!.tokens;
    if (w.head > 1024 && w.head * 2 > w.entries.length) {
      w.entries = w.entries.slice(w.head);
      w.head = 0;
    }
    return w;
  }

  /** Milliseconds until `need` tokens have left the window (null if they never will). */
  private waitForTokens(w: WindowState, need: number, now: number): number | null {
    let freed = 0;
    for (let i = w.head; i < w.entries.length; i++) {
      freed += w.entries[i]!.tokens;
      if (freed >= need) return w.entries[i]!.t + WINDOW_MS - now;
    }
    return null;
  }

  /** Admit `tokens` and one request into every bucket, or refuse with the wait until it would fit. */
  reserve(buckets: readonly Bucket[], tokens: number, id: string, now: number): ReserveResult {
    let reason: DenyReason | null = null;
    let wait = 0;
    const remT: (number | null)[] = [];
    const remR: (number | null)[] = [];
    for (const b of buckets) {
      const w = this.state(b.id, now);
      const count = w.entries.length - w.head;
      remT.push(b.tpm === undefined ? null : b.tpm - w.tokens - tokens);
      remR.push(b.rpm === undefined ? null : b.rpm - count - 1);
      if (b.tpm !== undefined && tokens > b.tpm) {
        reason = 'too_large';
      } else if (b.tpm !== undefined && w.tokens + tokens > b.tpm) {
        reason ??= 'tpm';
        wait = Math.max(wait, this.waitForTokens(w, w.tokens + tokens - b.tpm, now) ?? WINDOW_MS);
      }
      if (b.rpm !== undefined && count + 1 > b.rpm) {
        reason ??= 'rpm';
        wait = Math.max(wait, w.entries[w.head]!.t + WINDOW_MS - now);
      }
    }
    if (reason !== null) {
      const clamp = (v: number | null, add: number) => (v === null ? null : Math.max(0, v + add));
      return {
        ok: false, reason, retryAfterMs: reason === 'too_large' ? null : Math.max(1, wait),
        remainingTokens: minOrNull(remT.map((v) => clamp(v, tokens))), remainingRequests: minOrNull(remR.map((v) => clamp(v, 1))),
      };
    }
    const entry: Entry = { t: now, tokens };
    for (const b of buckets) {
      const w = this.windows.get(b.id)!;
      w.entries.push(entry);
      w.tokens += tokens;
    }
    if (buckets.length) this.held.set(id, { entry, buckets: buckets.map((b) => b.id) });
    return { ok: true, reservation: { id, tokens }, remainingTokens: minOrNull(remT), remainingRequests: minOrNull(remR) };
  }

  /** Set an admitted request's tokens to `tokens`; no effect once it has left the window. */
  settle(id: string, tokens: number, now: number): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    if (now - h.entry.t >= WINDOW_MS) return;
    const delta = tokens - h.entry.tokens;
    for (const b of h.buckets) {
      const w = this.windows.get(b);
      if (w) w.tokens += delta;
    }
    h.entry.tokens = tokens;
  }
}

/** The memory store: one replica's limits, exact within the process. */
export function memoryStore(clock: () => number = () => Date.now()): LimitStore {
  const limiter = new SlidingWindowLimiter();
  return {
    reserve: async (buckets, tokens, id) => limiter.reserve(buckets, tokens, id, clock()),
    reserveNow: (buckets, tokens, id) => limiter.reserve(buckets, tokens, id, clock()),
    settle: async (r, _buckets, tokens) => limiter.settle(r.id, tokens, clock()),
    settleNow: (r, _buckets, tokens) => limiter.settle(r.id, tokens, clock()),
    close: async () => {},
  };
}
