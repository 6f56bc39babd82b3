import { describe, expect, it } from 'vitest';
import { canDeploy, gpuQuota, loadCatalog, toQuotaUsage } from '../../src/index.js';

describe('the library without the CLI', () => {
  it('answers can-deploy from the catalog and a usage list', async () => {
    const catalog = loadCatalog();
    const { skus } = await catalog.listSkus('westeurope');
    const sku = skus.find((s) => s.name === 'Standard_NC24ads_A100_v4')!;
    expect(sku.price?.paygPerHour).toBeGreaterThan(0);
    const usages = [
      toQuotaUsage({ name: { value: 'cores', localizedValue: 'Total Regional vCPUs' }, currentValue: '0', limit: '100', unit: 'Count' }),
      toQuotaUsage({ name: { value: 'standardNCADSA100v4Family', localizedValue: 'Standard NCADS_A100_v4 Family vCPUs' }, currentValue: 24, limit: 48, unit: 'Count' }),
    ];
    expect(gpuQuota(usages, skus).map((u) => [u.family, u.available])).toEqual([['standardNCADSA100v4Family', 24], ['cores', 100]]);
    // availability is unknown offline, so the answer is unknown even though quota fits
    expect(canDeploy({ sku, count: 1, region: 'westeurope', usages }).deployable).toBeNull();
    expect(canDeploy({ sku: { ...sku, available: true }, count: 1, region: 'westeurope', usages }).deployable).toBe(true);
    expect(canDeploy({ sku: { ...sku, available: true }, count: 2, region: 'westeurope', usages }).shortfallVcpus).toBe(24);
  });
});
