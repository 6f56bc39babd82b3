import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployAnswer } from '../../src/recon/can-deploy.js';
import type { ReconReport } from '../../src/recon/report.js';
import { startReplayServer, SUB, TEST_CA, type ReplayServer } from '../azure/replay-server.js';
import { cli } from '../support/cli.js';

// The whole CLI in live mode: the official @azure/arm-compute client, a static test credential,
// and a loopback HTTPS server replaying REST-shaped pages. Nothing leaves 127.0.0.1.
let server: ReplayServer;
const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const azure = () => ({ azure: { credential, endpoint: server.url, tlsCa: TEST_CA, maxRetries: 1 } });

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

describe('live mode through the CLI', () => {
  it('recon --live reads both SKU pages and the usages, and answers from them', async () => {
    const r = await cli(['recon', '--region', 'eastus', '--live', '--subscription', SUB.ok, '-o', 'json'], azure());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = r.json<ReconReport>();
    expect(rep.source.kind).toBe('live');
    expect(rep.source.offline).toBe(false);
    expect(rep.t4Skus.map((s) => s.sku)).toEqual(['Standard_NC16as_T4_v3']);
    expect(rep.a100Skus.map((s) => s.sku)).toEqual(['Standard_NC24ads_A100_v4']);
    expect(rep.singleA100).toMatchObject({ sku: 'Standard_NC24ads_A100_v4', deployable: true });
    expect(rep.quotas!.find((q) => q.family === 'standardNCASv3_T4Family')).toEqual({
      family: 'standardNCASv3_T4Family', name: expect.any(String), used: 16, limit: 64, available: 48,
    });
    const skuCalls = server.seen.filter((s) => s.path === `/subscriptions/${SUB.ok}/providers/Microsoft.Compute/skus`);
    expect(skuCalls.length).toBe(2); // page 1, then the nextLink
    expect(skuCalls[0]!.query.get('$filter')).toBe("location eq 'eastus'");
    expect(server.seen.every((s) => s.authorization === 'Bearer test-token')).toBe(true);
  });

  it('AZURE_SUBSCRIPTION_ID makes live the default; the fractional A10 stays 1/6 and the quota request names the subscription', async () => {
    const r = await cli(['can-deploy', 'Standard_NV6ads_A10_v5', '--count', '1', '--region', 'eastus', '-o', 'json'], { env: { AZURE_SUBSCRIPTION_ID: SUB.ok }, ...azure() });
    expect(r.code).toBe(1);
    const a = r.json<DeployAnswer>();
    // StandardNVADSA10v5Family: 12 used of 10 in the replayed usages: nothing free.
    expect(a).toMatchObject({ deployable: false, vcpusNeeded: 6, family: { id: 'StandardNVADSA10v5Family', available: 0 } });
    expect(a.quotaRequests[0]!.command).toContain(`/subscriptions/${SUB.ok}/providers/Microsoft.Compute/locations/eastus`);
    const skus = await cli(['skus', '--region', 'eastus', '--gpu', 'a10', '-o', 'json'], { env: { AZURE_SUBSCRIPTION_ID: SUB.ok }, ...azure() });
    expect(skus.json<{ gpu: { count: number; fraction: string } }[]>()[0]!.gpu).toMatchObject({ count: 1 / 6, fraction: '1/6' });
  });

  it('tells a person at a terminal what it is reading while they wait', async () => {
    const said: string[] = [];
    const r = await cli(['quota', '--region', 'eastus', '--live', '--subscription', SUB.ok, '-o', 'json'], { ...azure(), progress: (t) => said.push(t) });
    expect(r.code).toBe(0);
    expect(said).toEqual([`reading Resource SKUs for eastus from Azure (subscription ${SUB.ok})…`, 'reading Compute usages for eastus…']);
    expect(r.stderr).toBe('');
  });

  it('a 403 names the service and the status and says what to do (exit 3)', async () => {
    const r = await cli(['skus', '--region', 'eastus', '--live', '--subscription', SUB.forbidden], azure());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Azure Resource SKUs API returned HTTP 403/);
    expect(r.stderr).toMatch(/Reader/);
    expect(r.stderr).not.toContain('test-token');
  });

  it('429 after retries is a remote failure (exit 3) that says to retry later', async () => {
    const r = await cli(['quota', '--region', 'eastus', '--live', '--subscription', SUB.throttled], azure());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 429/);
  });

  it('an unknown region is bad input (exit 2) with the nearest known regions', async () => {
    const r = await cli(['skus', '--region', 'atlantis', '--live', '--subscription', SUB.ok], azure());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/atlantis/);
  });

  it('--live with no subscription anywhere is a clear error', async () => {
    const r = await cli(['skus', '--region', 'eastus', '--live'], azure());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--subscription/);
    expect(r.stderr).toMatch(/az login/);
  });
});

describe('live mode: the truth pass', () => {
  it('a size the complete live listing lacks is NOT_OFFERED (no), not unknown', async () => {
    const r = await cli(['can-deploy', 'Standard_ND96isr_H200_v5', '--region', 'eastus', '--live', '--subscription', SUB.ok, '-o', 'json'], azure());
    expect(r.code).toBe(1);
    const a = r.json<DeployAnswer>();
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((x) => x.code)).toEqual(['NOT_OFFERED']);
  });

  it('a retired size the API still lists is RETIRED (NC6s_v3, retired 2025-09-30)', async () => {
    const r = await cli(['can-deploy', 'Standard_NC6s_v3', '--region', 'eastus', '--live', '--subscription', SUB.ok, '-o', 'json'], azure());
    expect(r.code).toBe(1);
    const a = r.json<DeployAnswer>();
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((x) => x.code)).toContain('RETIRED');
  });
});

