import { describe, expect, it } from 'vitest';
import { catalogSku, driverPath, generate, hclInventory, OVERRIDES, parseTerraform, selfCheck, type GpuSize, type ProvisionRequest } from '../../src/index.js';

// The library writes the same stacks without the CLI: the caller gives every fact (no clock, no I/O).
describe('provision as a library', () => {
  const sku = catalogSku('Standard_NC24ads_A100_v4')!;
  const driver = driverPath(sku, 'NVIDIA');
  if (driver.kind === 'unsupported') throw new Error('expected a driver path');
  const size: GpuSize = { name: sku.name, gpus: '1 x A100', infiniband: false, nvmeGiB: sku.nvmeGiB, driver, pricePerHour: 3.5, spotPerHour: null };
  const req: ProvisionRequest = {
    blueprint: 'training', format: 'terraform', name: 'lib-test', region: 'westeurope', sku: sku.name, count: 2, scaleSet: false, spot: false,
    owner: 'ops@example.com', costCenter: 'cc', expires: '2027-01-31', budget: 1000, notify: 'ops@example.com', shutdown: '2000', timezone: 'UTC',
    lock: true, checkpointDays: 30, hours: 10, adminUsername: 'azureuser', overrides: [], today: '2026-11-27',
  };

  it('generates Terraform whose self-check passes, and prices the run from the size given', async () => {
    const out = generate(req, size, { priceSource: 'test prices', quota: ['not checked'] });
    expect(Object.keys(out.files)).toEqual(['main.tf', 'outputs.tf', 'README.md', 'variables.tf', 'versions.tf']);
    expect(out.files['README.md']).toContain('GPU compute: $7.00 per hour; per run of 10 h: $70.00; $5,110.00 per month');
    const inventory = hclInventory(await parseTerraform(out.terraform, 'lib'), 'lib');
    expect(selfCheck(inventory, [], req.today, true)).toMatchObject({ rules: [], ok: true });
  });

  it('names each override with its flag and the rule that reports it', () => {
    expect(Object.values(OVERRIDES).map((o) => `${o.flag}=${o.rule}`)).toEqual([
      '--allow-no-tags=GPU001', '--allow-no-shutdown=GPU003', '--allow-no-budget=GPU005', '--allow-no-lock=GPU012', '--allow-public-network=AI001', '--allow-key-auth=AI003',
    ]);
  });
});
