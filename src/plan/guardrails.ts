import { InputError } from '../errors.js';
import type { Guardrails, PlanCandidate, WorkloadRequest } from '../model/workload-plan.js';
import { HOURS_PER_MONTH } from './cost.js';

/** Choices a team makes once; every default is stated in the plan. */
export interface GuardrailOptions {
  owner: string | null;
  costCenter: string | null;
  /** HH:MM, 24-hour. */
  shutdownTime: string;
  /** IANA zone or Windows zone name as Azure auto-shutdown takes it; "UTC" by default. */
  timezone: string;
  checkpointContainer: string;
  coolAfterDays: number;
  archiveAfterDays: number;
  deleteAfterDays: number;
}

export const GUARDRAIL_DEFAULTS: GuardrailOptions = {
  owner: null, costCenter: null, shutdownTime: '19:00', timezone: 'UTC', checkpointContainer: 'checkpoints',
  coolAfterDays: 7, archiveAfterDays: 30, deleteAfterDays: 90,
};

/** Days a plan without --hours is expected to last, for the `expires` tag. */
const DEFAULT_RUN_DAYS = 7;

/** Check the guardrail choices; InputError naming the flag. */
export function checkGuardrailOptions(g: GuardrailOptions): void {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(g.shutdownTime)) {
    throw new InputError(`--shutdown-time "${g.shutdownTime}" is not valid: expected HH:MM on a 24-hour clock, e.g. 19:00`);
  }
  if (g.timezone.trim() === '' || g.timezone.length > 64) {
    throw new InputError(`--timezone "${g.timezone}" is not valid: expected a time zone name such as UTC or "W. Europe Standard Time"`);
  }
  if (!(g.coolAfterDays < g.archiveAfterDays && g.archiveAfterDays < g.deleteAfterDays)) {
    throw new InputError(`checkpoint lifecycle days must grow: cool ${g.coolAfterDays} < archive ${g.archiveAfterDays} < delete ${g.deleteAfterDays}`);
  }
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(g.checkpointContainer)) {
    throw new InputError(`--checkpoint-container "${g.checkpointContainer}" is not a valid Blob container name: 3-63 lower-case letters, digits and single hyphens`);
  }
}

/** The date the resources may be deleted: the deadline (or now) plus the run, plus a day of margin. */
function expires(r: WorkloadRequest, now: string): string {
  const start = Date.parse(r.deadline ?? now);
  const hours = r.hours ?? DEFAULT_RUN_DAYS * 24;
  return new Date(start + (hours + 24) * 3600_000).toISOString().slice(0, 10);
}

/** Tags, auto-shutdown, a budget sized from the recommended candidate's cost, and checkpoint lifecycle rules. */
export function guardrails(r: WorkloadRequest, best: PlanCandidate | null, now: string, g: GuardrailOptions): Guardrails {
  const planned = best?.totalCost ?? null;
  const monthly = best?.pricePerHour === null || best?.pricePerHour === undefined ? null : best.pricePerHour * HOURS_PER_MONTH;
  const amount = planned ?? monthly;
  const basis = planned !== null
    ? `planned spend: ${best!.count} x ${best!.sku} for ${r.hours} h, rounded up`
    : monthly !== null
      ? `no --hours given: one month (${HOURS_PER_MONTH} h) of ${best!.count} x ${best!.sku}, rounded up`
      : 'no price known for the recommended size: set the amount by hand';
  return {
    tags: { owner: g.owner, 'cost-center': g.costCenter, expires: expires(r, now), workload: r.purpose ?? 'gpu-workload' },
    shutdown: {
      time: g.shutdownTime, timezone: g.timezone,
      note: 'daily auto-shutdown; a run longer than a day must checkpoint and resume, or move the shutdown past its expected end',
    },
    budget: {
      amount: amount === null ? null : Math.ceil(amount), currency: 'USD', timeGrain: 'Monthly', basis,
      thresholds: [
        { percent: 50, type: 'Actual' }, { percent: 80, type: 'Actual' }, { percent: 100, type: 'Actual' }, { percent: 100, type: 'Forecasted' },
      ],
    },
    checkpoints: {
      container: g.checkpointContainer,
      lifecycle: { coolAfterDays: g.coolAfterDays, archiveAfterDays: g.archiveAfterDays, deleteAfterDays: g.deleteAfterDays },
    },
  };
}
