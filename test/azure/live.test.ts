import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCredential, liveSource, type LiveSourceOptions } from '../../src/azure/live.js';
import { GpuopsError, InputError, RemoteError } from '../../src/errors.js';
import { NO_SUCH_REGION, startReplayServer, SUB, TEST_CA, type ReplayServer } from './replay-server.js';

const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }) };

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

const source = (subscriptionId: string, extra: Partial<LiveSourceOptions> = {}) =>
  liveSource({ subscriptionId, credential, endpoint: server.url, tlsCa: TEST_CA, maxRetries: 2, ...extra });

/** The gpuops error a promise rejects with; never one that shows the token. */
async function failure(p: Promise<unknown>): Promise<GpuopsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GpuopsError);
  const e = err as GpuopsError;
  expect(`${e.message} ${e.suggestion ?? ''}`).not.toContain('test-token');
  return e;
}

describe('liveSource against the replay server', () => {
  it('follows nextLink through both SKU pages, sending the location $filter and the bearer token', async () => {
    const listing = await source(SUB.ok).listSkus('eastus');
    expect(listing.skus.map((s) => s.name).sort()).toEqual([
      'Standard_D13_v2_Promo',
      'Standard_D2_v2',
      'Standard_D4s_v3',
      'Standard_NC16as_T4_v3',
      'Standard_NC24ads_A100_v4',
      'Standard_NC6s_v3',
      'Standard_NV6',
      'Standard_NV6ads_A10_v5',
    ]);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[0]!.path).toBe(`/subscriptions/${SUB.ok}/providers/Microsoft.Compute/skus`);
    expect(server.seen[0]!.query.get('$filter')).toBe("location eq 'eastus'");
    expect(server.seen[0]!.query.get('api-version')).toBe('2021-07-01');
    expect(server.seen[1]!.query.get('$skiptoken')).toBe('page2');
    expect(server.seen.map((r) => r.authorization)).toEqual(['Bearer test-token', 'Bearer test-token']);
    expect(listing.source).toMatchObject({ kind: 'live', offline: false });
    const promo = listing.skus.find((s) => s.name === 'Standard_D13_v2_Promo');
    expect(promo?.available).toBe(false);
    expect(listing.skus.find((s) => s.name === 'Standard_NV6ads_A10_v5')?.gpu.fraction).toBe('1/6');
  });

  it('reads Compute usages for the region', async () => {
    const quota = await source(SUB.ok).listQuota('EastUS');
    expect(server.seen[0]!.path).toBe(`/subscriptions/${SUB.ok}/providers/Microsoft.Compute/locations/eastus/usages`);
    expect(quota.region).toBe('eastus');
    expect(quota.usages).toHaveLength(9);
    expect(quota.usages?.find((u) => u.family === 'StandardNVADSA10v5Family')).toMatchObject({ used: 12, limit: 10, available: 0 });
  });

  it('retries a 429 with Retry-After and then succeeds', async () => {
    const quota = await source(SUB.throttledOnce).listQuota('eastus');
    expect(quota.usages).toHaveLength(9);
    expect(server.seen).toHaveLength(2);
  });

  it('gives up on endless 429s with a RemoteError (exit 3) about throttling', async () => {
    const err = await failure(source(SUB.throttled).listSkus('eastus'));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.exitCode).toBe(3);
    expect((err as RemoteError).status).toBe(429);
    expect(err.message).toBe('Azure Resource SKUs API returned HTTP 429: throttled: still HTTP 429 after 2 retries');
    expect(server.seen).toHaveLength(3);
  });

  it('names the service and status 403, and the Reader role', async () => {
    const err = await failure(source(SUB.forbidden).listQuota('eastus'));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toMatch(/^Azure Compute Usages API returned HTTP 403: access denied to subscription .*AuthorizationFailed/);
    expect(err.suggestion).toContain('Reader role');
  });

  it('maps 401 to NO_CREDENTIALS with the login hint', async () => {
    const err = await failure(source(SUB.unauthorized).listSkus('eastus'));
    expect(err.code).toBe('NO_CREDENTIALS');
    expect(err.exitCode).toBe(3);
    expect(err.suggestion).toBe('set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or sign in with: az login');
  });

  it('maps a credential that cannot log in to NO_CREDENTIALS without calling Azure', async () => {
    const unavailable = {
      getToken: async () => {
        throw Object.assign(new Error('Azure CLI not logged in'), { name: 'CredentialUnavailableError' });
      },
    };
    const err = await failure(source(SUB.ok, { credential: unavailable }).listSkus('eastus'));
    expect(err.code).toBe('NO_CREDENTIALS');
    expect(err.message).toBe('Azure Resource SKUs API failed: no usable Azure credentials were found');
    expect(server.seen).toHaveLength(0);
  });

  it('maps 404 LocationNotAvailableForResourceType to UNKNOWN_REGION (exit 2) with nearby regions', async () => {
    const err = await failure(source(SUB.ok).listQuota(NO_SUCH_REGION));
    expect(err).toBeInstanceOf(InputError);
    expect(err.code).toBe('UNKNOWN_REGION');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(`Region "${NO_SUCH_REGION}"`);
    expect(err.message).toContain('LocationNotAvailableForResourceType');
    expect(err.suggestion).toMatch(/^did you mean \w+/);
  });

  it('treats an empty SKU list as an unknown region', async () => {
    const err = await failure(source(SUB.ok).listSkus('eastus3'));
    expect(err.code).toBe('UNKNOWN_REGION');
    expect(err.suggestion).toContain('eastus');
  });

  it('rejects a region that is not a region name before building the $filter', async () => {
    const err = await failure(source(SUB.ok).listSkus("eastus' or name eq 'x"));
    expect(err.code).toBe('UNKNOWN_REGION');
    expect(server.seen).toHaveLength(0);
  });

  it('maps SubscriptionNotFound to an InputError naming the subscription', async () => {
    const err = await failure(source(SUB.missing).listSkus('eastus'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(SUB.missing);
  });

  it('names the endpoint when it cannot be reached', async () => {
    const port = await closedPort();
    const endpoint = `https://127.0.0.1:${port}`;
    const err = await failure(source(SUB.ok, { endpoint, maxRetries: 0 }).listSkus('eastus'));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toContain(`could not reach ${endpoint} (ECONNREFUSED`);
  });

  it('fails clearly when the server certificate is not trusted', async () => {
    const err = await failure(source(SUB.ok, { tlsCa: undefined, maxRetries: 0 }).listSkus('eastus'));
    expect(err.message).toContain(`could not reach ${server.url}`);
    expect(err.message).toMatch(/SELF_SIGNED|self.signed/i);
  });

  it('refuses a plain http endpoint, since the SDK would refuse to send the token', () => {
    expect(() => source(SUB.ok, { endpoint: 'http://127.0.0.1:1' })).toThrow(InputError);
  });
});

describe('defaultCredential', () => {
  it('builds a DefaultAzureCredential without asking it for a token', async () => {
    const cred = await defaultCredential();
    expect(cred.constructor.name).toBe('DefaultAzureCredential');
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
