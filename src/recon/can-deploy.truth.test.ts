// Regression tests of the "recon truth pass": answers that once said YES (or NOT_OFFERED) wrongly.
import { describe, expect, it } from 'vitest';
import { usageOf, vmSku } from '../../test/support/sku.js';
import { canDeploy, notOffered } from './can-deploy.js';

const a100 = vmSku({ name: 'Standard_NC24ads_A100_v4', quotaFamily: 'StandardNCADSA100v4Family', quotaName: 'Standard NCADS_A100_v4 Family vCPUs', vcpus: 24 });
const roomy = [
  usageOf('cores', 'Total Regional vCPUs', 0, 1000),
  usageOf('lowPriorityCores', 'Total Regional Spot vCPUs', 0, 10),
  usageOf('standardNCADSA100v4Family', 'Standard NCADS_A100_v4 Family vCPUs', 0, 1000),
];
const SUB = '00000000-0000-0000-0000-000000000001';

describe('zones', () => {
  it('a size offered in no zone of the region (zones: []) is not deployable in zone 2', () => {
    const a = canDeploy({ sku: { ...a100, zones: [] }, count: 1, region: 'eastus2', zone: '2', usages: roomy });
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toEqual(['ZONE_NOT_OFFERED']);
    expect(a.reasons[0]!.message).toContain('no availability zone');
  });

  it('a zone outside the offered ones is refused, an offered one passes', () => {
    const sku = { ...a100, zones: ['1', '3'] };
    expect(canDeploy({ sku, count: 1, region: 'eastus2', zone: '2', usages: roomy }).reasons.map((r) => r.code)).toEqual(['ZONE_NOT_OFFERED']);
    expect(canDeploy({ sku, count: 1, region: 'eastus2', zone: '3', usages: roomy }).deployable).toBe(true);
  });

  it('without --zone the zones do not matter', () => {
    expect(canDeploy({ sku: { ...a100, zones: [] }, count: 1, region: 'eastus2', usages: roomy }).deployable).toBe(true);
  });

  it('zones unknown to a source that knows availability make a zonal answer unknown, not yes', () => {
    const a = canDeploy({ sku: a100, count: 1, region: 'eastus2', zone: '1', usages: roomy });
    expect(a.deployable).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['ZONE_UNKNOWN']);
  });
});

describe('quota requests', () => {
  it('Spot asks for lowPriorityCores with resource type lowPriority, in the command and the body', () => {
    const a = canDeploy({ sku: a100, count: 1, region: 'eastus2', spot: true, usages: roomy, subscriptionId: SUB });
    expect(a.deployable).toBe(false);
    expect(a.quotaRequests).toHaveLength(1);
    const q = a.quotaRequests[0]!;
    expect(q).toMatchObject({ quota: 'lowPriorityCores', currentLimit: 10, newLimit: 24, resourceType: 'lowPriority' });
    expect(q.command).toBe(
      `az quota update --resource-name lowPriorityCores --scope /subscriptions/${SUB}/providers/Microsoft.Compute/locations/eastus2 --limit-object value=24 --resource-type lowPriority`,
    );
    expect(q.scope).toBe(`/subscriptions/${SUB}/providers/Microsoft.Compute/locations/eastus2`);
    expect(q.body).toEqual({ properties: { name: { value: 'lowPriorityCores' }, limit: { limitObjectType: 'LimitValue', value: 24 }, resourceType: 'lowPriority' } });
  });

  it('families and cores stay dedicated', () => {
    const tight = [usageOf('cores', 'Total Regional vCPUs', 0, 10), usageOf('standardNCADSA100v4Family', 'x', 0, 10)];
    const a = canDeploy({ sku: a100, count: 1, region: 'eastus2', usages: tight, subscriptionId: SUB });
    expect(a.quotaRequests.map((q) => [q.quota, q.resourceType, q.body.properties.resourceType])).toEqual([
      ['standardNCADSA100v4Family', 'dedicated', 'dedicated'],
      ['cores', 'dedicated', 'dedicated'],
    ]);
    expect(a.quotaRequests.every((q) => q.command.endsWith('--resource-type dedicated'))).toBe(true);
  });

  it('a family absent from the usage data gets its request: the whole deployment, current limit unknown', () => {
    const a = canDeploy({ sku: a100, count: 2, region: 'eastus2', usages: [roomy[0]!], subscriptionId: SUB });
    expect(a.deployable).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['FAMILY_QUOTA_MISSING']);
    expect(a.quotaRequests).toEqual([
      expect.objectContaining({ quota: 'StandardNCADSA100v4Family', name: 'Standard NCADS_A100_v4 Family vCPUs', currentLimit: null, newLimit: 48, resourceType: 'dedicated' }),
    ]);
    expect(a.quotaRequests[0]!.command).toContain('--resource-name StandardNCADSA100v4Family');
    expect(a.leadTime).not.toBeNull();
  });
});

