import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelArch, Precision, SizeMode } from '../model/workload-plan.js';
import { GIB, kvCacheBytes, loraParams, sizeModel, type SizingInput } from './vram.js';

// Architectures written out here (not read from the table) so a table edit cannot hide a formula bug.
const llama8b: ModelArch = {
  id: 'l8', name: 'l8', aliases: [], params: 8.03e9, layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128,
  intermediate: 14336, vocab: 128256, maxContext: 131072, source: 'test', asOf: 'test',
};
const tiny: ModelArch = {
  id: 'tiny', name: 'tiny', aliases: [], params: 1000, layers: 2, hidden: 10, heads: 2, kvHeads: 1, headDim: 5,
  intermediate: 20, vocab: 100, maxContext: 1000, source: 'test', asOf: 'test',
};

const base = (over: Partial<SizingInput>): SizingInput => ({
  model: llama8b, mode: 'inference', precision: 'fp16', kvPrecision: 'fp16', context: 4096, batch: 1, batchTokens: 2048,
  overheadGiB: 0, checkpointing: false, loraRank: 16, ...over,
});

describe('inference formulas', () => {
  it('KV cache of Llama 3.1 8B, 128,000 tokens in fp16 is 15.625 GiB (2 x 32 x 8 x 128 x 2 B x 128,000)', () => {
    expect(kvCacheBytes(llama8b, 2, 128000, 1)).toBe(16_777_216_000);
    expect(sizeModel(base({ context: 128000 })).breakdown.kvCacheGiB).toBeCloseTo(15.625, 10);
  });

  it('weights are params x bytes: 8.03e9 x 2 B = 16.06e9 B', () => {
    expect(sizeModel(base({})).breakdown.weightsGiB * GIB).toBeCloseTo(16.06e9, 0);
    expect(sizeModel(base({ precision: 'int4' })).breakdown.weightsGiB * GIB).toBeCloseTo(4.015e9, 0);
  });

  it('activations: min(step tokens, context x sequences) x (4h + 2I) x 2 B + sequences x vocab x 4 B', () => {
    // 5 tokens x (40 + 40) x 2 = 800; 2 sequences x 100 x 4 = 800
    const s = sizeModel(base({ model: tiny, context: 3, batch: 2, batchTokens: 5 }));
    expect(s.breakdown.activationsGiB * GIB).toBeCloseTo(1600, 6);
    // KV: 2 x 2 layers x 1 head x 5 x 2 B x 3 x 2 = 240
    expect(s.breakdown.kvCacheGiB * GIB).toBeCloseTo(240, 6);
  });

  it('tensor parallel splits weights by GPU and the KV cache only up to the KV heads', () => {
    const s = sizeModel(base({ model: tiny, context: 3, batch: 2, batchTokens: 5, overheadGiB: 1 }));
    // weights 1000 x 2 = 2000 B, activations 1600, KV 240 with 1 KV head: copied on both GPUs
    expect((s.perGpuGiB(2) - 1) * GIB).toBeCloseTo((2000 + 1600) / 2 + 240, 6);
    expect(s.totalGiB).toBeCloseTo(1 + (2000 + 1600 + 240) / GIB, 12);
  });
});

