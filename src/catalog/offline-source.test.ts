import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { catalogSource } from './offline-source.js';

describe('catalogSource', () => {
  const source = catalogSource();

  it('says it is the offline catalog and its date', () => {
    expect(source.info).toEqual({ kind: 'catalog', detail: 'embedded catalog (offline)', asOf: '2026-06-18', offline: true });
  });

  it('lists the sizes priced in a region, availability unknown', async () => {
    const listing = await source.listSkus('eastus2');
    expect(listing.region).toBe('eastus2');
    expect(listing.source).toBe(source.info);
    const a100 = listing.skus.find((s) => s.name === 'Standard_NC24ads_A100_v4');
    expect(a100).toMatchObject({ available: null, restrictions: [], vcpus: 24, quotaFamily: 'StandardNCADSA100v4Family' });
    expect(a100?.price?.paygPerHour).toBe(3.673);
    expect(listing.skus.map((s) => s.name)).toContain('Standard_ND96isr_H200_v5');
    expect(listing.skus.every((s) => s.price !== undefined && s.available === null)).toBe(true);
  });

  it('leaves out sizes without a price row there and non-GPU accelerators', async () => {
    const names = (await source.listSkus('westeurope')).skus.map((s) => s.name);
    expect(names).not.toContain('Standard_ND96isr_H200_v5');
    expect(names).toContain('Standard_NC24ads_A100_v4');
    const eastus = (await source.listSkus('eastus')).skus.map((s) => s.name);
    expect(eastus.some((n) => n.startsWith('Standard_NP') || n.startsWith('Standard_NM'))).toBe(false);
  });

  it('accepts display-style region names', async () => {
    expect((await source.listSkus('East US 2')).region).toBe('eastus2');
  });

  it('returned sizes are copies the caller may change', async () => {
    const first = await source.listSkus('eastus');
    first.skus[0]!.gpu.count = 99;
    const again = await source.listSkus('eastus');
    expect(again.skus[0]!.gpu.count).not.toBe(99);
  });

  it('quota is unknown offline', async () => {
    expect(await source.listQuota('eastus')).toEqual({ region: 'eastus', usages: null, source: source.info });
  });

  it('unknown region: InputError UNKNOWN_REGION with the nearest names', async () => {
    const error = await source.listSkus('eastus9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'UNKNOWN_REGION',
      exitCode: 2,
      message: 'region "eastus9" is not among the 52 regions the embedded catalog knows',
    });
    expect((error as InputError).suggestion).toMatch(/^did you mean eastus, eastus2, /);
    await expect(source.listQuota('moon')).rejects.toMatchObject({ code: 'UNKNOWN_REGION' });
  });
});
