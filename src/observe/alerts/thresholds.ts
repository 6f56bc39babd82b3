import { InputError, nearest } from '../../errors.js';
import { formatDuration, parseDuration } from './duration.js';

/** Every threshold the generated alerts use; flags and `gpuops.yaml` (section `alerts:`) set them. */
export interface Thresholds {
  /** Tokens per minute the deployment may serve (its quota or rate limit); null leaves the TPM alert out. */
  tpmLimit: number | null;
  /** Share of tpmLimit at which InferenceTpmNearLimit fires. */
  tpmShare: number;
  ttftSloMs: number;
  idleForMs: number;
  idleUtilPercent: number;
  memoryUsedRatio: number;
  temperatureC: number;
  rateLimitedShare: number;
  /** How long the other conditions must hold before they fire. */
  pendingForMs: number;
  /** The Prometheus job that scrapes `gpuops exporter` (or dcgm-exporter). */
  exporterJob: string;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  tpmLimit: null, tpmShare: 0.8, ttftSloMs: 500, idleForMs: 30 * 60_000, idleUtilPercent: 5, memoryUsedRatio: 0.95,
  temperatureC: 85, rateLimitedShare: 0.05, pendingForMs: 5 * 60_000, exporterJob: 'gpuops-exporter',
};

/** Raw threshold values as text or numbers, from flags or the config file. */
export type RawThresholds = Partial<Record<keyof Thresholds, unknown>>;

const HOUR = 3_600_000;

function number(key: string, v: unknown, range: { min: number; max: number; integer?: boolean }): number {
  // Plain decimals only: Number() would also take 0x10, 1e3 and Infinity.
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  const ok = Number.isFinite(n) && n >= range.min && n <= range.max && (!range.integer || Number.isInteger(n));
  if (!ok) {
    throw new InputError(`${key} "${String(v)}" is not valid: expected ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`);
  }
  return n;
}

function duration(key: string, v: unknown, range: { min: number; max: number }): number {
  if (typeof v !== 'string') throw new InputError(`${key} "${String(v)}" is not a duration: expected text such as 500ms, 30s, 5m`);
  return parseDuration(key, v, range);
}

/** Validate raw values over `base`; every bad value names its origin (`--ttft-slo`, `gpuops.yaml alerts.ttftSlo`). */
export function resolveThresholds(base: Thresholds, raw: RawThresholds, name: (key: string) => string): Thresholds {
  const t = { ...base };
  const has = (k: keyof Thresholds) => raw[k] !== undefined && raw[k] !== null;
  if (has('tpmLimit')) t.tpmLimit = number(name('tpmLimit'), raw.tpmLimit, { min: 1, max: 1e12, integer: true });
  if (has('tpmShare')) t.tpmShare = number(name('tpmShare'), raw.tpmShare, { min: 0.01, max: 1 });
  if (has('ttftSloMs')) t.ttftSloMs = duration(name('ttftSloMs'), raw.ttftSloMs, { min: 1, max: 10 * 60_000 });
  if (has('idleForMs')) t.idleForMs = duration(name('idleForMs'), raw.idleForMs, { min: 0, max: HOUR });
  if (has('pendingForMs')) t.pendingForMs = duration(name('pendingForMs'), raw.pendingForMs, { min: 0, max: HOUR });
  if (has('idleUtilPercent')) t.idleUtilPercent = number(name('idleUtilPercent'), raw.idleUtilPercent, { min: 0.1, max: 100 });
  if (has('memoryUsedRatio')) t.memoryUsedRatio = number(name('memoryUsedRatio'), raw.memoryUsedRatio, { min: 0.01, max: 1 });
  if (has('temperatureC')) t.temperatureC = number(name('temperatureC'), raw.temperatureC, { min: 30, max: 120 });
  if (has('rateLimitedShare')) t.rateLimitedShare = number(name('rateLimitedShare'), raw.rateLimitedShare, { min: 0.0001, max: 1 });
  if (has('exporterJob')) {
    const j = raw.exporterJob;
    if (typeof j !== 'string' || !/^[A-Za-z0-9_.:-]{1,100}$/.test(j)) {
      throw new InputError(`${name('exporterJob')} "${String(j)}" is not valid: expected a Prometheus job name (letters, digits, _ . : -)`);
    }
    t.exporterJob = j;
  }
  return t;
}

/** Keys of the `alerts:` section of gpuops.yaml, as people write them (durations as text). */
export const CONFIG_KEYS: Record<string, keyof Thresholds> = {
  tpmLimit: 'tpmLimit', tpmShare: 'tpmShare', ttftSlo: 'ttftSloMs', idleFor: 'idleForMs', idleUtilPercent: 'idleUtilPercent',
  memoryUsedRatio: 'memoryUsedRatio', temperatureC: 'temperatureC', rateLimitedShare: 'rateLimitedShare', for: 'pendingForMs',
  exporterJob: 'exporterJob',
};

/** The `alerts:` section of a parsed gpuops.yaml as raw thresholds; unknown keys are an error (a typo must not pass). */
export function configThresholds(doc: unknown, file: string): RawThresholds {
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${file}: expected a YAML mapping at the top level`);
  const section = (doc as Record<string, unknown>).alerts;
  if (section === undefined || section === null) return {};
  if (typeof section !== 'object' || Array.isArray(section)) throw new InputError(`${file}: "alerts" must be a mapping of thresholds`);
  const raw: RawThresholds = {};
  for (const [k, v] of Object.entries(section)) {
    const key = CONFIG_KEYS[k];
    if (!key) {
      throw new InputError(`${file}: alerts.${k} is not a known setting; expected one of: ${Object.keys(CONFIG_KEYS).join(', ')}`, {
        suggestion: `did you mean ${nearest(k, Object.keys(CONFIG_KEYS), 1)[0]}?`,
      });
    }
    // `ttftSlo:` with nothing after it reads as null: refuse it rather than fall back to the default unseen.
    if (v === null) throw new InputError(`${file}: alerts.${k} is empty: expected a value, or leave the key out to use the default`);
    raw[key] = v;
  }
  return raw;
}

/** Thresholds as people read them (durations as text), for output and README. */
export function describeThresholds(t: Thresholds): Record<string, string | number | null> {
  return {
    tpmLimit: t.tpmLimit, tpmShare: t.tpmShare, ttftSlo: formatDuration(t.ttftSloMs), idleFor: formatDuration(t.idleForMs),
    idleUtilPercent: t.idleUtilPercent, memoryUsedRatio: t.memoryUsedRatio, temperatureC: t.temperatureC,
    rateLimitedShare: t.rateLimitedShare, for: formatDuration(t.pendingForMs), exporterJob: t.exporterJob,
  };
}
