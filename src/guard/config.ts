import { z } from 'zod';
import { SEVERITIES, type Severity } from '../model/finding.js';

const SeveritySchema = z.enum(SEVERITIES);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'expected a real calendar date as YYYY-MM-DD');
const tagSelector = z.object({ key: z.string().min(1), values: z.array(z.string().min(1)).min(1) }).strict();

/** A waiver: the rule is skipped (and reported as skipped) for the resources it names until it expires. */
export const WaiverSchema = z.object({
  rule: z.string().min(1),
  /** A resource id, or a glob over ids with `*` (case-insensitive). */
  resource: z.string().min(1),
  expires: isoDate,
  reason: z.string().trim().min(1, 'a waiver needs a reason'),
}).strict();

/** `gpuops.yaml`, as written by people: every field optional. */
export const GuardConfigFileSchema = z.object({
  requiredTags: z.array(z.string().trim().min(1)).optional(),
  expiryTag: z.string().trim().min(1).optional(),
  idle: z.object({
    thresholdPercent: z.number().finite().min(0).max(100).optional(),
    minHours: z.number().finite().positive().max(24 * 366).optional(),
  }).strict().optional(),
  budget: z.object({ earlyAlertPercent: z.number().finite().positive().max(1000).optional() }).strict().optional(),
  allowedSizes: z.array(z.string().trim().min(1)).nullable().optional(),
  trainingTag: tagSelector.optional(),
  checkpointTag: tagSelector.optional(),
  severity: z.record(z.string(), SeveritySchema).optional(),
  disabled: z.array(z.string()).optional(),
  waivers: z.array(WaiverSchema).optional(),
}).strict();

export type Waiver = z.infer<typeof WaiverSchema>;
export type GuardConfigFile = z.infer<typeof GuardConfigFileSchema>;

/** The audit's settings with every default filled in. */
export interface GuardConfig {
  /** Tags every GPU host must carry (names compared case-insensitively, as Azure does). */
  requiredTags: string[];
  /** The tag holding the expiry date (YYYY-MM-DD or an ISO date-time). */
  expiryTag: string;
  /** GPU007: idle when mean utilisation is under `thresholdPercent` over at least `minHours` of samples. */
  idle: { thresholdPercent: number; minHours: number };
  /** GPU006: a budget needs an enabled notification at or below this percent (actual), or a forecast one. */
  budget: { earlyAlertPercent: number };
  /** GPU011: sizes allowed for GPU hosts; null means no list, and the rule does not apply. */
  allowedSizes: string[] | null;
  /** GPU012: the tag marking long-running training compute. */
  trainingTag: { key: string; values: string[] };
  /** STG001/STG002: the tag marking checkpoint storage. */
  checkpointTag: { key: string; values: string[] };
  /** Severity overrides by rule id. */
  severity: Record<string, Severity>;
  /** Rule ids not run at all (said in the notes). */
  disabled: string[];
  waivers: Waiver[];
}

/** Defaults: the governance tags, 5% over 24 h, an 80% early alert, no size list. */
export const DEFAULT_CONFIG: GuardConfig = Object.freeze({
  requiredTags: ['owner', 'cost-center', 'expires'],
  expiryTag: 'expires',
  idle: { thresholdPercent: 5, minHours: 24 },
  budget: { earlyAlertPercent: 80 },
  allowedSizes: null,
  trainingTag: { key: 'workload', values: ['training'] },
  checkpointTag: { key: 'purpose', values: ['checkpoints'] },
  severity: {},
  disabled: [],
  waivers: [],
}) as GuardConfig;

/** The file's settings over the defaults (rule ids are checked by `checkRuleIds`). */
export function withDefaults(file: GuardConfigFile = {}): GuardConfig {
  const d = DEFAULT_CONFIG;
  return {
    requiredTags: file.requiredTags ?? d.requiredTags,
    expiryTag: file.expiryTag ?? d.expiryTag,
    idle: { ...d.idle, ...file.idle },
    budget: { ...d.budget, ...file.budget },
    allowedSizes: file.allowedSizes === undefined ? d.allowedSizes : file.allowedSizes,
    trainingTag: file.trainingTag ?? d.trainingTag,
    checkpointTag: file.checkpointTag ?? d.checkpointTag,
    severity: file.severity ?? {},
    disabled: file.disabled ?? [],
    waivers: file.waivers ?? [],
  };
}

/** Rule ids the config names that no rule has: `[where, id]` pairs, empty when all are known. */
export function unknownRuleIds(config: GuardConfig, known: ReadonlySet<string>): [string, string][] {
  const named: [string, string][] = [
    ...Object.keys(config.severity).map((id): [string, string] => ['severity', id]),
    ...config.disabled.map((id): [string, string] => ['disabled', id]),
    ...config.waivers.map((w, i): [string, string] => [`waivers[${i}].rule`, w.rule]),
  ];
  return named.filter(([, id]) => !known.has(id));
}
