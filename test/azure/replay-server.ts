import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback ARM look-alike for the official SDK clients. HTTPS because the SDK's bearer-token policy
// refuses to send a token over http; the certificate is a test-only self-signed one for 127.0.0.1.

const fixture = (rel: string): Buffer => readFileSync(new URL(`../fixtures/azure/${rel}`, import.meta.url));
const json = (rel: string): { value: unknown[]; nextLink: string | null } => JSON.parse(fixture(rel).toString('utf8'));

/** The CA a client must trust to talk to the replay server. */
export const TEST_CA = fixture('tls/test-only-127.0.0.1.cert.pem');
const TEST_KEY = fixture('tls/test-only-127.0.0.1.key.pem');

/** Subscription ids select the scenario the server plays. */
export const SUB = {
  ok: '00000000-0000-0000-0000-000000000001',
  throttledOnce: '00000000-0000-0000-0000-000000000429',
  throttled: '00000000-0000-0000-0000-00000000f429',
  forbidden: '00000000-0000-0000-0000-000000000403',
  unauthorized: '00000000-0000-0000-0000-000000000401',
  missing: '00000000-0000-0000-0000-000000000404',
} as const;

/** A region the server treats as nonexistent: an empty SKU list, and a 404 LocationNotAvailableForResourceType for usages. */
export const NO_SUCH_REGION = 'atlantis';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The request body, once it has been read. */
  body?: string;
}

/** A running replay server. */
export interface ReplayServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const armError = (code: string, message: string): unknown => ({ error: { code, message } });

function failureFor(sub: string, seenForSub: number): Reply | undefined {
  if (sub === SUB.throttled || (sub === SUB.throttledOnce && seenForSub === 1)) {
    return {
      status: 429,
      headers: { 'Retry-After': '0' },
      body: armError('SubscriptionRequestsThrottled', `Number of 'read' requests for subscription '${sub}' actually exceeded the limit.`),
    };
  }
  if (sub === SUB.forbidden) {
    return {
      status: 403,
      body: armError(
        'AuthorizationFailed',
        `The client 'test' does not have authorization to perform action 'Microsoft.Compute/skus/read' over scope '/subscriptions/${sub}' or the scope is invalid.`,
      ),
    };
  }
  if (sub === SUB.unauthorized) return { status: 401, body: armError('InvalidAuthenticationToken', 'The access token is invalid.') };
  if (sub === SUB.missing) return { status: 404, body: armError('SubscriptionNotFound', `The subscription '${sub}' could not be found.`) };
  return undefined;
}

function skus(base: string, url: URL): Reply {
  const filter = url.searchParams.get('$filter') ?? '';
  if (!filter.includes("'eastus'")) return { status: 200, body: { value: [], nextLink: null } };
  if (url.searchParams.get('$skiptoken') === 'page2') return { status: 200, body: json('skus/rest-eastus.page2.json') };
  const next = new URL(url.pathname, base);
  next.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
  next.searchParams.set('$filter', filter);
  next.searchParams.set('$skiptoken', 'page2');
  return { status: 200, body: { ...json('skus/rest-eastus.page1.json'), nextLink: next.toString() } };
}

function usages(region: string): Reply {
  if (region === NO_SUCH_REGION) {
    return {
      status: 404,
      body: armError(
        'LocationNotAvailableForResourceType',
        `The provided location '${region}' is not available for resource type 'Microsoft.Compute/locations/usages'.`,
      ),
    };
  }
  return { status: 200, body: json('usage/rest-usages.eastus.json') };
}

/** A region whose Retail Prices queries fail with 503, to test the fallback to catalog prices. */
export const RETAIL_FAILING_REGION = 'failregion';
/** A region whose first Retail Prices page links to another host, which a client must refuse to follow. */
export const RETAIL_OFFSITE_REGION = 'offsiteregion';
const RETAIL_PAGE_SIZE = 3;

/**
 * Azure Retail Prices look-alike (`GET /api/retail/prices?$filter=…`): filters the fixture's items by the
 * armSkuName and armRegionName of the filter and pages them with NextPageLink and $skip, as the API does.
 */
