import { InputError } from '../errors.js';
import { parsePlanFile } from '../plan/plan-file.js';

/** What a plan file contributes to a provision request; flags override each field. */
export interface PlanInput {
  sku: string;
  count: number;
  region: string;
  hours: number | null;
  spot: boolean;
  blueprint: 'training' | 'inference' | null;
  /** Tags the plan knows (owner and cost-center may be missing). */
  tags: Record<string, string>;
  shutdown: string | null;
  timezone: string | null;
  budget: number | null;
  /** Checkpoint lifecycle in days: to cool, to archive, deleted. */
  checkpoints: { cool: number; archive: number; delete: number } | null;
}

/** The blueprint a plan's purpose implies, if any. */
function blueprintOf(purpose: string | null): PlanInput['blueprint'] {
  if (purpose === 'training' || purpose === 'fine-tuning') return 'training';
  if (purpose === 'inference') return 'inference';
  return null;
}

/**
 * What provision takes from a plan file (`gpuops plan -o yaml`), checked by the plan job's own schema:
 * the recommended candidate, else the first, and the guardrails.
 */
export function readPlan(data: unknown, file: string): PlanInput {
  const plan = parsePlanFile(data, `--plan ${file}`);
  const pick = plan.recommended ?? plan.candidates[0];
  if (!pick) {
    throw new InputError(`--plan ${file} has no recommended size and no candidates: nothing to provision`, {
      suggestion: 'rerun gpuops plan with a request some size meets, or pass --sku and --count',
    });
  }
  const g = plan.guardrails;
  const tags = Object.fromEntries(Object.entries(g.tags).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const life = g.checkpoints.lifecycle;
  if (!(life.coolAfterDays < life.archiveAfterDays && life.archiveAfterDays < life.deleteAfterDays)) {
    throw new InputError(`--plan ${file}: guardrails.checkpoints.lifecycle is not valid: expected coolAfterDays < archiveAfterDays < deleteAfterDays, got ${life.coolAfterDays}, ${life.archiveAfterDays}, ${life.deleteAfterDays}`);
  }
  return {
    sku: pick.sku, count: pick.count, region: pick.region, hours: plan.request.hours, spot: plan.request.spot,
    blueprint: blueprintOf(plan.request.purpose), tags, shutdown: g.shutdown.time, timezone: g.shutdown.timezone, budget: g.budget.amount,
    checkpoints: { cool: life.coolAfterDays, archive: life.archiveAfterDays, delete: life.deleteAfterDays },
  };
}
