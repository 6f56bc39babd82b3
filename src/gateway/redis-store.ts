import type { Redis } from 'ioredis';
import { InputError, RemoteError } from '../errors.js';
import { minOrNull, WINDOW_MS, type Bucket, type DenyReason, type LimitStore, type ReserveResult } from './limiter.js';

// The same sliding-window log as the memory store, kept in Redis so that every replica sees one limit.
// Per bucket: a sorted set (reservation id -> admission time, ms) and a hash (reservation id -> tokens,
// plus "#sum", the tokens inside the window). Check and reserve run as ONE script, so no replica can
// slip a request between another replica's check and its reservation. The clock is Redis's own TIME,
// so replicas with skewed clocks still share one window.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local id = ARGV[3]
local nb = #KEYS / 2
local reason = ''
local wait = 0
local out = {}
for b = 1, nb do
  local z, h = KEYS[2 * b - 1], KEYS[2 * b]
  local tpm, rpm = tonumber(ARGV[2 + 2 * b]), tonumber(ARGV[3 + 2 * b])
  local old = redis.call('ZRANGEBYSCORE', z, '-inf', now - window)
  if #old > 0 then
    local freed = 0
    for i = 1, #old do
      freed = freed + tonumber(redis.call('HGET', h, old[i]) or '0')
      redis.call('HDEL', h, old[i])
    end
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now - window)
    redis.call('HINCRBY', h, '#sum', -freed)
  end
  local sum = tonumber(redis.call('HGET', h, '#sum') or '0')
  local n = redis.call('ZCARD', z)
  out[#out + 1] = tostring(tpm >= 0 and (tpm - sum - cost) or 'x')
  out[#out + 1] = tostring(rpm >= 0 and (rpm - n - 1) or 'x')
  if tpm >= 0 and cost > tpm then
    reason = 'too_large'
  elseif tpm >= 0 and sum + cost > tpm then
    if reason == '' then reason = 'tpm' end
    local need, freed, w = sum + cost - tpm, 0, window
    local entries = redis.call('ZRANGE', z, 0, -1, 'WITHSCORES')
    for i = 1, #entries, 2 do
      freed = freed + tonumber(redis.call('HGET', h, entries[i]) or '0')
      if freed >= need then
        w = tonumber(entries[i + 1]) + window - now
        break
      end
    end
    if w > wait then wait = w end
  end
  if rpm >= 0 and n + 1 > rpm then
    if reason == '' then reason = 'rpm' end
    local first = redis.call('ZRANGE', z, 0, 0, 'WITHSCORES')
    local w = tonumber(first[2]) + window - now
    if w > wait then wait = w end
  end
end
if reason == '' then
  for b = 1, nb do
    local z, h = KEYS[2 * b - 1], KEYS[2 * b]
    redis.call('ZADD', z, now, id)
    redis.call('HSET', h, id, cost)
    redis.call('HINCRBY', h, '#sum', cost)
    redis.call('PEXPIRE', z, window + 1000)
    redis.call('PEXPIRE', h, window + 1000)
  end
end
return { reason, tostring(wait), unpack(out) }
`;

const SETTLE = `
local id, tokens = ARGV[1], tonumber(ARGV[2])
for b = 1, #KEYS / 2 do
  local h = KEYS[2 * b]
  local old = redis.call('HGET', h, id)
  if old then
    redis.call('HSET', h, id, tokens)
    redis.call('HINCRBY', h, '#sum', tokens - tonumber(old))
  end
end
return 1
`;

type Scripted = Redis & {
  gwReserve(numKeys: number, ...args: (string | number)[]): Promise<string[]>;
  gwSettle(numKeys: number, ...args: (string | number)[]): Promise<number>;
};

function keysOf(prefix: string, buckets: readonly Bucket[]): string[] {
  return buckets.flatMap((b) => [`${prefix}${b.id}:z`, `${prefix}${b.id}:h`]);
}

function parseReply(reply: string[], tokens: number, id: string): ReserveResult {
  const [reason, wait, ...rest] = reply;
  const num = (s: string | undefined) => (s === undefined || s === 'x' ? null : Number(s));
  const remT: (number | null)[] = [];
  const remR: (number | null)[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    remT.push(num(rest[i]));
    remR.push(num(rest[i + 1]));
  }
  if (!reason) return { ok: true, reservation: { id, tokens }, remainingTokens: minOrNull(remT), remainingRequests: minOrNull(remR) };
  const clamp = (v: number | null, add: number) => (v === null ? null : Math.max(0, v + add));
  return {
    ok: false, reason: reason as DenyReason, retryAfterMs: reason === 'too_large' ? null : Math.max(1, Number(wait)),
    remainingTokens: minOrNull(remT.map((v) => clamp(v, tokens))), remainingRequests: minOrNull(remR.map((v) => clamp(v, 1))),
  };
}

/** The Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href.replace(/\/$/, '');
  } catch {
    return 'the configured Redis URL';
  }
}

function redisFailure(url: string, cause: unknown): RemoteError {
  return new RemoteError('Redis (limits store)', undefined, `${(cause as Error).message ?? String(cause)} at ${redactUrl(url)}`, {
    cause, suggestion: 'check that redis-server is running and that limits.url is right',
  });
}

/** Connect to Redis and prove it answers; an unreachable Redis at start is bad config (exit 2, field named). */
export async function redisStore(url: string, prefix: string, connectTimeoutMs = 3000): Promise<LimitStore> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true, connectTimeout: connectTimeoutMs, maxRetriesPerRequest: 1, enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  }) as Scripted;
  let lastError: Error | null = null;
  client.on('error', (e: Error) => (lastError = e));
  try {
    await client.connect();
    await client.ping();
  } catch (cause) {
    client.disconnect();
    const reason = (lastError as (Error & { code?: string }) | null)?.code ?? (cause as Error).message;
    throw new InputError(`limits.url: cannot reach Redis at ${redactUrl(url)} (${reason}); expected a running redis-server`, {
      cause, suggestion: 'start redis-server, or use limits: { store: memory } for a single replica',
    });
  }
  client.defineCommand('gwReserve', { lua: RESERVE });
  client.defineCommand('gwSettle', { lua: SETTLE });
  return {
    async reserve(buckets, tokens, id) {
      const args = buckets.flatMap((b) => [b.tpm ?? -1, b.rpm ?? -1]);
      try {
        return parseReply(await client.gwReserve(buckets.length * 2, ...keysOf(prefix, buckets), WINDOW_MS, tokens, id, ...args), tokens, id);
      } catch (cause) {
        throw redisFailure(url, cause);
      }
    },
    async settle(reservation, buckets, tokens) {
      try {
        await client.gwSettle(buckets.length * 2, ...keysOf(prefix, buckets), reservation.id, tokens);
      } catch (cause) {
        throw redisFailure(url, cause);
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