function retailPrices(base: string, url: URL): Reply {
  const filter = url.searchParams.get('$filter') ?? '';
  const wanted = (field: string) => new RegExp(`${field} eq '([^']*)'`).exec(filter)?.[1];
  const region = wanted('armRegionName');
  if (region === RETAIL_FAILING_REGION) return { status: 503, body: { Error: { Code: 'ServiceUnavailable', Message: 'try later' } } };
  if (region === RETAIL_OFFSITE_REGION) return { status: 200, body: { Items: [], NextPageLink: 'https://prices.example.invalid/api/retail/prices?$skip=100', Count: 0 } };
  const all = (JSON.parse(readFileSync(new URL('../fixtures/plan/retail-prices.json', import.meta.url), 'utf8')) as { Items: { armSkuName: string; armRegionName: string }[] }).Items;
  const sku = wanted('armSkuName');
  const items = all.filter((i) => (!sku || i.armSkuName.trim() === sku) && (!region || i.armRegionName === region));
  const skip = Number(url.searchParams.get('$skip') ?? 0);
  const page = items.slice(skip, skip + RETAIL_PAGE_SIZE);
  let next: string | null = null;
  if (skip + RETAIL_PAGE_SIZE < items.length) {
    const link = new URL(url.pathname, base);
    link.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
    link.searchParams.set('$filter', filter);
    link.searchParams.set('$skip', String(skip + RETAIL_PAGE_SIZE));
    next = link.toString();
  }
  return { status: 200, body: { BillingCurrency: 'USD', CustomerEntityId: 'Default', CustomerEntityType: 'Retail', Items: page, NextPageLink: next, Count: page.length } };
}

function route(base: string, req: IncomingMessage, count: (sub: string) => number): Reply {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/api/retail/prices') return retailPrices(base, url);
  const m = url.pathname.match(/^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Compute\/(skus|locations\/([^/]+)\/usages)$/);
  if (!m) return { status: 404, body: armError('InvalidResourceType', `No route for ${url.pathname}`) };
  const failure = failureFor(m[1]!, count(m[1]!));
  if (failure) return failure;
  return m[2] === 'skus' ? skus(base, url) : usages(decodeURIComponent(m[3]!));
}

/**
 * An estate the server plays for the inventory APIs: Resource Graph rows (paged by $skipToken), budgets
 * by scope, locks by subscription, and `az monitor metrics`-shaped documents by resource id (all keys lower-case).
 */
export interface InventoryScenario {
  rows: unknown[];
  budgets: Record<string, unknown[]>;
  locks: Record<string, unknown[]>;
  metrics: Record<string, unknown>;
}

const GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';

/** Resource Graph: POST body { subscriptions, query, options: { $top, $skipToken } }; the token is the next offset. */
function graph(scenario: InventoryScenario, body: string, count: (sub: string) => number): Reply {
  const req = JSON.parse(body || '{}') as { subscriptions?: string[]; options?: { $top?: number; $skipToken?: string } };
  const sub = req.subscriptions?.[0] ?? '';
  const failure = failureFor(sub, count(sub));
  if (failure) return failure;
  const top = req.options?.$top ?? 1000;
  const offset = Number(req.options?.$skipToken ?? '0');
  const data = scenario.rows.slice(offset, offset + top);
  const next = offset + top < scenario.rows.length ? String(offset + top) : undefined;
  return { status: 200, body: { totalRecords: scenario.rows.length, count: data.length, resultTruncated: 'false', ...(next ? { $skipToken: next } : {}), data } };
}

function inventoryRoute(scenario: InventoryScenario, method: string, path: string, body: string, count: (sub: string) => number): Reply | undefined {
  const lower = path.toLowerCase();
  if (method === 'POST' && lower === GRAPH_PATH) return graph(scenario, body, count);
  const budgets = /^(\/subscriptions\/[^/]+(?:\/resourcegroups\/[^/]+)?)\/providers\/microsoft\.consumption\/budgets$/.exec(lower);
  if (budgets) return { status: 200, body: { value: scenario.budgets[budgets[1]!] ?? [] } };
  const locks = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/locks$/.exec(lower);
  if (locks) return { status: 200, body: { value: scenario.locks[locks[1]!] ?? [] } };
  const metrics = /^(.+)\/providers\/microsoft\.insights\/metrics$/.exec(lower);
  if (metrics) {
    const doc = scenario.metrics[decodeURIComponent(metrics[1]!)];
    return doc ? { status: 200, body: doc } : { status: 200, body: { cost: 0, timespan: '', interval: 'PT1H', value: [] } };
  }
  return undefined;
}

/** Starts the replay server on 127.0.0.1 with a random port; with an inventory scenario it also plays the inventory APIs. */
export async function startReplayServer(options: { inventory?: InventoryScenario } = {}): Promise<ReplayServer> {
  const seen: SeenRequest[] = [];
  const perSub = new Map<string, number>();
  const count = (sub: string) => {
    perSub.set(sub, (perSub.get(sub) ?? 0) + 1);
    return perSub.get(sub)!;
  };
  let base = '';
  const server: Server = createServer({ cert: TEST_CA, key: TEST_KEY }, (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const entry: SeenRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization };
    seen.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      entry.body = body;
      const reply = (options.inventory && inventoryRoute(options.inventory, req.method ?? 'GET', url.pathname, body, count)) || route(base, req, count);
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
