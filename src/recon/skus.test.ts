import { describe, expect, it } from 'vitest';
import { vmSku } from '../../test/support/sku.js';
import { filterSkus, gpuMatches, hiddenRestricted, sortSkus, totalVram } from './skus.js';

const skus = [
  vmSku({ name: 'Standard_D4s_v5', gpu: { model: null, count: 0, memoryGiB: null, totalMemoryGiB: null } }),
  vmSku({ name: 'Standard_NC4as_T4_v3', gpu: { model: 'T4', count: 1, memoryGiB: 16, totalMemoryGiB: 16 }, vcpus: 4, price: { paygPerHour: 0.526, currency: 'USD', asOf: 'd', source: 's' } }),
  vmSku({ name: 'Standard_NC24ads_A100_v4', price: { paygPerHour: 3.673, currency: 'USD', asOf: 'd', source: 's' } }),
  vmSku({ name: 'Standard_ND96asr_v4', gpu: { model: 'A100-40GB-SXM', count: 8, memoryGiB: 40, totalMemoryGiB: 320 }, vcpus: 96, infiniband: true, available: false, restrictions: [{ type: 'Location', reason: 'NotAvailableForSubscription' }] }),
  vmSku({ name: 'Standard_NV6ads_A10_v5', gpu: { model: 'A10', count: 1 / 6, memoryGiB: 4, totalMemoryGiB: 4, fraction: '1/6' }, vcpus: 6 }),
  vmSku({ name: 'Standard_NV24ads_V710_v5', gpu: { model: 'V710', count: null, memoryGiB: null, totalMemoryGiB: null }, vcpus: 24 }),
];
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe('filterSkus', () => {
  it('drops sizes without GPUs and hides Location-restricted sizes unless --all', () => {
    expect(names(filterSkus(skus, {}))).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4', 'Standard_NV6ads_A10_v5', 'Standard_NV24ads_V710_v5']);
    expect(names(filterSkus(skus, { all: true }))).toContain('Standard_ND96asr_v4');
    expect(names(hiddenRestricted(skus, {}))).toEqual(['Standard_ND96asr_v4']);
    expect(hiddenRestricted(skus, { all: true })).toEqual([]);
  });

  it('matches GPU models by token: a10 is not a100', () => {
    expect(names(filterSkus(skus, { gpu: 'a10' }))).toEqual(['Standard_NV6ads_A10_v5']);
    expect(names(filterSkus(skus, { gpu: 'A100', all: true }))).toEqual(['Standard_NC24ads_A100_v4', 'Standard_ND96asr_v4']);
    expect(gpuMatches(skus[2]!, 'a100-80gb')).toBe(true);
    expect(gpuMatches(skus[2]!, 'a100-40gb')).toBe(false);
  });

  it('filters by prefix, family, GPUs, VRAM and InfiniBand; unknown counts never pass a minimum', () => {
    expect(names(filterSkus(skus, { size: 'nc' }))).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4']);
    expect(names(filterSkus(skus, { size: 'Standard_NC24' }))).toEqual(['Standard_NC24ads_A100_v4']);
    expect(names(filterSkus(skus, { family: 'nv' }))).toEqual(['Standard_NV6ads_A10_v5', 'Standard_NV24ads_V710_v5']);
    expect(names(filterSkus(skus, { minGpus: 1 }))).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4']);
    expect(names(filterSkus(skus, { minVramGiB: 80, all: true }))).toEqual(['Standard_NC24ads_A100_v4', 'Standard_ND96asr_v4']);
    expect(names(filterSkus(skus, { infiniband: true, all: true }))).toEqual(['Standard_ND96asr_v4']);
  });
});

describe('sortSkus', () => {
  it('sorts by price ascending with unknown prices last', () => {
    expect(names(sortSkus(filterSkus(skus, {}), 'price')).slice(0, 2)).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4']);
  });
  it('sorts by VRAM and GPUs descending', () => {
    const all = filterSkus(skus, { all: true });
    expect(names(sortSkus(all, 'vram'))[0]).toBe('Standard_ND96asr_v4');
    expect(names(sortSkus(all, 'gpus'))).toEqual(['Standard_ND96asr_v4', 'Standard_NC24ads_A100_v4', 'Standard_NC4as_T4_v3', 'Standard_NV6ads_A10_v5', 'Standard_NV24ads_V710_v5']);
  });
  it('computes VM VRAM from per-GPU memory when the total is not given', () => {
    expect(totalVram(vmSku({ name: 'x', gpu: { model: 'T4', count: 4, memoryGiB: 16, totalMemoryGiB: null } }))).toBe(64);
  });
});
