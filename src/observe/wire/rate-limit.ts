/** Rate-limit state as Azure OpenAI and OpenAI report it in response headers; null = not sent or unusable. */
export interface RateLimitInfo {
  /** From `retry-after-ms` (preferred, ms precision) or else `Retry-After` (seconds or an HTTP date). */
  retryAfterMs: number | null;
  remainingTokens: number | null;
  remainingRequests: number | null;
  limitTokens: number | null;
  limitRequests: number | null;
  /** OpenAI's `x-ratelimit-reset-*` (`1s`, `6m0s`, `20ms`), in ms. */
  resetTokensMs: number | null;
  resetRequestsMs: number | null;
}

type HeaderGetter = (name: string) => string | null | undefined;

/** A whole number >= 0 from a header; negative values (seen from Azure's Responses API as -1) are unknown. */
function count(v: string | null | undefined): number | null {
  if (v === null || v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** A header's number only when finite: 400 digits read as Infinity, which is no delay anyone announced. */
const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `6m0s`, `1.5s`, `20ms`, or a bare number of seconds, in ms; null when unreadable. */
export function parseDurationMs(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return finite(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched > 0 && matched === s.length && Number.isFinite(total) ? total : null;
}

/** `Retry-After` in ms: delay-seconds or an HTTP date (relative to `nowMs`). */
function retryAfter(v: string | null | undefined, nowMs: number): number | null {
  if (v === null || v === undefined) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return finite(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** Read the rate-limit headers of one response. `nowMs` (epoch ms) resolves an HTTP-date Retry-After. */
export function parseRateLimitHeaders(get: HeaderGetter, nowMs: number): RateLimitInfo {
  const ms = get('retry-after-ms');
  const retryMs = ms !== null && ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms) ? finite(Number(ms)) : retryAfter(get('retry-after'), nowMs);
  return {
    retryAfterMs: retryMs,
    remainingTokens: count(get('x-ratelimit-remaining-tokens')),
    remainingRequests: count(get('x-ratelimit-remaining-requests')),
    limitTokens: count(get('x-ratelimit-limit-tokens')),
    limitRequests: count(get('x-ratelimit-limit-requests')),
    resetTokensMs: parseDurationMs(get('x-ratelimit-reset-tokens')),
    resetRequestsMs: parseDurationMs(get('x-ratelimit-reset-requests')),
  };
}

/** True when any rate-limit header was present and readable. */
export function hasRateLimitInfo(r: RateLimitInfo): boolean {
  return Object.values(r).some((v) => v !== null);
}

/** What a server wants to announce; unset fields are not sent. */
export interface RateLimitState {
  limitTokens?: number;
  remainingTokens?: number;
  limitRequests?: number;
  remainingRequests?: number;
  resetTokensMs?: number;
  resetRequestsMs?: number;
  /** Only on a 429: sent as both `retry-after-ms` and `Retry-After` (whole seconds, rounded up). */
  retryAfterMs?: number;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.ceil(ms)}ms` : `${Math.ceil(ms / 100) / 10}s`;
}

/** Azure OpenAI-style rate-limit headers (lower-case names) for a server's response. */
export function rateLimitHeaders(s: RateLimitState): Record<string, string> {
  const h: Record<string, string> = {};
  const n = (v: number) => String(Math.max(0, Math.floor(v)));
  if (s.limitTokens !== undefined) h['x-ratelimit-limit-tokens'] = n(s.limitTokens);
  if (s.remainingTokens !== undefined) h['x-ratelimit-remaining-tokens'] = n(s.remainingTokens);
  if (s.limitRequests !== undefined) h['x-ratelimit-limit-requests'] = n(s.limitRequests);
  if (s.remainingRequests !== undefined) h['x-ratelimit-remaining-requests'] = n(s.remainingRequests);
  if (s.resetTokensMs !== undefined) h['x-ratelimit-reset-tokens'] = duration(s.resetTokensMs);
  if (s.resetRequestsMs !== undefined) h['x-ratelimit-reset-requests'] = duration(s.resetRequestsMs);
  if (s.retryAfterMs !== undefined) {
    const ms = Math.max(0, Math.ceil(s.retryAfterMs));
    h['retry-after-ms'] = String(ms);
    h['retry-after'] = String(Math.ceil(ms / 1000));
  }
  return h;
}
