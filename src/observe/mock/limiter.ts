/** The outcome of asking the limiter to admit a request. */
export type Admission =
  | { ok: true; remainingTokens: number | null; remainingRequests: number | null }
  | { ok: false; limit: 'tokens' | 'requests'; retryAfterMs: number; remainingTokens: number | null; remainingRequests: number | null };

interface Bucket {
  capacity: number;
  perMs: number;
  level: number;
  at: number;
}

function bucket(capacity: number, perMinute: number, now: number): Bucket {
  return { capacity, perMs: perMinute / 60_000, level: capacity, at: now };
}

function refill(b: Bucket, now: number): void {
  b.level = Math.min(b.capacity, b.level + Math.max(0, now - b.at) * b.perMs);
  b.at = Math.max(b.at, now);
}

/**
 * Azure OpenAI-style admission: a TPM bucket charged the request's *estimate* (prompt tokens +
 * max_tokens, as Azure does at admission, not the billed tokens) and an RPM bucket enforced over
 * 10-second windows (capacity RPM/6, as Azure does), both refilled continuously. Pure: time is passed in.
 */
export class RateLimiter {
  private readonly tokens: Bucket | null;
  private readonly requests: Bucket | null;

  constructor(tpm: number | null, rpm: number | null, now: number) {
    this.tokens = tpm === null ? null : bucket(tpm, tpm, now);
    this.requests = rpm === null ? null : bucket(Math.max(1, rpm / 6), rpm, now);
  }

  admit(estimatedTokens: number, now: number): Admission {
    const t = this.tokens;
    const r = this.requests;
    if (t) refill(t, now);
    if (r) refill(r, now);
    const remaining = () => ({ remainingTokens: t ? Math.floor(t.level) : null, remainingRequests: r ? Math.floor(r.level) : null });
    if (r && r.level < 1) return { ok: false, limit: 'requests', retryAfterMs: (1 - r.level) / r.perMs, ...remaining() };
    if (t && t.level < estimatedTokens) {
      // A request larger than the whole bucket never passes: it is told to wait until the bucket is full.
      const need = Math.min(estimatedTokens, t.capacity) - t.level;
      return { ok: false, limit: 'tokens', retryAfterMs: Math.max(need, 1) / t.perMs, ...remaining() };
    }
    if (t) t.level -= estimatedTokens;
    if (r) r.level -= 1;
    return { ok: true, ...remaining() };
  }

  /** Limits as configured, for the x-ratelimit-limit-* headers. */
  limits(): { tokens: number | null; requests: number | null } {
    return { tokens: this.tokens ? this.tokens.perMs * 60_000 : null, requests: this.requests ? this.requests.perMs * 60_000 : null };
  }
}
