import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostReport } from '../../src/model/workload-plan.js';
import { RETAIL_FAILING_REGION, startReplayServer, TEST_CA, type ReplayServer } from '../azure/replay-server.js';
import { cli } from '../support/cli.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

const live = () => ({ azure: { endpoint: server.url, tlsCa: TEST_CA } });

describe('gpuops cost, offline (catalog prices)', () => {
  it('prices 2 x ND96amsr for 60 h from the catalog and says so', async () => {
    const r = await cli(['cost', 'Standard_ND96amsr_A100_v4', '--count', '2', '--hours', '60', '--region', 'eastus2', '-o', 'json']);
    expect(r.code).toBe(0);
    const c = r.json<CostReport>();
    // The catalog's eastus2 price is 32.77/h (Karpenter's table of 2026-06-18).
    expect(c).toMatchObject({ sku: 'Standard_ND96amsr_A100_v4', count: 2, hours: 60, pricePerHour: 32.77, total: 3932.4, perMonth: 47844.2, pricing: 'payg' });
    expect(c.idle).toEqual({ scenario: 'the job crashes at 3 AM Saturday and the VMs run until Monday 9 AM', hours: 54, cost: 3539.16 });
    expect(c.source).toMatch(/2026-06-18/);
    expect(r.stderr).toMatch(/offline: prices from the embedded catalog/);
  });

  it('--days is 24 h a day; --spot uses the spot price', async () => {
    const r = await cli(['cost', 'NC24ads_A100_v4', '--days', '2', '--spot', '--region', 'eastus2', '-o', 'json']);
    const c = r.json<CostReport>();
    expect(c.hours).toBe(48);
    expect(c.pricing).toBe('spot');
    expect(c.pricePerHour).toBeLessThan(3.673);
    expect(c.total).toBe(Math.round(c.pricePerHour! * 48 * 100) / 100);
  });

  it('a reservation offline is not found: nulls, never 0, exit 1', async () => {
    const r = await cli(['cost', 'NC24ads_A100_v4', '--reservation', '1y', '--hours', '10', '--region', 'eastus2', '-o', 'json']);
    expect(r.code).toBe(1);
    const c = r.json<CostReport>();
    expect([c.pricePerHour, c.total, c.perMonth, c.idle.cost]).toEqual([null, null, null, null]);
    expect(r.stderr).toMatch(/unknown \(not 0\)/);
  });

  it('a retired size is priced where a sheet still lists it, and says it cannot be deployed again', async () => {
    const retired = await cli(['cost', 'Standard_NC24s_v3', '--hours', '5', '--region', 'eastus']);
    expect(retired.stderr).toMatch(/Standard_NC24s_v3 was retired on 2025-09-30 .*cannot be deployed again/);
    const current = await cli(['cost', 'Standard_NC24ads_A100_v4', '--hours', '5', '--region', 'eastus']);
    expect(current.stderr).not.toMatch(/retired/);
  });
});

describe('gpuops cost --live against the loopback Retail Prices server', () => {
  it('reads the Linux pay-as-you-go price live, with the most recent meter', async () => {
    const r = await cli(['cost', 'Standard_NC24ads_A100_v4', '--count', '8', '--hours', '60', '--region', 'eastus2', '--live', '-o', 'json'], live());
    expect(r.code).toBe(0);
    const c = r.json<CostReport>();
    expect(c.pricePerHour).toBe(3.673);
    expect(c.total).toBe(Math.round(3.673 * 8 * 60 * 100) / 100);
    expect(c.source).toMatch(/Azure Retail Prices API \(live/);
  });

  it('a 1-year reservation is its whole-term price over 8,760 hours', async () => {
    const r = await cli(['cost', 'Standard_NC24ads_A100_v4', '--reservation', '1y', '--hours', '730', '--region', 'eastus2', '--live', '-o', 'json'], live());
    const c = r.json<CostReport>();
    expect(c.pricePerHour).toBeCloseTo(19732 / 8760, 10);
    expect(c.perMonth).toBe(Math.round((19732 / 8760) * 730 * 100) / 100);
  });

  it('when the API fails, the catalog answers and the note says why', async () => {
    // The failing region is not a catalog region either: the fallback then reports the price not found.
    const r = await cli(['cost', 'Standard_NC24ads_A100_v4', '--region', RETAIL_FAILING_REGION, '--live', '-o', 'json'], live());
    expect(r.stderr).toMatch(/Azure Retail Prices API returned HTTP 503.*embedded catalog/);
    expect(r.json<CostReport>().pricePerHour).toBeNull();
    expect(r.code).toBe(1);
  });
});

describe('gpuops cost, bad input (exit 2)', () => {
  it.each([
    [['cost', 'Standard_NC24ads_A100_v4', '--hours', '-5', '--region', 'eastus2'], /--hours "-5" is not valid/],
    [['cost', 'Standard_NC24ads_A100_v4', '--hours', '0', '--region', 'eastus2'], /--hours "0" is not valid/],
    [['cost', 'Standard_NC24ads_A100_v4', '--hours', 'NaN', '--region', 'eastus2'], /--hours "NaN" is not valid/],
    [['cost', 'Standard_NC24ads_A100_v4', '--hours', '5', '--days', '1', '--region', 'eastus2'], /pass one of them/],
    [['cost', 'Standard_NC24ads_A100_v4', '--spot', '--reservation', '1y', '--region', 'eastus2'], /different prices/],
    [['cost', 'Standard_NC24ads_A100_v4', '--count', '0', '--region', 'eastus2'], /--count "0" is not valid/],
    [['cost', 'Standard_NC24ads_A100_v4', '--count', '2.5', '--region', 'eastus2'], /--count "2.5" is not valid/],
    [['cost', 'Standard_NC24ads_A100_v4', '--count', '99999999999', '--region', 'eastus2'], /--count "99999999999" is not valid: expected a whole number from 1 to 100,000/],
    [['cost', 'Standard_NC24ads_A100_v4'], /--region is required/],
    [['cost', 'Standard_NC24ads_A100_v4', '--region', 'mars'], /region "mars" is not among/],
    [['cost', 'Standard_NC24ads_A1000_v4', '--region', 'eastus2'], /did you mean Standard_NC24ads_A100_v4/],
  ])('%j', async (argv, message) => {
    const r = await cli([...argv, '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
