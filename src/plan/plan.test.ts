import { describe, expect, it } from 'vitest';
import { vmSku, usageOf } from '../../test/support/sku.js';
import type { PriceQuote, WorkloadRequest } from '../model/workload-plan.js';
import { canDeploy } from '../recon/can-deploy.js';
import { quotaRank, type RegionInput } from './candidates.js';
import { GUARDRAIL_DEFAULTS } from './guardrails.js';
import { makePlan } from './plan.js';

const NOW = '2026-11-27T10:00:00Z';
const request = (over: Partial<WorkloadRequest> = {}): WorkloadRequest => ({
  gpus: 8, gpu: 'A100', interconnect: 'nvlink', scratchGiB: null, purpose: 'fine-tuning', hours: 60, region: 'eastus2',
  deadline: '2026-12-02T09:00:00Z', spot: false, ...over,
});

// One 8-GPU NVLink size in its own family, one 1-GPU size; prices per VM-hour.
const big = vmSku({ name: 'Standard_Big8', quotaFamily: 'bigFamily', vcpus: 96, nvlink: true, infiniband: true, gpu: { model: 'A100-80GB-SXM', count: 8, memoryGiB: 80, totalMemoryGiB: 640 } });
const small = vmSku({ name: 'Standard_Small1', quotaFamily: 'smallFamily', vcpus: 24, nvlink: true, nvmeGiB: 894 });
const quote = (sku: string, perHour: number): PriceQuote => ({ sku, region: 'r', kind: 'payg', perHour, currency: 'USD', source: 'test prices', asOf: '2026-11-01' });

function region(name: string, skus = [big, small], usages: RegionInput['usages'] = null, prices: [string, number][] = [['Standard_Big8', 32], ['Standard_Small1', 3]]): RegionInput {
  return { region: name, skus, usages, prices: new Map(prices.map(([s, p]) => [s, quote(s, p)])) };
}

const plenty = [usageOf('bigFamily', 'Big', 0, 1000), usageOf('smallFamily', 'Small', 0, 1000), usageOf('cores', 'Total Regional vCPUs', 0, 2000)];
const plan = (regions: RegionInput[], over: Partial<WorkloadRequest> = {}, now = NOW) =>
  makePlan({ request: request(over), regions, now, guardrails: GUARDRAIL_DEFAULTS, source: 'test', subscriptionId: 'sub-1' });

