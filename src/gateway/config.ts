import { z } from 'zod';
import { InputError } from '../errors.js';
import { baseUrlProblem, DEFAULT_AZURE_API_VERSION } from '../observe/wire/index.js';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
const posInt = z.number().int('expected a whole number').positive('expected a number above 0').max(Number.MAX_SAFE_INTEGER);
const ms = z.number().int('expected whole milliseconds').min(1, 'expected at least 1 ms').max(86_400_000, 'expected at most 86400000 ms (a day)');

const HASH = /^sha256:[0-9a-f]{64}$/;

const UpstreamSchema = z.strictObject({
  name,
  url: z.string().superRefine((u, ctx) => {
    const problem = baseUrlProblem(u);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; expected the API base, e.g. http://127.0.0.1:8000/v1 or https://NAME.openai.azure.com` });
  }),
  api: z.enum(['openai', 'azure']),
  deployment: z.string().min(1).optional(),
  apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'expected YYYY-MM-DD or YYYY-MM-DD-preview').optional(),
  keyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
});

const LimitSchema = { tpm: posInt.optional(), rpm: posInt.optional() };

const KeySchema = z.strictObject({
  name,
  hash: z.string().regex(HASH, 'expected "sha256:" and 64 lower-case hex digits (run `gpuops gateway hash-key`)'),
  ...LimitSchema,
  team: name.optional(),
  models: z.record(z.string().min(1), z.strictObject(LimitSchema)).optional(),
});

const LimitsSchema = z.discriminatedUnion('store', [
  z.strictObject({ store: z.literal('memory'), defaultMaxTokens: posInt.optional() }),
  z.strictObject({
    store: z.literal('redis'),
    url: z.string().regex(/^rediss?:\/\/[^\s]+$/, 'expected redis://HOST:PORT or rediss://HOST:PORT'),
    prefix: z.string().min(1).max(64).optional(),
    defaultMaxTokens: posInt.optional(),
  }),
]);

const ConfigSchema = z.strictObject({
  listen: z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected HOST:PORT, e.g. 127.0.0.1:8080'),
  upstreams: z.array(UpstreamSchema).min(1, 'expected at least one upstream'),
  keys: z.array(KeySchema).min(1, 'expected at least one key'),
  teams: z.array(z.strictObject({ name, ...LimitSchema })).optional(),
  limits: LimitsSchema.optional(),
  failoverOn: z.array(z.number().int().min(400).max(599)).optional(),
  accessLog: z.string().min(1).optional(),
  maxBodyBytes: posInt.max(1 << 30, 'expected at most 1073741824 (1 GiB)').optional(),
  maxHeaderBytes: posInt.min(1024, 'expected at least 1024').max(1 << 20, 'expected at most 1048576').optional(),
  timeouts: z.strictObject({ request: ms.optional(), upstreamHeaders: ms.optional(), upstreamIdle: ms.optional(), drain: ms.optional(), keepAlive: ms.optional() }).optional(),
  healthCheck: z.strictObject({ intervalMs: ms.optional(), path: z.string().startsWith('/').optional() }).optional(),
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
});

export type RawGatewayConfig = z.infer<typeof ConfigSchema>;

export interface UpstreamConfig {
  name: string;
  url: string;
  api: 'openai' | 'azure';
  deployment?: string;
  apiVersion: string;
  keyEnv?: string;
}

export interface KeyConfig {
  name: string;
  /** 32 bytes of SHA-256. */
  hash: Buffer;
  tpm?: number;
  rpm?: number;
  team?: string;
  models: Record<string, { tpm?: number; rpm?: number }>;
}

/** A validated gateway configuration with every default filled in. */
export interface GatewayConfig {
  host: string;
  port: number;
  upstreams: UpstreamConfig[];
  keys: KeyConfig[];
  teams: Record<string, { tpm?: number; rpm?: number }>;
  limits: { store: 'memory'; defaultMaxTokens: number } | { store: 'redis'; url: string; prefix: string; defaultMaxTokens: number };
  failoverOn: number[];
  accessLog?: string;
  maxBodyBytes: number;
  maxHeaderBytes: number;
  timeouts: { request: number; upstreamHeaders: number; upstreamIdle: number; drain: number; keepAlive: number };
  healthCheck: { intervalMs: number; path?: string };
  tls?: { cert: string; key: string };
}

