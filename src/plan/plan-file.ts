import { z } from 'zod';
import { InputError } from '../errors.js';
import { INTERCONNECTS, PURPOSES, type Plan } from '../model/workload-plan.js';

// The plan file (`gpuops plan -o yaml|json`) as a consumer such as `gpuops provision --plan` reads it:
// the parts that drive provisioning are checked strictly, the rest is carried as written.

const money = z.number().finite().nonnegative();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time');

const RequestSchema = z.object({
  gpus: z.number().int().positive(),
  gpu: z.string().nullable(),
  interconnect: z.enum(INTERCONNECTS),
  scratchGiB: z.number().positive().nullable(),
  purpose: z.enum(PURPOSES).nullable(),
  hours: z.number().positive().nullable(),
  region: z.string().min(1),
  deadline: isoTime.nullable(),
  spot: z.boolean(),
});

const CandidateSchema = z.object({
  sku: z.string().min(1),
  region: z.string().min(1),
  count: z.number().int().positive(),
  gpus: z.number().int().positive(),
  pricePerHour: money.nullable(),
  totalCost: money.nullable(),
  quota: z.object({ deployable: z.boolean().nullable(), shortfallVcpus: z.number().nullable() }).nullable(),
}).passthrough();

const GuardrailsSchema = z.object({
  tags: z.object({ owner: z.string().nullable(), 'cost-center': z.string().nullable(), expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), workload: z.string().min(1) }),
  shutdown: z.object({ time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), timezone: z.string().min(1), note: z.string() }),
  budget: z.object({
    amount: money.nullable(), currency: z.string().min(1), timeGrain: z.literal('Monthly'), basis: z.string(),
    thresholds: z.array(z.object({ percent: z.number().positive().max(1000), type: z.enum(['Actual', 'Forecasted']) })).min(1),
  }),
  checkpoints: z.object({
    container: z.string().min(3),
    lifecycle: z.object({ coolAfterDays: z.number().int().positive(), archiveAfterDays: z.number().int().positive(), deleteAfterDays: z.number().int().positive() }),
  }),
});

/** The plan file's schema; `recommended`, when set, must be `candidates[0]`. */
export const PlanFileSchema = z.object({
  kind: z.literal('gpuops/plan'),
  version: z.literal(1),
  createdAt: isoTime,
  request: RequestSchema,
  reading: z.array(z.object({ text: z.string(), meaning: z.string() })).nullable(),
  recommended: z.object({ sku: z.string().min(1), count: z.number().int().positive(), region: z.string().min(1) }).nullable(),
  candidates: z.array(CandidateSchema),
  fileQuotaBy: isoTime.nullable(),
  leadTimeHours: z.number().positive(),
  warnings: z.array(z.string()),
  guardrails: GuardrailsSchema,
  source: z.string(),
}).refine((p) => p.recommended === null || (p.candidates[0] !== undefined && p.candidates[0].sku === p.recommended.sku
  && p.candidates[0].count === p.recommended.count && p.candidates[0].region === p.recommended.region), {
  message: 'recommended must name candidates[0]', path: ['recommended'],
});

/** A parsed plan file (YAML or JSON already parsed), checked; InputError naming each bad field. */
export function parsePlanFile(doc: unknown, file: string): Plan {
  const r = PlanFileSchema.safeParse(doc);
  if (!r.success) {
    const fields = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new InputError(`${file} is not a gpuops plan file: ${fields.join('; ')}`, {
      suggestion: 'write one with: gpuops plan ... -o yaml > plan.yaml',
    });
  }
  return r.data as unknown as Plan;
}