describe('makePlan: candidates and requirements', () => {
  it('8 GPUs with NVLink is one 8-GPU VM; eight 1-GPU VMs miss the requirement and say why', () => {
    const p = plan([region('eastus2', [big, small], plenty)]);
    expect(p.candidates.map((c) => [c.sku, c.count, c.meetsRequirements])).toEqual([['Standard_Big8', 1, true], ['Standard_Small1', 8, false]]);
    expect(p.candidates[1]!.notes[0]).toMatch(/NVLink does not cross VMs/);
    expect(p.recommended).toEqual({ sku: 'Standard_Big8', count: 1, region: 'eastus2' });
  });

  it('without NVLink the cheaper 1-GPU VMs come first, noting Ethernet between VMs', () => {
    const p = plan([region('eastus2', [big, small], plenty)], { interconnect: 'any' });
    expect(p.candidates.map((c) => [c.sku, c.totalCost])).toEqual([['Standard_Small1', 8 * 3 * 60], ['Standard_Big8', 32 * 60]]);
    expect(p.candidates[0]!.notes).toContain('8 VMs talk over Ethernet (no InfiniBand): slower for multi-VM training');
  });

  it('scratch per VM: more NVMe than asked meets it, unknown NVMe is unknown', () => {
    const p = plan([region('eastus2', [big, small], plenty)], { interconnect: 'any', scratchGiB: 500 });
    expect(Object.fromEntries(p.candidates.map((c) => [c.sku, c.meetsRequirements]))).toEqual({ Standard_Small1: true, Standard_Big8: null });
  });

  it('each candidate carries exactly the can-deploy answer for the same question', () => {
    const usages = [usageOf('bigFamily', 'Big', 0, 0), usageOf('cores', 'Total Regional vCPUs', 10, 50)];
    const c = plan([region('eastus2', [big], usages)]).candidates[0]!;
    const same = canDeploy({ sku: big, count: 1, region: 'eastus2', usages, subscriptionId: 'sub-1', today: '2026-11-27' });
    expect(c.reasons).toEqual(same.reasons);
    expect(c.quotaRequests).toEqual(same.quotaRequests);
    expect(c.quota).toEqual({ deployable: false, shortfallVcpus: same.shortfallVcpus });
    expect(c.quotaRequestBodies.map((b) => [b.url, b.body.properties.limit.value, b.body.properties.resourceType])).toEqual([
      ['https://management.azure.com/subscriptions/sub-1/providers/Microsoft.Compute/locations/eastus2/providers/Microsoft.Quota/quotas/bigFamily?api-version=2025-09-01', 96, 'dedicated'],
      ['https://management.azure.com/subscriptions/sub-1/providers/Microsoft.Compute/locations/eastus2/providers/Microsoft.Quota/quotas/cores?api-version=2025-09-01', 106, 'dedicated'],
    ]);
  });

  it('Spot quota requests are resource type lowPriority', () => {
    const usages = [usageOf('lowPriorityCores', 'Total Regional Spot vCPUs', 0, 10)];
    const c = plan([region('eastus2', [{ ...big, lowPriorityCapable: true }], usages)], { spot: true }).candidates[0]!;
    expect(c.quotaRequestBodies.map((b) => [b.body.properties.name.value, b.body.properties.resourceType])).toEqual([['lowPriorityCores', 'lowPriority']]);
  });
});

describe('makePlan: ranking', () => {
  const okUsage = plenty;
  const shortUsage = [usageOf('bigFamily', 'Big', 0, 0), usageOf('cores', 'Total Regional vCPUs', 0, 2000)];
  const restricted = { ...big, available: false, restrictions: [{ type: 'Location' as const, reason: 'NotAvailableForSubscription' }] };

  it('deployable now, then quota unknown, then needs a request, then restricted; each by cost', () => {
    const p = plan([
      region('needsquota', [big], shortUsage, [['Standard_Big8', 10]]),
      region('restricted', [restricted], okUsage, [['Standard_Big8', 5]]),
      region('unknown', [big], null, [['Standard_Big8', 40]]),
      region('ok-dear', [big], okUsage, [['Standard_Big8', 50]]),
      region('ok-cheap', [big], okUsage, [['Standard_Big8', 30]]),
    ]);
    expect(p.candidates.map((c) => c.region)).toEqual(['ok-cheap', 'ok-dear', 'unknown', 'needsquota', 'restricted']);
    expect(p.candidates.find((c) => c.region === 'restricted')!.quota!.deployable).toBe(false);
    expect(p.recommended!.region).toBe('ok-cheap');
  });

  it('a restricted size is never recommended, even when it is the only one', () => {
    const p = plan([region('eastus2', [restricted], okUsage)]);
    expect(p.recommended).toBeNull();
    expect(p.warnings[0]).toMatch(/no candidate meets every requirement and can be deployed/);
  });

  it('an unpriced recommendation says its cost and budget are unknown', () => {
    const p = plan([region('a', [big], okUsage, [])]);
    expect(p.guardrails.budget.amount).toBeNull();
    expect(p.warnings).toContain('no pay-as-you-go price is known for Standard_Big8 in a: its cost and the budget amount are unknown, not 0');
  });

  it('an unpriced candidate ranks after priced ones in its group and has null costs', () => {
    const p = plan([region('a', [big], okUsage, []), region('b', [big], okUsage, [['Standard_Big8', 99]])]);
    expect(p.candidates.map((c) => [c.region, c.pricePerHour, c.totalCost])).toEqual([['b', 99, 5940], ['a', null, null]]);
  });
});

