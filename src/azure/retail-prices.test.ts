import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../errors.js';
import { RETAIL_FAILING_REGION, RETAIL_OFFSITE_REGION, startReplayServer, TEST_CA, type ReplayServer } from '../../test/azure/replay-server.js';
import { fetchRetailItems, retailQuotes, toQuotes, type RetailItem } from './retail-prices.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.seen.length = 0;
});

const opts = () => ({ baseUrl: server.url, ca: TEST_CA });
const now = () => new Date('2026-11-27T10:00:00Z');
const retailRequests = () => server.seen.filter((r) => r.path === '/api/retail/prices');

describe('Retail Prices client against the loopback server (the live code path)', () => {
  it('follows NextPageLink to the last page and sends the OData filter', async () => {
    const items = await fetchRetailItems("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus2' and armSkuName eq 'Standard_NC24ads_A100_v4'", opts());
    // 9 items in the fixture for this size, 3 per page; the negative price is dropped at the boundary.
    expect(retailRequests().map((r) => r.query.get('$skip'))).toEqual([null, '3', '6']);
    expect(retailRequests()[0]!.query.get('$filter')).toContain("armSkuName eq 'Standard_NC24ads_A100_v4'");
    expect(items).toHaveLength(8);
    expect(items.every((i) => i.unitPrice >= 0 && i.armSkuName === 'Standard_NC24ads_A100_v4')).toBe(true);
  });

  it('keeps Linux pay-as-you-go, Spot and reservations; drops Windows, Low Priority and DevTest', async () => {
    const quotes = await retailQuotes('Standard_NC24ads_A100_v4', 'eastus2', opts(), now);
    const byKind = quotes.map((q) => [q.kind, q.perHour] as const).sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(byKind).toEqual([
      ['payg', 3.5],
      ['payg', 3.673],
      ['reservation-1y', 19732 / 8760],
      ['reservation-3y', 37668 / 26280],
      ['spot', 0.4775],
    ]);
    expect(quotes.every((q) => q.asOf === '2026-11-27T10:00:00Z')).toBe(true);
  });

  it('drops products named "… Win" (some H100 meters) as Windows', async () => {
    const quotes = await retailQuotes('Standard_NC40ads_H100_v5', 'eastus2', opts(), now);
    expect(quotes.map((q) => [q.kind, q.perHour])).toEqual([['payg', 6.98]]);
  });

  it('a size with no items gives no quotes (never a 0 price)', async () => {
    expect(await retailQuotes('Standard_NC8as_T4_v3', 'eastus2', opts(), now)).toEqual([]);
  });

  it('a 503 is a RemoteError naming the service and the status', async () => {
    const err = await retailQuotes('Standard_NC24ads_A100_v4', RETAIL_FAILING_REGION, opts(), now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(503);
    expect((err as RemoteError).message).toMatch(/^Azure Retail Prices API returned HTTP 503/);
  });

  it('refuses a NextPageLink to another host (and never contacts it)', async () => {
    const err = await retailQuotes('Standard_NC24ads_A100_v4', RETAIL_OFFSITE_REGION, opts(), now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).message).toMatch(/NextPageLink points to another host \(https:\/\/prices\.example\.invalid\); refusing/);
    expect(retailRequests()).toHaveLength(1);
  });

  it('a closed port is a RemoteError saying it cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const err = await fetchRetailItems('x', { baseUrl: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).message).toMatch(/cannot be reached/);
  });
});

describe('toQuotes', () => {
  const item = (over: Partial<RetailItem>): RetailItem => ({
    currencyCode: 'USD', unitPrice: 1, armRegionName: 'eastus2', armSkuName: 'Standard_X', productName: 'Virtual Machines X Series',
    skuName: 'X', type: 'Consumption', unitOfMeasure: '1 Hour', ...over,
  });

  it('converts whole-term reservation prices to per hour (8,760 h a year)', () => {
    const q = toQuotes([item({ type: 'Reservation', reservationTerm: '3 Years', unitPrice: 26280 })], now());
    expect(q.map((x) => [x.kind, x.perHour])).toEqual([['reservation-3y', 1]]);
  });

  it('skips items not priced per hour and reservation terms it does not know', () => {
    expect(toQuotes([item({ unitOfMeasure: '1/Month' }), item({ type: 'Reservation', reservationTerm: '5 Years' })], now())).toEqual([]);
  });
});
