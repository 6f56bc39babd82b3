import type { MemoryBreakdown, ModelArch, Precision, SizeMode } from '../model/workload-plan.js';

/** Bytes per GiB: every figure gpuops prints is binary (GiB), as GPU memory is sold. */
export const GIB = 1024 ** 3;

/** Bytes per parameter (or per cached value) at each precision. int4 counts no group scales. */
export const BYTES: Record<Precision, number> = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 };

/** QLoRA's NF4 with double quantization: 4.127 bits per parameter (Dettmers et al. 2023, section 3). */
export const NF4_BYTES = 4.127 / 8;

/** Bytes of activations per token, per layer and per unit of hidden size (Korthikanti et al. 2022, 16-bit, flash attention). */
export const ACTIVATION_BYTES_PER_TOKEN_HIDDEN = 34;

/** Everything a sizing needs besides the model; every default is stated in `assumptions`. */
export interface SizingInput {
  model: ModelArch;
  mode: SizeMode;
  precision: Precision;
  /** Tokens per sequence (prompt + output for inference; sequence length for training). */
  context: number;
  /** Concurrent sequences (inference) or micro-batch size per GPU (training). */
  batch: number;
  /** Precision of the KV cache (inference). */
  kvPrecision: Precision;
  /** Tokens one inference step processes at most (vLLM's max_num_batched_tokens). */
  batchTokens: number;
  /** Fixed per-GPU runtime memory: CUDA context, NCCL buffers, allocator slack. */
  overheadGiB: number;
  /** Training: keep only each layer's input and recompute the rest in the backward pass. */
  checkpointing: boolean;
  /** LoRA/QLoRA adapter rank. */
  loraRank: number;
}

/** A sizing: the parts, which are sharded across GPUs, and the formulas used. */
export interface Sizing {
  breakdown: MemoryBreakdown;
  totalGiB: number;
  assumptions: string[];
  /** Memory per GPU when the model is spread over `gpus` GPUs. */
  perGpuGiB: (gpus: number) => number;
}

const gib = (bytes: number): number => bytes / GIB;

/** KV cache bytes: 2 (K and V) x layers x KV heads x head dim x bytes x tokens x sequences. */
export function kvCacheBytes(m: ModelArch, bytes: number, context: number, sequences: number): number {
  return 2 * m.layers * m.kvHeads * m.headDim * bytes * context * sequences;
}

/** Trainable LoRA parameters with adapters on every attention and MLP projection (all experts of a MoE). */
export function loraParams(m: ModelArch, rank: number): number {
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  const attention = m.hidden + q + 2 * (m.hidden + kv) + q + m.hidden;
  const mlp = 3 * (m.hidden + m.intermediate) * (m.experts ?? 1);
  return rank * m.layers * (attention + mlp);
}

function inference(s: SizingInput): Sizing {
  const m = s.model;
  const weights = m.params * BYTES[s.precision];
  const kv = kvCacheBytes(m, BYTES[s.kvPrecision], s.context, s.batch);
  const stepTokens = Math.min(s.batchTokens, s.context * s.batch);
  const activations = stepTokens * (4 * m.hidden + 2 * m.intermediate) * 2 + s.batch * m.vocab * 4;
  const breakdown: MemoryBreakdown = {
    weightsGiB: gib(weights), kvCacheGiB: gib(kv), activationsGiB: gib(activations), overheadGiB: s.overheadGiB,
  };
  return {
    breakdown,
    totalGiB: gib(weights + kv + activations) + s.overheadGiB,
    assumptions: [
      `weights: ${m.params.toExponential(3)} params x ${BYTES[s.precision]} bytes (${s.precision})`,
      `KV cache: 2 x ${m.layers} layers x ${m.kvHeads} KV heads x ${m.headDim} head dim x ${BYTES[s.kvPrecision]} bytes (${s.kvPrecision}) x ${s.context} tokens x ${s.batch} concurrent sequences`,
      `activations: ${stepTokens} tokens per step x (4 x hidden + 2 x intermediate) x 2 bytes, plus fp32 logits of ${s.batch} sequences x ${m.vocab} vocab`,
      `overhead: ${s.overheadGiB} GiB per GPU (CUDA context, NCCL buffers, allocator)`,
      'several GPUs: tensor parallel inside one VM; weights and activations split evenly, the KV cache split by KV head (copied when GPUs outnumber KV heads)',
    ],
    perGpuGiB: (gpus) => gib((weights + activations) / gpus + kv / Math.min(gpus, m.kvHeads)) + s.overheadGiB,
  };
}

