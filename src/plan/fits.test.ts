import { describe, expect, it } from 'vitest';
import { vmSku } from '../../test/support/sku.js';
import { closestMiss, findFits, tensorParallel } from './fits.js';
import type { Sizing } from './vram.js';

// A sizing of 100 GiB sharded evenly plus 1 GiB per GPU, so each case is easy to compute by hand.
const sizing: Sizing = { breakdown: { weightsGiB: 100, kvCacheGiB: 0, activationsGiB: 0, overheadGiB: 1 }, totalGiB: 101, assumptions: [], perGpuGiB: (n) => 100 / n + 1 };
const gpu = (count: number, memoryGiB: number) => ({ model: 'X', count, memoryGiB, totalMemoryGiB: count * memoryGiB });
const price = (paygPerHour: number) => ({ paygPerHour, currency: 'USD' as const, asOf: 'd', source: 's' });

describe('tensorParallel', () => {
  it('the largest degree dividing the heads and compatible with the KV heads', () => {
    expect(tensorParallel(8, 64, 8)).toBe(8);
    expect(tensorParallel(8, 28, 4)).toBe(4); // Qwen2.5 7B: 7 divides 28 heads but not 4 KV heads
    expect(tensorParallel(8, 40, 8)).toBe(8);
    expect(tensorParallel(3, 32, 8)).toBe(2);
    expect(tensorParallel(1, 32, 8)).toBe(1);
  });
});

describe('findFits', () => {
  const skus = [
    vmSku({ name: 'One80', gpu: gpu(1, 80), price: price(4) }),        // 101 > 72 usable: no
    vmSku({ name: 'Two80', gpu: gpu(2, 80), price: price(8) }),        // 51 <= 72: fits, headroom 21
    vmSku({ name: 'Four80', gpu: gpu(4, 80), price: price(6) }),       // 26 <= 72: fits, cheaper
    vmSku({ name: 'Frac', gpu: { model: 'X', count: 1 / 6, memoryGiB: 4, totalMemoryGiB: 4, fraction: '1/6' } }),
    vmSku({ name: 'Old', gpu: gpu(8, 80), retirement: '2025-01-01', price: price(1) }),
    vmSku({ name: 'Unpriced', gpu: gpu(8, 80) }),
  ];
  const input = (mode: 'inference' | 'full') => ({ sizing, mode, heads: 32, kvHeads: 8, skus, utilization: 0.9, today: '2026-11-27' });

  it('inference: one VM, cheapest first, unpriced last; fractional and retired sizes are never placed', () => {
    const fits = findFits(input('inference'));
    expect(fits.map((f) => [f.sku, f.gpus, f.perGpuGiB, f.headroomGiB, f.pricePerHour])).toEqual([
      ['Four80', 4, 26, 46, 6], ['Two80', 2, 51, 21, 8], ['Unpriced', 8, 13.5, 58.5, undefined],
    ]);
  });

  it('training may span VMs: the fewest VMs whose GPUs hold the shards', () => {
    const one = findFits(input('full')).find((f) => f.sku === 'One80')!;
    expect([one.vms, one.gpus, one.pricePerHour]).toEqual([2, 2, 8]);
  });

  it('closestMiss names the size that misses by the least', () => {
    const small = [vmSku({ name: 'A', gpu: gpu(1, 16) }), vmSku({ name: 'B', gpu: gpu(2, 24) })];
    // B: 100/2 + 1 = 51 per GPU against 21.6 usable: short 29.4; A: 101 against 14.4
    expect(closestMiss({ ...input('inference'), skus: small })).toEqual({ sku: 'B', gpus: 2, perGpuGiB: 51, usableGiB: 21.6, shortGiB: 29.4 });
  });
});
