import { describe, expect, it } from 'vitest';
import { CATALOG_DATE, knownRegions, normalizeRegion, priceFor, regionsOffering } from './prices.js';

const PAYG_SOURCE = 'Azure Retail Prices API (Linux pay-as-you-go, read 2026-06-18)';

describe('priceFor', () => {
  it('pay-as-you-go with SkyPilot spot below it', () => {
    expect(priceFor('Standard_NC24ads_A100_v4', 'eastus')).toEqual({
      paygPerHour: 3.673, spotPerHour: 0.444433, spotSource: 'SkyPilot catalog v6 (azure/vms.csv; undated, US regions only)',
      currency: 'USD', asOf: '2026-06-18', source: PAYG_SOURCE,
    });
  });

  it('drops "spot" prices that equal pay-as-you-go (SkyPilot H100 rows)', () => {
    expect(priceFor('Standard_ND96isr_H100_v5', 'eastus')).toEqual({ paygPerHour: 98.32, currency: 'USD', asOf: '2026-06-18', source: PAYG_SOURCE });
    expect(priceFor('Standard_NC40ads_H100_v5', 'eastus')?.spotPerHour).toBeUndefined();
  });

  it('no spot outside SkyPilot\'s US regions', () => {
    expect(priceFor('Standard_NC24ads_A100_v4', 'westeurope')).toEqual({ paygPerHour: 4.775, currency: 'USD', asOf: '2026-06-18', source: PAYG_SOURCE });
  });

  it('eastus2-only H200 and MI300X', () => {
    expect(priceFor('Standard_ND96isr_H200_v5', 'eastus2')?.paygPerHour).toBe(84.8);
    expect(priceFor('Standard_ND96isr_H200_v5', 'eastus')).toBeUndefined();
    expect(priceFor('Standard_ND96isr_MI300X_v5', 'eastus2')?.paygPerHour).toBe(48);
  });

  it('matches the fact table for eastus', () => {
    const eastus = Object.fromEntries(
      ['Standard_NC4as_T4_v3', 'Standard_NV6ads_A10_v5', 'Standard_NC6s_v3', 'Standard_ND40rs_v2', 'Standard_ND96amsr_A100_v4'].map((n) => [n, priceFor(n, 'eastus')?.paygPerHour]),
    );
    expect(eastus).toEqual({
      Standard_NC4as_T4_v3: 0.526, Standard_NV6ads_A10_v5: 0.454, Standard_NC6s_v3: 3.06, Standard_ND40rs_v2: 22.032, Standard_ND96amsr_A100_v4: 32.77,
    });
  });

  it('names and regions in any case, prefix optional', () => {
    expect(priceFor('nc24ads_a100_v4', 'East US')?.paygPerHour).toBe(3.673);
    expect(priceFor('Standard_NC24ads_A100_v4', 'nowhere')).toBeUndefined();
    expect(priceFor('Standard_D8s_v4', 'eastus')).toBeUndefined();
  });
});

describe('regions', () => {
  it('regionsOffering lists the regions with a price row', () => {
    expect(regionsOffering('Standard_ND96isr_H200_v5')).toHaveLength(28);
    expect(regionsOffering('Standard_ND40rs_v2')).toEqual(['eastus', 'southcentralus', 'southeastasia', 'westeurope', 'westus2']);
    expect(regionsOffering('Standard_NC6')).toEqual([]);
  });

  it('knownRegions is the sorted union of both tables', () => {
    const regions = knownRegions();
    expect(regions).toHaveLength(52);
    expect(regions).toEqual([...regions].sort());
    expect(regions).toContain('eastus2');
    expect(regions).toContain('chilecentral');
  });

  it('normalizeRegion', () => {
    expect(normalizeRegion('East US 2')).toBe('eastus2');
    expect(CATALOG_DATE).toBe('2026-06-18');
  });
});