/** Defaults, documented in the README. */
export const CONFIG_DEFAULTS = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  defaultMaxTokens: 1024,
  failoverOn: [429, 500, 502, 503, 504],
  timeouts: { request: 30_000, upstreamHeaders: 60_000, upstreamIdle: 60_000, drain: 30_000, keepAlive: 5_000 },
  healthIntervalMs: 10_000,
} as const;

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${fieldPath(issue.path)}.` : '';
    return `unknown field ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${fieldPath(issue.path)}: missing; expected ${/^[aeiou]/.test(String(issue.expected)) ? 'an' : 'a'} ${issue.expected}`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'store') return `${fieldPath(issue.path)}: expected "memory" or "redis"`;
  return `${fieldPath(issue.path)}: ${issue.message}`;
}

function fail(source: string, problem: string): never {
  throw new InputError(`Gateway config "${source}": ${problem}`, {
    suggestion: 'see the README section "gateway" for the config format',
  });
}

function checkUnique(source: string, list: { name: string }[], field: string): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.name)) fail(source, `${field}[${i}].name: duplicate name "${item.name}"; names must be unique`);
    seen.add(item.name);
  });
}

function checkCrossFields(source: string, raw: RawGatewayConfig): void {
  checkUnique(source, raw.upstreams, 'upstreams');
  checkUnique(source, raw.keys, 'keys');
  checkUnique(source, raw.teams ?? [], 'teams');
  const hashes = new Map<string, string>();
  raw.keys.forEach((k, i) => {
    const other = hashes.get(k.hash);
    if (other) fail(source, `keys[${i}].hash: the same hash as key "${other}"; each key needs its own secret`);
    hashes.set(k.hash, k.name);
    if (k.team && !(raw.teams ?? []).some((t) => t.name === k.team)) {
      fail(source, `keys[${i}].team: team "${k.team}" is not in "teams"; expected one of: ${(raw.teams ?? []).map((t) => t.name).join(', ') || '(none defined)'}`);
    }
  });
  raw.upstreams.forEach((u, i) => {
    if (u.api === 'azure' && !u.deployment && !/\/openai\/v1\/?$/.test(new URL(u.url).pathname)) {
      fail(source, `upstreams[${i}].deployment: required for api "azure" (the deployment name in /openai/deployments/NAME), unless url ends in /openai/v1`);
    }
  });
  const port = Number(raw.listen.slice(raw.listen.lastIndexOf(':') + 1));
  if (port > 65535) fail(source, `listen: port ${port} is above 65535`);
}

/** Validate a parsed config document; `source` names it in errors. Throws InputError naming the field. */
export function parseGatewayConfig(doc: unknown, source: string): GatewayConfig {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail(source, 'expected a mapping with listen, upstreams and keys at the top level');
  const parsed = ConfigSchema.safeParse(doc);
  if (!parsed.success) fail(source, parsed.error.issues.slice(0, 5).map(issueText).join('; '));
  const raw = parsed.data;
  checkCrossFields(source, raw);
  const sep = raw.listen.lastIndexOf(':');
  const limits = raw.limits ?? { store: 'memory' as const };
  const defaultMaxTokens = limits.defaultMaxTokens ?? CONFIG_DEFAULTS.defaultMaxTokens;
  return {
    host: raw.listen.slice(0, sep).replace(/^\[|\]$/g, ''),
    port: Number(raw.listen.slice(sep + 1)),
    upstreams: raw.upstreams.map((u) => ({ ...u, url: u.url.replace(/\/+$/, ''), apiVersion: u.apiVersion ?? DEFAULT_AZURE_API_VERSION })),
    keys: raw.keys.map((k) => ({ ...k, hash: Buffer.from(k.hash.slice('sha256:'.length), 'hex'), models: k.models ?? {} })),
    teams: Object.fromEntries((raw.teams ?? []).map((t) => [t.name, { tpm: t.tpm, rpm: t.rpm }])),
    limits: limits.store === 'redis'
      ? { store: 'redis', url: limits.url, prefix: limits.prefix ?? 'gpuops:gw:', defaultMaxTokens }
      : { store: 'memory', defaultMaxTokens },
    failoverOn: raw.failoverOn ?? [...CONFIG_DEFAULTS.failoverOn],
    accessLog: raw.accessLog,
    maxBodyBytes: raw.maxBodyBytes ?? CONFIG_DEFAULTS.maxBodyBytes,
    maxHeaderBytes: raw.maxHeaderBytes ?? CONFIG_DEFAULTS.maxHeaderBytes,
    timeouts: { ...CONFIG_DEFAULTS.timeouts, ...raw.timeouts },
    healthCheck: { intervalMs: raw.healthCheck?.intervalMs ?? CONFIG_DEFAULTS.healthIntervalMs, path: raw.healthCheck?.path },
    tls: raw.tls,
  };
}
