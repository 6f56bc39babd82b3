import { InputError, nearest } from '../errors.js';
import { windowsZone, windowsZones } from './timezones.js';

export const BLUEPRINTS = ['training', 'inference', 'aks'] as const;
export type Blueprint = (typeof BLUEPRINTS)[number];
export const IAC_FORMATS = ['terraform', 'bicep'] as const;
export type IacFormat = (typeof IAC_FORMATS)[number];

/** Each guardrail that can be turned off, the flag that does it, and the guard rule that then reports it. */
export const OVERRIDES = {
  'allow-no-tags': { flag: '--allow-no-tags', guardrail: 'required tags (owner, cost-center, expires, workload)', rule: 'GPU001' },
  'allow-no-shutdown': { flag: '--allow-no-shutdown', guardrail: 'nightly auto-shutdown of every GPU VM (scale to 0 for scale sets and node pools)', rule: 'GPU003' },
  'allow-no-budget': { flag: '--allow-no-budget', guardrail: 'a monthly budget on the resource group with alerts at 50/80/100% actual and 100% forecast', rule: 'GPU005' },
  'allow-no-lock': { flag: '--allow-no-lock', guardrail: 'a CanNotDelete lock on the resource group of training compute', rule: 'GPU012' },
  'allow-public-network': { flag: '--allow-public-network', guardrail: 'public network access disabled on the inference account, reached through a private endpoint', rule: 'AI001' },
  'allow-key-auth': { flag: '--allow-key-auth', guardrail: 'key (local) auth disabled on the inference account in favour of Entra ID', rule: 'AI003' },
} as const;
export type Override = keyof typeof OVERRIDES;

/** The request after validation: everything the generators need, nothing read from the clock. */
export interface ProvisionRequest {
  blueprint: Blueprint;
  format: IacFormat;
  /** Short name used in every resource name (lower-case letters, digits, hyphens). */
  name: string;
  region: string;
  /** Canonical GPU size name; null for an inference stack with no GPU VM. */
  sku: string | null;
  count: number;
  scaleSet: boolean;
  spot: boolean;
  owner: string;
  costCenter: string;
  /** YYYY-MM-DD. */
  expires: string;
  /** Monthly budget in USD; null with --allow-no-budget. */
  budget: number | null;
  /** Who gets shutdown and budget notifications. */
  notify: string;
  /** "1900" as Azure schedules want it. */
  shutdown: string;
  /** Windows time zone id. */
  timezone: string;
  /** Delete lock on the resource group. */
  lock: boolean;
  /** Checkpoints are deleted after this many days (training). */
  checkpointDays: number;
  /** Days to cool and archive tiers, when a plan file gave them; else derived from checkpointDays. */
  checkpointTiers?: { cool: number; archive: number };
  /** Hours of one run, for the per-run cost; null when not given. */
  hours: number | null;
  adminUsername: string;
  overrides: Override[];
  /** ISO date the budget period starts from (first of this month). */
  today: string;
}

const NAME = /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `--name`: it becomes part of every resource name, so Azure's strictest rules apply (storage, DNS labels). */
export function checkName(value: string): string {
  if (!NAME.test(value) || value.includes('--')) {
    throw new InputError(`--name "${value}" is not valid: expected 3-24 lower-case letters, digits or single hyphens, starting with a letter and not ending with a hyphen (e.g. ft-llama)`);
  }
  return value;
}

/** `--shutdown 19:00` (or 1900) -> "1900". */
export function checkShutdown(value: string): string {
  const m = /^([01]\d|2[0-3]):?([0-5]\d)$/.exec(value.trim());
  if (!m) throw new InputError(`--shutdown "${value}" is not a valid time: expected HH:MM on a 24-hour clock, e.g. 19:00`);
  return `${m[1]}${m[2]}`;
}

/** `--timezone`: a Windows time zone id, as Azure schedules take, or the IANA name of one. */
export function checkTimezone(value: string): string {
  const zone = windowsZone(value);
  if (!zone) {
    throw new InputError(`--timezone "${value}" is not a time zone Azure auto-shutdown accepts`, {
      suggestion: `expected a Windows time zone id such as "W. Europe Standard Time" or an IANA name such as Europe/Berlin; did you mean ${nearest(value, windowsZones(), 3).map((z) => `"${z}"`).join(', ')}?`,
    });
  }
  return zone;
}

/** A real calendar date YYYY-MM-DD. */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `--expires`: a date after today. */
export function checkExpires(value: string, today: string): string {
  if (!isDate(value)) throw new InputError(`--expires "${value}" is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-31`);
  if (value <= today) throw new InputError(`--expires ${value} is not after today (${today}): the expiry tag says when the GPUs may be deleted, so it must lie ahead`);
  return value;
}

/** `--budget`: USD per month, at least one cent. */
export function checkBudget(value: string): number {
  const n = Number(value);
  // Checked after rounding to cents: 0.004 would otherwise become a budget of 0.
  const cents = Math.round(n * 100) / 100;
  if (value.trim() === '' || !Number.isFinite(n) || cents <= 0 || n > 10_000_000) {
    throw new InputError(`--budget "${value}" is not valid: expected a monthly amount in USD above 0 (at least 0.01, at most 10,000,000), e.g. 5000`);
  }
  return cents;
}

/** A notification address. */
export function checkEmail(flag: string, value: string): string {
  if (!EMAIL.test(value.trim())) throw new InputError(`${flag} "${value}" is not an e-mail address: shutdown and budget alerts are sent to it`);
  return value.trim();
}

/** A tag value Azure accepts: 1-256 characters, none of < > % & \ ? / */
export function checkTagValue(flag: string, value: string): string {
  const v = value.trim();
  if (v.length === 0 || v.length > 256 || /[<>%&\\?/]/.test(v)) {
    throw new InputError(`${flag} "${value}" is not a valid tag value: expected 1-256 characters without < > % & \\ ? /`);
  }
  return v;
}

/** First day of the month of `today`, as the budget's start date. */
export function budgetStart(today: string): string {
  return `${today.slice(0, 7)}-01T00:00:00Z`;
}
