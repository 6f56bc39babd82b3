import type { VmSku } from '../../src/model/sku.js';
import type { QuotaUsage } from '../../src/model/quota.js';

/** A VmSku with sensible defaults for engine tests; override what the test is about. */
export function vmSku(over: Partial<VmSku> & { name: string }): VmSku {
  return {
    series: 'test',
    quotaFamily: 'standardTestFamily',
    quotaName: 'Standard Test Family vCPUs',
    gpu: { model: 'A100-80GB-PCIe', count: 1, memoryGiB: 80, totalMemoryGiB: 80 },
    vcpus: 24,
    memoryGiB: 220,
    tempDiskGiB: 64,
    nvmeGiB: null,
    infiniband: false,
    nvlink: null,
    available: true,
    restrictions: [],
    factsFrom: 'test',
    ...over,
  };
}

/** A QuotaUsage from raw numbers, as toQuotaUsage builds it: `available` never goes below zero. */
export function usageOf(family: string, name: string, used: number, limit: number): QuotaUsage {
  return { family, name, used, limit, available: Math.max(0, limit - used) };
}
