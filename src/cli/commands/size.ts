import { Option } from 'commander';
import { InputError, nearest } from '../../errors.js';
import type { VmSku } from '../../model/sku.js';
import { PRECISIONS, type ModelArch, type Precision, type SizeMode, type SizeReport } from '../../model/workload-plan.js';
import type { ArchFlags } from '../../plan/model-arch.js';
import { sizeReport } from '../../plan/size.js';
import { plainTable } from '../../render/index.js';
import type { CliContext, CommandResult } from '../context.js';
import { choiceFlag, intFlag, numberFlag } from '../flags.js';
import type { CommandSpec } from './spec.js';
import { jsonFile } from './plan-files.js';

/** Runtime memory per GPU beyond any GPU's memory is a typo, and a large enough one overflows the sums to Infinity. */
const MAX_OVERHEAD_GIB = 1024;

interface SizeOptions extends Partial<Omit<ArchFlags, 'params'>> {
  precision: Precision;
  kvPrecision?: Precision;
  context?: number;
  concurrency: number;
  train?: 'full' | 'lora' | 'qlora';
  microBatch: number;
  checkpointing?: boolean;
  batchTokens: number;
  overheadGib: number;
  utilization: number;
  loraRank: number;
  params?: string;
  config?: string;
  region?: string;
}

/** A share of GPU memory: a number above 0 and at most 1. */
function fractionFlag(flag: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InputError(`${flag} "${v}" is not valid: expected a fraction above 0 and at most 1, e.g. 0.9`);
    return n;
  };
}

/** The model asked for: a table entry, a config.json, or flags. */
async function modelFor(name: string | undefined, opts: SizeOptions): Promise<ModelArch> {
  // zod loads only when a model is described by a file or flags: start-up stays small.
  if (opts.config || (!name && opts.params)) {
    const arch = await import('../../plan/model-arch.js');
    if (!opts.config) return arch.archFromFlags({ ...opts, params: opts.params! });
    return arch.archFromConfig(await jsonFile(opts.config, 'Hugging Face config.json'), opts.config, opts.params ? arch.parseParams(opts.params) : undefined);
  }
  const { findModel, modelNames } = await import('../../catalog/models.js');
  if (!name) throw new InputError('size needs a model: a name from the table, --config config.json, or --params with --layers --hidden --heads', { suggestion: `e.g. gpuops size llama-3.1-70b; known: ${modelNames().slice(0, 6).join(', ')}, …` });
  if (name.trim() === '') throw new InputError('the model name is empty', { suggestion: `pass a name such as ${modelNames()[0]}` });
  const m = findModel(name);
  if (!m) {
    throw new InputError(`model "${name}" is not in the built-in table`, {
      code: 'UNKNOWN_MODEL',
      suggestion: `did you mean ${nearest(name, modelNames(), 3).join(', ')}? (or describe it: --config config.json, or --params 13B --layers 40 --hidden 5120 --heads 40)`,
    });
  }
  return m;
}

/** Catalog sizes, priced in the region when one is given. */
async function sizesFor(region: string | undefined): Promise<{ skus: VmSku[]; region: string | null }> {
  const catalog = await import('../../catalog/index.js');
  if (region !== undefined && region.trim() === '') throw new InputError('--region is empty; pass a region such as eastus2, or leave the flag out');
  if (!region) return { skus: catalog.catalogVmSkus(), region: null };
  const listing = await catalog.catalogSource().listSkus(region);
  return { skus: listing.skus, region: listing.region };
}

function sizeTable(r: SizeReport): string {
  const b = r.breakdown;
  const parts: [string, number | undefined][] = [
    ['weights', b.weightsGiB], ['KV cache', b.kvCacheGiB], ['gradients', b.gradientsGiB], ['optimizer states', b.optimizerGiB],
    ['activations', b.activationsGiB], ['overhead (per GPU)', b.overheadGiB],
  ];
  const lines = [`${r.model}: ${(r.params / 1e9).toFixed(2)}B params, ${r.mode}, ${r.precision}`];
  for (const [label, v] of parts) if (v !== undefined && !(label === 'KV cache' && r.mode !== 'inference')) lines.push(`  ${label.padEnd(20)} ${v.toFixed(2).padStart(9)} GiB`);
  lines.push(`  ${'total (one GPU)'.padEnd(20)} ${r.totalGiB.toFixed(2).padStart(9)} GiB`, '', 'How:');
  for (const a of r.assumptions) lines.push(`  - ${a}`);
  const shown = r.fits.slice(0, 12);
  const rows = shown.map((f) => [f.sku, String(f.vms), String(f.gpus), f.perGpuGiB.toFixed(2), `${f.gpuMemoryGiB}`, f.headroomGiB.toFixed(2), f.pricePerHour === undefined ? '-' : f.pricePerHour.toFixed(2)]);
  lines.push('', `Sizes that fit (${r.fits.length}${r.fits.length > shown.length ? `, first ${shown.length} shown; -o json for all` : ''}):`);
  lines.push(plainTable(['SKU', 'VMs', 'GPUs', 'GiB/GPU', 'GPU GiB', 'headroom GiB', r.region ? `$/h ${r.region}` : '$/h'], rows));
  return lines.join('\n');
}

