import { describe, expect, it } from 'vitest';
import { usageOf, vmSku } from '../../test/support/sku.js';
import { canDeploy, notOffered } from './can-deploy.js';

const a100 = vmSku({ name: 'Standard_NC24ads_A100_v4', quotaFamily: 'StandardNCADSA100v4Family', vcpus: 24 });
const usages = [
  usageOf('cores', 'Total Regional vCPUs', 40, 100),
  usageOf('lowPriorityCores', 'Total Regional Spot vCPUs', 0, 30),
  // real data: usage id spelled with a lower-case s, the SKU family with an upper-case S
  usageOf('standardNCADSA100v4Family', 'Standard NCADS_A100_v4 Family vCPUs', 0, 48),
];

describe('canDeploy', () => {
  it('fits when family and regional cores both have room', () => {
    const a = canDeploy({ sku: a100, count: 2, region: 'eastus2', usages });
    expect(a).toMatchObject({ deployable: true, vcpusNeeded: 48, shortfallVcpus: 0, reasons: [], quotaRequests: [] });
    expect(a.family).toEqual({ id: 'standardNCADSA100v4Family', used: 0, limit: 48, available: 48 });
    expect(a.regional).toEqual({ id: 'cores', used: 40, limit: 100, available: 60 });
  });

  it('needs the vCPUs in the family: 3 x 24 = 72 > 48', () => {
    const a = canDeploy({ sku: a100, count: 3, region: 'eastus2', usages, subscriptionId: 'sub-1' });
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toEqual(['FAMILY_QUOTA', 'REGIONAL_QUOTA']);
    expect(a.shortfallVcpus).toBe(24);
    expect(a.quotaRequests.map((q) => [q.quota, q.currentLimit, q.newLimit])).toEqual([
      ['standardNCADSA100v4Family', 48, 72],
      ['cores', 100, 112],
    ]);
    expect(a.quotaRequests[0]!.command).toBe(
      'az quota update --resource-name standardNCADSA100v4Family --scope /subscriptions/sub-1/providers/Microsoft.Compute/locations/eastus2 --limit-object value=72 --resource-type dedicated',
    );
    expect(a.leadTime).toMatch(/24–72 hours/);
  });

  it('needs the vCPUs in cores too, even when the family has room', () => {
    const tight = [usageOf('cores', 'Total Regional vCPUs', 90, 100), usages[2]!];
    const a = canDeploy({ sku: a100, count: 1, region: 'eastus2', usages: tight });
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toEqual(['REGIONAL_QUOTA']);
    expect(a.shortfallVcpus).toBe(14);
  });

  it('spot draws on lowPriorityCores, not on the family or cores', () => {
    const noFamily = [usageOf('cores', 'Total Regional vCPUs', 100, 100), usageOf('lowPriorityCores', 'Spot', 0, 30)];
    expect(canDeploy({ sku: a100, count: 1, region: 'eastus2', spot: true, usages: noFamily })).toMatchObject({
      deployable: true,
      regional: { id: 'lowPriorityCores', available: 30 },
      family: null,
    });
    const two = canDeploy({ sku: a100, count: 2, region: 'eastus2', spot: true, usages: noFamily });
    expect(two.deployable).toBe(false);
    expect(two.reasons.map((r) => r.code)).toEqual(['SPOT_QUOTA']);
    expect(two.shortfallVcpus).toBe(18);
  });

  it('a Location restriction blocks the region whatever the quota', () => {
    const sku = { ...a100, available: false, restrictions: [{ type: 'Location' as const, reason: 'NotAvailableForSubscription' }] };
    const a = canDeploy({ sku, count: 1, region: 'eastus2', usages });
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((r) => r.code)).toEqual(['LOCATION_RESTRICTED']);
  });

  it('a Zone restriction blocks only the listed zones', () => {
    const sku = { ...a100, zones: ['1', '2', '3'], restrictions: [{ type: 'Zone' as const, reason: 'NotAvailableForSubscription', zones: ['3'] }] };
    expect(canDeploy({ sku, count: 1, region: 'eastus2', usages }).deployable).toBe(true);
    expect(canDeploy({ sku, count: 1, region: 'eastus2', zone: '1', usages }).deployable).toBe(true);
    const z3 = canDeploy({ sku, count: 1, region: 'eastus2', zone: '3', usages });
    expect(z3.deployable).toBe(false);
    expect(z3.reasons.map((r) => r.code)).toEqual(['ZONE_RESTRICTED']);
  });

  it('a zone the size is not offered in is refused', () => {
    const sku = { ...a100, zones: ['1', '2'] };
    expect(canDeploy({ sku, count: 1, region: 'eastus2', zone: '3', usages }).reasons.map((r) => r.code)).toEqual(['ZONE_NOT_OFFERED']);
  });

  it('offline quota is unknown, never invented', () => {
    const a = canDeploy({ sku: { ...a100, available: null }, count: 1, region: 'eastus2', usages: null });
    expect(a.deployable).toBeNull();
    expect(a.family).toBeNull();
    expect(a.shortfallVcpus).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['AVAILABILITY_UNKNOWN', 'QUOTA_UNKNOWN']);
  });

  it('a family missing from the usage data is unknown, and a known block still wins', () => {
    const a = canDeploy({ sku: a100, count: 1, region: 'eastus2', usages: [usages[0]!] });
    expect(a.deployable).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['FAMILY_QUOTA_MISSING']);
    const blocked = canDeploy({ sku: a100, count: 5, region: 'eastus2', usages: [usages[0]!] });
    expect(blocked.deployable).toBe(false);
  });

  it('retired sizes and sizes that cannot run as Spot are refused', () => {
    const old = { ...a100, retirement: '2025-09-30' };
    expect(canDeploy({ sku: old, count: 1, region: 'eastus', usages, today: '2026-11-27' }).reasons[0]!.code).toBe('RETIRED');
    expect(canDeploy({ sku: old, count: 1, region: 'eastus', usages, today: '2025-01-01' }).deployable).toBe(true);
    const noSpot = { ...a100, lowPriorityCapable: false };
    expect(canDeploy({ sku: noSpot, count: 1, region: 'eastus', usages, spot: true }).reasons[0]!.code).toBe('SPOT_NOT_SUPPORTED');
  });
});

describe('notOffered', () => {
  it('is a negative answer that names where the size is priced, at most eight regions', () => {
    const regions = ['eastus', 'eastus2', 'westus2', 'westus3', 'northeurope', 'westeurope', 'uksouth', 'japaneast', 'swedencentral'];
    const a = notOffered({ sku: 'Standard_ND96isr_H200_v5', vcpus: 96, count: 2, region: 'brazilsouth', offeredIn: regions });
    expect(a).toMatchObject({ deployable: false, vcpusNeeded: 192, family: null, shortfallVcpus: null });
    expect(a.reasons).toEqual([{ code: 'NOT_OFFERED', message: 'Standard_ND96isr_H200_v5 is not offered in brazilsouth; it is priced in eastus, eastus2, westus2, westus3, northeurope, westeurope, uksouth, japaneast, …' }]);
    expect(notOffered({ sku: 'X', vcpus: null, count: 1, region: 'r', offeredIn: [] }).reasons[0]!.message).toBe('X is not offered in r');
  });
});