describe('sizes absent from the listing', () => {
  const base = { sku: 'Standard_ND96isr_H200_v5', vcpus: 96, count: 1, region: 'eastus2', offeredIn: ['eastus2', 'westus3'] };

  it('a complete listing (live API) lacking the size: NOT_OFFERED, no', () => {
    const a = notOffered(base);
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toEqual(['NOT_OFFERED']);
  });

  it('an export lacking a size priced in the region: unknown, never "not offered", with how to re-export', () => {
    const a = notOffered({ ...base, export: { file: 'skus.json' } });
    expect(a.deployable).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['NOT_IN_EXPORT']);
    expect(a.reasons[0]!.message).toContain('restricted for the subscription');
    expect(a.reasons[0]!.message).toContain('az vm list-skus --location eastus2 --all -o json');
    expect(a.reasons[0]!.message).not.toMatch(/not offered/);
  });

  it('an incomplete export (nextLink) says the size may be on a page the file lacks', () => {
    const a = notOffered({ ...base, export: { file: 'page.json', incomplete: 'it is one page of a paged REST list (its nextLink is set), so the export is incomplete' } });
    expect(a.deployable).toBeNull();
    expect(a.reasons[0]!.message).toContain('may be on a page the file lacks');
  });

  it('a retired size is RETIRED (no) wherever it is missing from, but only from its date on', () => {
    const nc6 = { ...base, sku: 'Standard_NC6', vcpus: 6, offeredIn: [], retirement: '2023-09-06' };
    for (const a of [notOffered({ ...nc6, today: '2026-11-27' }), notOffered({ ...nc6, today: '2023-09-06', export: { file: 'x.json' } })]) {
      expect(a.deployable).toBe(false);
      expect(a.reasons.map((r) => r.code)).toEqual(['RETIRED']);
      expect(a.reasons[0]!.message).toContain('2023-09-06');
    }
    expect(notOffered({ ...nc6, today: '2023-09-05' }).reasons.map((r) => r.code)).toEqual(['NOT_OFFERED']);
  });

  it('a retired size that is listed (priced offline) is RETIRED too', () => {
    const sku = vmSku({ name: 'Standard_NC24rs_v3', retirement: '2025-09-30', available: null });
    const a = canDeploy({ sku, count: 1, region: 'eastus2', usages: null, today: '2026-11-27' });
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toContain('RETIRED');
  });
});

describe('the recon report leaves retired sizes out', () => {
  it('a retired size is neither the smallest GPU size nor a T4 answer', async () => {
    const { recon } = await import('./report.js');
    const skus = [
      vmSku({ name: 'Standard_NV4as_v4', gpu: { model: 'MI25', count: null, memoryGiB: null, totalMemoryGiB: null }, vcpus: 4, retirement: '2026-09-30' }),
      vmSku({ name: 'Standard_NC8as_T4_v3', gpu: { model: 'T4', count: 1, memoryGiB: 16, totalMemoryGiB: 16 }, vcpus: 8 }),
    ];
    const source = { kind: 'catalog' as const, detail: 'test', asOf: '2026-06-18', offline: true };
    const r = recon({ region: 'eastus', source, skus, usages: null, today: '2026-11-27' });
    expect(r.vcpuRange?.min.sku).toBe('Standard_NC8as_T4_v3');
    const before = recon({ region: 'eastus', source, skus, usages: null, today: '2026-09-29' });
    expect(before.vcpuRange?.min.sku).toBe('Standard_NV4as_v4');
  });
});