describe('quotaRank', () => {
  it('a reason that only says a fact is unknown (as can-deploy counts them) does not block', () => {
    const c = plan([region('eastus2', [big], [usageOf('bigFamily', 'Big', 0, 0), usageOf('cores', 'Total Regional vCPUs', 0, 2000)])]).candidates[0]!;
    expect(c.quota?.deployable).toBe(false);
    expect(quotaRank(c)).toBe(2);
    for (const code of ['ZONE_UNKNOWN', 'NOT_IN_EXPORT', 'AVAILABILITY_UNKNOWN'] as const) {
      expect(quotaRank({ ...c, reasons: [...c.reasons, { code, message: 'unknown' }] })).toBe(2);
    }
    expect(quotaRank({ ...c, reasons: [...c.reasons, { code: 'LOCATION_RESTRICTED', message: 'restricted' }] })).toBe(3);
  });
});

describe('makePlan: deadline and guardrails', () => {
  const shortUsage = [usageOf('bigFamily', 'Big', 0, 0), usageOf('cores', 'Total Regional vCPUs', 0, 2000)];

  it('files the quota request by the deadline minus 72 h', () => {
    const p = plan([region('eastus2', [big], shortUsage)]);
    expect(p.fileQuotaBy).toBe('2026-11-29T09:00:00Z');
    expect(p.warnings[0]).toMatch(/file the request by 2026-11-29T09:00:00Z/);
  });

  it('warns when it is already too late to count on the lead time', () => {
    const p = plan([region('eastus2', [big], shortUsage)], {}, '2026-11-30T10:00:00Z');
    expect(p.warnings[0]).toMatch(/^too late for the 72-hour quota lead time/);
  });

  it('no file-by time and no talk of "the recommended size" when nothing is recommended', () => {
    const none = plan([region('eastus2', [], plenty)]);
    expect(none.recommended).toBeNull();
    expect(none.fileQuotaBy).toBeNull();
    expect(none.warnings.filter((w) => /recommended size/.test(w))).toEqual([]);
    const blocked = plan([region('eastus2', [small], plenty)]);
    expect(blocked.recommended).toBeNull();
    expect(blocked.fileQuotaBy).toBeNull();
    expect(blocked.warnings.filter((w) => /recommended size/.test(w))).toEqual([]);
  });

  it('no file-by time when the recommended size is deployable now', () => {
    expect(plan([region('eastus2', [big], plenty)]).fileQuotaBy).toBeNull();
  });

  it('budget sized from the planned spend, alerts at 50/80/100% actual and 100% forecast', () => {
    const g = plan([region('eastus2', [big], plenty, [['Standard_Big8', 32.77]])]).guardrails;
    expect(g.budget.amount).toBe(Math.ceil(32.77 * 60));
    expect(g.budget.thresholds).toEqual([
      { percent: 50, type: 'Actual' }, { percent: 80, type: 'Actual' }, { percent: 100, type: 'Actual' }, { percent: 100, type: 'Forecasted' },
    ]);
    // deadline 2026-12-02T09:00 + 60 h + 1 day = 2026-12-05T21:00
    expect(g.tags).toEqual({ owner: null, 'cost-center': null, expires: '2026-12-05', workload: 'fine-tuning' });
    expect(g.checkpoints).toEqual({ container: 'checkpoints', lifecycle: { coolAfterDays: 7, archiveAfterDays: 30, deleteAfterDays: 90 } });
  });

  it('without hours the budget is one month of the recommended size', () => {
    const g = plan([region('eastus2', [big], plenty, [['Standard_Big8', 32.77]])], { hours: null }).guardrails;
    expect(g.budget.amount).toBe(Math.ceil(32.77 * 730));
  });
});
