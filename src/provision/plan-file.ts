import { z } from 'zod';
import { InputError } from '../errors.js';

const positiveInt = z.number().int().positive();
const money = z.number().finite().nonnegative();

const candidate = z.object({
  sku: z.string().trim().min(1),
  count: positiveInt,
  gpus: z.number().finite().positive().optional(),
  pricePerHour: money.nullable().optional(),
  totalCost: money.nullable().optional(),
}).passthrough();

/** The parts of `gpuops plan -o yaml` that provision reads (DESIGN.md's plan contract); other fields pass through. */
export const PlanFileSchema = z.object({
  request: z.object({
    gpus: positiveInt.nullable().optional(),
    gpu: z.string().nullable().optional(),
    purpose: z.string().nullable().optional(),
    hours: z.number().finite().positive().nullable().optional(),
    region: z.string().trim().min(1),
    deadline: z.string().nullable().optional(),
  }).passthrough(),
  candidates: z.array(candidate),
  recommended: z.object({ sku: z.string().trim().min(1), count: positiveInt, region: z.string().trim().min(1).optional() }).passthrough().nullable().optional(),
  guardrails: z.object({
    tags: z.record(z.string(), z.string()).optional(),
    shutdown: z.union([z.string(), z.object({ time: z.string(), timezone: z.string().optional() }).passthrough()]).nullable().optional(),
    budget: z.union([money, z.object({ amount: money }).passthrough()]).nullable().optional(),
  }).passthrough().optional(),
}).passthrough();

/** What a plan file contributes to a provision request; flags override each field. */
export interface PlanInput {
  sku: string;
  count: number;
  region: string;
  hours: number | null;
  blueprint: 'training' | 'inference' | null;
  tags: Record<string, string>;
  shutdown: string | null;
  timezone: string | null;
  budget: number | null;
}

/** The blueprint a plan's purpose implies, if any. */
function blueprintOf(purpose: string | null | undefined): PlanInput['blueprint'] {
  const p = (purpose ?? '').toLowerCase();
  if (/train|fine-?tun|lora/.test(p)) return 'training';
  if (/infer|serv/.test(p)) return 'inference';
  return null;
}

/** Validate a parsed plan file; errors name the file and the field. */
export function readPlan(data: unknown, file: string): PlanInput {
  const parsed = PlanFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new InputError(`--plan ${file}: field ${where} is not valid: ${issue.message}`, {
      suggestion: 'expected the output of `gpuops plan ... -o yaml` (request, candidates, recommended, guardrails)',
    });
  }
  const plan = parsed.data;
  const pick = plan.recommended ?? plan.candidates[0];
  if (!pick) throw new InputError(`--plan ${file} has no recommended size and no candidates: nothing to provision`, { suggestion: 'rerun `gpuops plan` with a size that fits, or pass --sku and --count' });
  const g = plan.guardrails ?? {};
  const shutdown = typeof g.shutdown === 'string' ? g.shutdown : g.shutdown?.time ?? null;
  const timezone = typeof g.shutdown === 'object' && g.shutdown ? g.shutdown.timezone ?? null : null;
  const budget = typeof g.budget === 'number' ? g.budget : g.budget?.amount ?? null;
  return {
    sku: pick.sku, count: pick.count, region: ('region' in pick && typeof pick.region === 'string' ? pick.region : plan.request.region),
    hours: plan.request.hours ?? null, blueprint: blueprintOf(plan.request.purpose), tags: g.tags ?? {}, shutdown, timezone, budget,
  };
}
