import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../model/source.js';
import { usageOf, vmSku } from '../../test/support/sku.js';
import { gpuQuota, unknownGpuQuota } from './quota.js';
import { recon } from './report.js';

const source: SourceInfo = { kind: 'file', detail: 'test', asOf: '2026-11-27', offline: true };
const t4 = { model: 'T4', count: 1, memoryGiB: 16, totalMemoryGiB: 16 };
const skus = [
  vmSku({ name: 'Standard_D2s_v5', gpu: { model: null, count: 0, memoryGiB: null, totalMemoryGiB: null }, vcpus: 2 }),
  vmSku({ name: 'Standard_NC4as_T4_v3', gpu: t4, vcpus: 4, quotaFamily: 'Standard NCASv3_T4 Family' }),
  vmSku({ name: 'Standard_NC96ads_A100_v4', gpu: { model: 'A100-80GB-PCIe', count: 4, memoryGiB: 80, totalMemoryGiB: 320 }, vcpus: 96, quotaFamily: 'StandardNCADSA100v4Family' }),
  vmSku({ name: 'Standard_NC24ads_A100_v4', vcpus: 24, quotaFamily: 'StandardNCADSA100v4Family' }),
  vmSku({ name: 'Standard_ND96asr_v4', gpu: { model: 'A100-40GB-SXM', count: 8, memoryGiB: 40, totalMemoryGiB: 320 }, vcpus: 96, quotaFamily: 'standardNDASv4_A100Family', available: false, restrictions: [{ type: 'Location', reason: 'NotAvailableForSubscription' }] }),
  vmSku({ name: 'Standard_ND96isr_H100_v5', gpu: { model: 'H100-80GB-SXM', count: 8, memoryGiB: 80, totalMemoryGiB: 640 }, vcpus: 96, quotaFamily: 'standardNDSH100v5Family' }),
];
const usages = [
  usageOf('cores', 'Total Regional vCPUs', 0, 100),
  usageOf('standardDSv5Family', 'Standard DSv5 Family vCPUs', 0, 100),
  usageOf('standardNCASv3_T4Family', 'Standard NCASv3_T4 Family vCPUs', 0, 8),
  usageOf('standardNCADSA100v4Family', 'Standard NCADS_A100_v4 Family vCPUs', 0, 24),
  usageOf('standardNDSH100v5Family', 'Standard NDSH100v5 Family vCPUs', 0, 0),
  usageOf('lowPriorityCores', 'Total Regional Spot vCPUs', 0, 10),
];

describe('gpuQuota', () => {
  it('keeps N-series families and the regional counters, drops the rest', () => {
    expect(gpuQuota(usages, skus).map((u) => u.family)).toEqual([
      'standardNCADSA100v4Family', 'standardNCASv3_T4Family', 'standardNDSH100v5Family', 'cores', 'lowPriorityCores',
    ]);
  });
});

describe('unknownGpuQuota', () => {
  it('lists the GPU sizes\' families once each, numbers unknown, non-GPU families left out', () => {
    expect(unknownGpuQuota(skus).map((u) => [u.family, u.used, u.limit, u.available])).toEqual([
      ['Standard NCASv3_T4 Family', null, null, null],
      ['StandardNCADSA100v4Family', null, null, null],
      ['standardNDASv4_A100Family', null, null, null],
      ['standardNDSH100v5Family', null, null, null],
    ]);
  });
});

describe('recon', () => {
  const r = recon({ region: 'eastus2', source, skus, usages });

  it('answers the day-one questions from the listing', () => {
    expect(r.t4Skus.map((s) => s.sku)).toEqual(['Standard_NC4as_T4_v3']);
    expect(r.a100Skus.map((s) => s.sku)).toEqual(['Standard_NC24ads_A100_v4', 'Standard_NC96ads_A100_v4', 'Standard_ND96asr_v4']);
    expect(r.vcpuRange).toEqual({ min: { sku: 'Standard_NC4as_T4_v3', vcpus: 4 }, max: { sku: 'Standard_ND96isr_H100_v5', vcpus: 96 } });
    expect(r.ndGpusPerVm).toEqual([{ sku: 'Standard_ND96isr_H100_v5', gpus: 8, gpu: 'H100-80GB-SXM' }]);
    expect(r.restricted).toEqual([{ sku: 'Standard_ND96asr_v4', reason: 'NotAvailableForSubscription' }]);
  });

  it('finds a deployable A100 size when the smallest one fits', () => {
    expect(r.singleA100.sku).toBe('Standard_NC24ads_A100_v4');
    expect(r.singleA100.deployable).toBe(true);
    expect(r.singleA100.checked.map((c) => [c.sku, c.deployable])).toEqual([
      ['Standard_NC24ads_A100_v4', true], ['Standard_NC96ads_A100_v4', false], ['Standard_ND96asr_v4', false],
    ]);
  });

  it('says why not when no A100 size fits, and unknown offline', () => {
    const none = recon({ region: 'eastus2', source, skus, usages: usages.map((u) => (u.family === 'standardNCADSA100v4Family' ? { ...u, limit: 0, available: 0 } : u)) });
    expect(none.singleA100.deployable).toBe(false);
    expect(none.singleA100.reasons.map((x) => x.code)).toEqual(['FAMILY_QUOTA']);
    const offline = recon({ region: 'eastus2', source, skus: skus.map((s) => ({ ...s, available: null, restrictions: [] })), usages: null });
    expect(offline.quotas).toBeNull();
    expect(offline.singleA100.deployable).toBeNull();
  });
});
