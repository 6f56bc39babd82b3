import { InputError } from '../errors.js';
import type { VmSku } from '../model/sku.js';
import type { ModelArch, Precision, SizeMode, SizeReport } from '../model/workload-plan.js';
import { closestMiss, findFits } from './fits.js';
import { sizeModel, type SizingInput } from './vram.js';

/** A `gpuops size` question; the CLI fills every default. */
export interface SizeQuestion extends Omit<SizingInput, 'model'> {
  model: ModelArch;
  utilization: number;
  skus: readonly VmSku[];
  region: string | null;
  today: string;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Reject what the formulas cannot honestly answer, naming the input. */
function check(q: SizeQuestion): void {
  if (q.context > q.model.maxContext) {
    throw new InputError(`--context ${q.context} is longer than ${q.model.name} supports (max_position_embeddings ${q.model.maxContext})`, {
      suggestion: `pass --context ${q.model.maxContext} or less`,
    });
  }
  if (q.mode === 'full' && !(['fp32', 'bf16', 'fp16'] as Precision[]).includes(q.precision)) {
    throw new InputError(`--precision ${q.precision} cannot be used with --train full: full training keeps fp32, bf16 or fp16 weights`, {
      suggestion: 'use --precision bf16, or --train qlora for a 4-bit base',
    });
  }
}

/** GPU memory of a model and the Azure sizes that hold it, ranked by price. InputError when none does. */
export function sizeReport(q: SizeQuestion): SizeReport {
  check(q);
  const sizing = sizeModel(q);
  const b = sizing.breakdown;
  const breakdown = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round2(v as number)])) as unknown as typeof b;
  const input = { sizing, mode: q.mode as SizeMode, heads: q.model.heads, kvHeads: q.model.kvHeads, skus: q.skus, utilization: q.utilization, today: q.today };
  const fits = findFits(input);
  // Each price shown names where it came from and when: the distinct sources of the priced fits.
  const fitting = new Set(fits.filter((f) => f.pricePerHour !== undefined).map((f) => f.sku));
  const priceSources = [...new Set(q.skus.filter((s) => s.price && fitting.has(s.name)).map((s) => s.price!.source))];
  const assumptions = [
    `model facts: ${q.model.source}${q.model.asOf === 'given' ? '' : `, read ${q.model.asOf}`}`,
    ...sizing.assumptions,
    `a GPU may use ${Math.round(q.utilization * 100)}% of its memory (like vLLM's gpu_memory_utilization); headroom is what is left of that`,
    q.region
      ? `prices: Linux pay-as-you-go in ${q.region}, per hour for all VMs of a fit${priceSources.length > 0 ? `; source: ${priceSources.join('; ')}` : ''}`
      : 'prices: pass --region to rank by price',
  ];
  if (fits.length === 0) {
    const c = closestMiss(input);
    throw new InputError(
      `${q.model.name} (${q.mode}, ${q.precision}) needs ${round2(sizing.totalGiB)} GiB and fits no Azure GPU size${q.region ? ` offered in ${q.region}` : ''}` +
        (c ? `; closest: ${c.gpus} GPU${c.gpus === 1 ? '' : 's'} of ${c.sku} need${c.gpus === 1 ? 's' : ''} ${c.perGpuGiB} GiB each, ${c.shortGiB} GiB more than the ${c.usableGiB} GiB usable` : ''),
      { code: 'NO_FIT', suggestion: 'lower --precision, --context or --concurrency, use --train qlora or --checkpointing, or raise --utilization' },
    );
  }
  return {
    model: q.model.id, params: q.model.params, precision: q.mode === 'qlora' ? 'int4' : q.precision, mode: q.mode, breakdown,
    totalGiB: round2(sizing.totalGiB), assumptions, fits, region: q.region,
  };
}
