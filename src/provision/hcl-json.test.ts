import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { catalogSku } from '../catalog/index.js';
import { driverPath } from './drivers.js';
import { generate } from './generate.js';
import type { GpuSize } from './gpu-vms.js';
import type { ProvisionRequest } from './request.js';

// The self-check reads hclJson's output instead of parsing; it must be exactly what hcl2json parses.
function size(name: string): GpuSize {
  const sku = catalogSku(name)!;
  const driver = driverPath(sku, 'NVIDIA');
  if (driver.kind === 'unsupported') throw new Error(name);
  return { name: sku.name, gpus: 'g', infiniband: sku.infiniband === true, nvmeGiB: sku.nvmeGiB, driver, pricePerHour: 1, spotPerHour: 0.5 };
}

const base: ProvisionRequest = {
  blueprint: 'training', format: 'terraform', name: 'eq-test', region: 'eastus2', sku: 'Standard_NC24ads_A100_v4', count: 3, scaleSet: false, spot: false,
  owner: 'o@example.com', costCenter: 'c "quoted" ${not-a-template}', expires: '2027-01-01', budget: 100, notify: 'o@example.com', shutdown: '1900', timezone: 'UTC',
  lock: true, checkpointDays: 90, hours: null, adminUsername: 'azureuser', overrides: [], today: '2026-11-27',
};

describe('hclJson equals hcl2json\'s parse of the written files', () => {
  it.each([
    ['training', base, 'Standard_NC24ads_A100_v4'],
    ['training, scale set, Spot, InfiniBand', { ...base, scaleSet: true, spot: true, sku: 'Standard_ND96isr_H100_v5' }, 'Standard_ND96isr_H100_v5'],
    ['inference with VMs, overrides', { ...base, blueprint: 'inference', overrides: ['allow-public-network', 'allow-key-auth', 'allow-no-tags'] }, 'Standard_NC24ads_A100_v4'],
    ['aks, Spot, no budget', { ...base, blueprint: 'aks', spot: true, lock: false, overrides: ['allow-no-budget'] }, 'Standard_NC24ads_A100_v4'],
  ] as Array<[string, ProvisionRequest, string]>)('%s', async (_name, req, sku) => {
    const g = generate(req, size(sku), { priceSource: 'p', quota: [] });
    const names = Object.keys(g.terraform);
    for (const [i, name] of names.entries()) {
      expect(g.terraformJson[i], name).toEqual(await parse(name, g.terraform[name]!));
    }
  });
});