/** `gpuops size MODEL`: GPU memory needed, part by part, and the Azure sizes that hold it. */
export const sizeCommand: CommandSpec<SizeOptions> = {
  name: 'size',
  args: '[model]',
  summary: 'GPU memory a model needs (inference or training), explained line by line, and the Azure sizes that fit, by price',
  examples: [
    'gpuops size llama-3.1-70b --precision fp16 --context 8192 --concurrency 16 --region eastus2',
    'gpuops size mistral-7b --train qlora --context 4096 --micro-batch 4 --checkpointing',
    'gpuops size --params 13B --layers 40 --hidden 5120 --heads 40 --context 4096',
    'gpuops size --config ./config.json --precision bf16',
  ],
  options: (cmd) => {
    const int = (f: string, min = 1) => intFlag(f, min);
    cmd
      .addOption(new Option('--precision <p>', `weights precision: ${PRECISIONS.join('|')}`).argParser(choiceFlag('--precision', PRECISIONS)).default('bf16'))
      .addOption(new Option('--kv-precision <p>', 'KV cache precision (default: the weights precision, 16-bit for 8/4-bit weights)').argParser(choiceFlag('--kv-precision', PRECISIONS)))
      .addOption(new Option('--context <tokens>', 'tokens per sequence (default 4096, or the model maximum if smaller)').argParser(int('--context')))
      .addOption(new Option('--concurrency <n>', 'concurrent sequences served (inference)').argParser(int('--concurrency')).default(1))
      .addOption(new Option('--train <mode>', 'size training instead of inference: full|lora|qlora').argParser(choiceFlag('--train', ['full', 'lora', 'qlora'] as const)))
      .addOption(new Option('--micro-batch <n>', 'sequences per GPU per step (training)').argParser(int('--micro-batch')).default(1))
      .option('--checkpointing', 'activation checkpointing (training)')
      .addOption(new Option('--lora-rank <r>', 'LoRA/QLoRA adapter rank').argParser(int('--lora-rank')).default(16))
      .addOption(new Option('--batch-tokens <n>', "tokens per inference step (vLLM's max_num_batched_tokens)").argParser(int('--batch-tokens')).default(2048))
      .addOption(new Option('--overhead-gib <GiB>', 'runtime memory per GPU: CUDA context, NCCL, allocator').argParser(numberFlag('--overhead-gib', MAX_OVERHEAD_GIB)).default(1))
      .addOption(new Option('--utilization <f>', 'share of GPU memory usable, like vLLM gpu_memory_utilization').argParser(fractionFlag('--utilization')).default(0.9))
      .option('-r, --region <region>', 'price the fitting sizes in this region (embedded catalog prices)')
      .option('--config <file>', "a Hugging Face model's config.json")
      .option('--params <n>', 'parameters of a model not in the table, e.g. 13B')
      .addOption(new Option('--layers <n>', 'hidden layers').argParser(int('--layers')))
      .addOption(new Option('--hidden <n>', 'hidden size').argParser(int('--hidden')))
      .addOption(new Option('--heads <n>', 'attention heads').argParser(int('--heads')))
      .addOption(new Option('--kv-heads <n>', 'KV heads (default: --heads)').argParser(int('--kv-heads')))
      .addOption(new Option('--head-dim <n>', 'head dimension (default: hidden / heads)').argParser(int('--head-dim')))
      .addOption(new Option('--intermediate <n>', 'MLP intermediate size (default 8/3 x hidden)').argParser(int('--intermediate')))
      .addOption(new Option('--vocab <n>', 'vocabulary size (default 32000)').argParser(int('--vocab')));
  },
  async run(args, opts, ctx: CliContext): Promise<CommandResult> {
    const model = await modelFor(args[0], opts);
    const mode: SizeMode = opts.train ?? 'inference';
    const quantized = ['fp8', 'int8', 'int4'].includes(opts.precision);
    const { skus, region } = await sizesFor(opts.region);
    const report = sizeReport({
      model, mode, precision: opts.precision, kvPrecision: opts.kvPrecision ?? (quantized ? 'fp16' : opts.precision),
      context: opts.context ?? Math.min(4096, model.maxContext), batch: mode === 'inference' ? opts.concurrency : opts.microBatch,
      batchTokens: opts.batchTokens, overheadGiB: opts.overheadGib, checkpointing: opts.checkpointing ?? false, loraRank: opts.loraRank,
      utilization: opts.utilization, skus, region, today: ctx.today ?? new Date().toISOString().slice(0, 10),
    });
    return { data: report, table: () => sizeTable(report) };
  },
};