describe('training formulas', () => {
  it('full mixed-precision AdamW is 16 bytes per parameter (ZeRO: 7.5B -> 120 GB)', () => {
    const m = { ...tiny, params: 7.5e9 };
    const b = sizeModel(base({ model: m, mode: 'full', precision: 'bf16', context: 1 })).breakdown;
    expect(b.weightsGiB * GIB).toBeCloseTo(15e9, 0);
    expect(b.gradientsGiB! * GIB).toBeCloseTo(15e9, 0);
    expect(b.optimizerGiB! * GIB).toBeCloseTo(90e9, 0);
  });

  it('full fp32 AdamW: 4 + 4 + 8 bytes per parameter', () => {
    const b = sizeModel(base({ model: tiny, mode: 'full', precision: 'fp32', context: 1 })).breakdown;
    expect([b.weightsGiB, b.gradientsGiB, b.optimizerGiB].map((x) => Math.round(x! * GIB))).toEqual([4000, 4000, 8000]);
  });

  it('LoRA rank 16 on Llama 3 8B: 16 x 32 x (26,624 attention + 55,296 MLP) = 41,943,040 trainable params', () => {
    expect(loraParams(llama8b, 16)).toBe(41_943_040);
  });

  it('QLoRA base weights are 4.127 bits per parameter, adapters 4 bytes each', () => {
    const b = sizeModel(base({ model: tiny, mode: 'qlora', loraRank: 1, context: 1 })).breakdown;
    // adapters: 1 x 2 layers x (10+10 + 2 x (10+5) + 10+10 + 3 x (10+20)) = 2 x 160 = 320 params
    expect(loraParams(tiny, 1)).toBe(320);
    expect(b.weightsGiB * GIB).toBeCloseTo(1000 * 4.127 / 8 + 320 * 4, 6);
    expect(b.gradientsGiB! * GIB).toBeCloseTo(1280, 6);
    expect(b.optimizerGiB! * GIB).toBeCloseTo(2560, 6);
  });

  it('activations: 34 B x tokens x hidden per layer, or 2 B per layer plus one layer with checkpointing; fp32 logits', () => {
    const plain = sizeModel(base({ model: tiny, mode: 'full', precision: 'bf16', context: 10, batch: 1 }));
    expect(plain.breakdown.activationsGiB * GIB).toBeCloseTo(2 * 34 * 10 * 10 + 10 * 100 * 4, 6);
    const ckpt = sizeModel(base({ model: tiny, mode: 'full', precision: 'bf16', context: 10, batch: 1, checkpointing: true }));
    expect(ckpt.breakdown.activationsGiB * GIB).toBeCloseTo(2 * 2 * 10 * 10 + 34 * 10 * 10 + 10 * 100 * 4, 6);
  });

  it('sharding splits the states but not the activations', () => {
    const s = sizeModel(base({ model: tiny, mode: 'full', precision: 'bf16', context: 10, overheadGiB: 0 }));
    const states = 16 * 1000;
    expect(s.perGpuGiB(4) * GIB).toBeCloseTo(states / 4 + 2 * 34 * 10 * 10 + 4000, 6);
  });
});

describe('monotonicity (property tests)', () => {
  const arch = fc.record({
    layers: fc.integer({ min: 1, max: 128 }), kvHeads: fc.integer({ min: 1, max: 16 }), group: fc.integer({ min: 1, max: 8 }),
    headDim: fc.constantFrom(64, 96, 128, 256), intermediate: fc.integer({ min: 64, max: 60000 }),
    vocab: fc.integer({ min: 1000, max: 260000 }), params: fc.double({ min: 1e6, max: 1e12, noNaN: true }),
  }).map((a): ModelArch => ({
    id: 'p', name: 'p', aliases: [], params: a.params, layers: a.layers, heads: a.kvHeads * a.group, kvHeads: a.kvHeads,
    headDim: a.headDim, hidden: a.kvHeads * a.group * a.headDim, intermediate: a.intermediate, vocab: a.vocab,
    maxContext: 1e9, source: 't', asOf: 't',
  }));
  const input = fc.record({
    model: arch,
    mode: fc.constantFrom<SizeMode>('inference', 'full', 'lora', 'qlora'),
    precision: fc.constantFrom<Precision>('fp32', 'bf16', 'fp16'),
    kvPrecision: fc.constantFrom<Precision>('fp16', 'fp8'),
    context: fc.integer({ min: 1, max: 200000 }), batch: fc.integer({ min: 1, max: 64 }),
    batchTokens: fc.integer({ min: 1, max: 16384 }), overheadGiB: fc.double({ min: 0, max: 4, noNaN: true }),
    checkpointing: fc.boolean(), loraRank: fc.integer({ min: 1, max: 256 }),
  });

  it('more context never needs less memory, on any number of GPUs', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 64 }), (s, more, gpus) => {
      const a = sizeModel(s);
      const b = sizeModel({ ...s, context: s.context + more });
      return b.totalGiB >= a.totalGiB && b.perGpuGiB(gpus) >= a.perGpuGiB(gpus);
    }));
  });

  it('more GPUs never need more memory per GPU', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 256 }), (s, gpus) => {
      const sizing = sizeModel(s);
      return sizing.perGpuGiB(gpus + 1) <= sizing.perGpuGiB(gpus) + 1e-12;
    }));
  });

  it('more concurrent sequences or a bigger micro-batch never need less memory', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 64 }), (s, more) => {
      return sizeModel({ ...s, batch: s.batch + more }).totalGiB >= sizeModel(s).totalGiB;
    }));
  });
});