function trainingState(s: SizingInput): { weights: number; grads: number; optimizer: number; says: string } {
  const m = s.model;
  if (s.mode === 'full') {
    const mixed = s.precision !== 'fp32';
    const b = BYTES[s.precision];
    return {
      weights: m.params * b,
      grads: m.params * b,
      optimizer: m.params * (mixed ? 12 : 8),
      says: mixed
        ? `full training, mixed precision AdamW: ${b}-byte weights and gradients, fp32 master weights + 2 Adam moments = 12 bytes/param (16 bytes/param in all, as in ZeRO)`
        : 'full training in fp32 AdamW: 4-byte weights and gradients, 2 Adam moments = 8 bytes/param',
    };
  }
  const trainable = loraParams(m, s.loraRank);
  const base = s.mode === 'qlora' ? m.params * NF4_BYTES : m.params * BYTES[s.precision];
  const baseSays = s.mode === 'qlora' ? 'frozen base in NF4 with double quantization (4.127 bits/param)' : `frozen base in ${s.precision}`;
  return {
    weights: base + trainable * 4,
    grads: trainable * 4,
    optimizer: trainable * 8,
    says: `${s.mode.toUpperCase()}: ${baseSays}; rank-${s.loraRank} adapters on every attention and MLP projection = ${trainable.toExponential(3)} trainable params at 16 bytes each (fp32 weight, gradient, 2 Adam moments)`,
  };
}

function training(s: SizingInput): Sizing {
  const m = s.model;
  const { weights, grads, optimizer, says } = trainingState(s);
  const tokens = s.context * s.batch;
  const perLayer = ACTIVATION_BYTES_PER_TOKEN_HIDDEN * tokens * m.hidden;
  const layers = s.checkpointing ? m.layers * 2 * tokens * m.hidden + perLayer : m.layers * perLayer;
  const activations = layers + tokens * m.vocab * 4;
  const breakdown: MemoryBreakdown = {
    weightsGiB: gib(weights), kvCacheGiB: 0, gradientsGiB: gib(grads), optimizerGiB: gib(optimizer),
    activationsGiB: gib(activations), overheadGiB: s.overheadGiB,
  };
  const state = weights + grads + optimizer;
  return {
    breakdown,
    totalGiB: gib(state + activations) + s.overheadGiB,
    assumptions: [
      says,
      s.checkpointing
        ? `activations with checkpointing: 2 bytes x ${tokens} tokens (micro-batch ${s.batch} x ${s.context}) x ${m.hidden} hidden per layer, plus one layer recomputed at 34 bytes per token x hidden; fp32 logits`
        : `activations without checkpointing: 34 bytes x ${tokens} tokens (micro-batch ${s.batch} x ${s.context}) x ${m.hidden} hidden x ${m.layers} layers (Korthikanti et al. 2022, flash attention, so no attention-score matrix); fp32 logits`,
      `overhead: ${s.overheadGiB} GiB per GPU (CUDA context, NCCL buffers, allocator)`,
      'several GPUs: fully sharded data parallel (ZeRO-3/FSDP): weights, gradients and optimizer states split evenly; each GPU keeps the activations of its own micro-batch',
    ],
    perGpuGiB: (gpus) => gib(state / gpus + activations) + s.overheadGiB,
  };
}

/** GPU memory a model needs for inference or training, part by part, with the formula of each part. */
export function sizeModel(s: SizingInput): Sizing {
  return s.mode === 'inference' ? inference(s) : training(s);
}
