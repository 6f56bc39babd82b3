import type { ComputeManagementClient } from '@azure/arm-compute';
import type { TokenCredential } from '@azure/identity';
import { InputError, RemoteError } from '../errors.js';
import { normalizeRegion } from '../model/names.js';
import type { QuotaListing, ReconSource, SkuListing, SourceInfo } from '../model/source.js';
import { toGpuopsError, unknownRegion, type AzureCallContext } from './live-errors.js';
import { ResourceSkuSchema, skuInRegion, toVmSku } from './resource-sku.js';
import { isoSeconds } from './time.js';
import { toQuotaUsage, UsageSchema } from './usage.js';

export { hasAzureConfig, resolveSubscription } from './subscription.js';

/** Service names used in messages, as the user will find them in Azure docs. */
export const SKUS_SERVICE = 'Azure Resource SKUs API';
export const USAGE_SERVICE = 'Azure Compute Usages API';
const DEFAULT_ENDPOINT = 'https://management.azure.com';
const DEFAULT_RETRIES = 3;

/** How to reach Azure; `endpoint`, `tlsCa` and `maxRetries` exist so tests can use a loopback server. */
export interface LiveSourceOptions {
  subscriptionId: string;
  credential: TokenCredential;
  endpoint?: string;
  tlsCa?: string | Buffer;
  maxRetries?: number;
}

/** DefaultAzureCredential (az login, env vars, managed identity), imported only when live mode runs. */
export async function defaultCredential(): Promise<TokenCredential> {
  // Lazy: @azure/identity pulls in MSAL; offline start-up must stay under 300 ms.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

function checkEndpoint(endpoint: string): string {
  // The SDK's bearer-token policy refuses to send a token over plain http, so fail early and clearly.
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    throw new InputError(`Azure endpoint "${endpoint}" is not an https:// URL`, {
      suggestion: `leave it unset to use ${DEFAULT_ENDPOINT}`,
    });
  }
  return endpoint.replace(/\/+$/, '');
}

function checkRegion(region: string): string {
  const name = normalizeRegion(region);
  // Region names are [a-z0-9]; anything else would also break out of the OData $filter string.
  if (!/^[a-z0-9]+$/.test(name)) throw unknownRegion(region, 'Azure region names are letters and digits only');
  return name;
}

async function createClient(opts: LiveSourceOptions, endpoint: string): Promise<ComputeManagementClient> {
  const { ComputeManagementClient } = await import('@azure/arm-compute');
  return new ComputeManagementClient(opts.credential, opts.subscriptionId, {
    endpoint,
    retryOptions: { maxRetries: opts.maxRetries ?? DEFAULT_RETRIES },
    userAgentOptions: { userAgentPrefix: 'gpuops' },
    ...(opts.tlsCa !== undefined ? { tlsOptions: { ca: opts.tlsCa } } : {}),
  });
}

/** Drains a paged SDK iterator (it follows `nextLink`), mapping failures to gpuops errors. */
async function drain<T>(pages: () => AsyncIterable<T>, ctx: AzureCallContext): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const item of pages()) out.push(item);
  } catch (err) {
    throw toGpuopsError(err, ctx);
  }
  return out;
}

function unexpected(service: string, index: number, issue: { path: PropertyKey[]; message: string }): RemoteError {
  const field = issue.path.map(String).join('.') || 'record';
  return new RemoteError(service, undefined, `returned an entry gpuops cannot read (item ${index}, ${field}: ${issue.message})`, {
    suggestion: 'report this with the region and the date; use an `az` export file meanwhile',
  });
}

function short(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** A ReconSource that reads Resource SKUs and Compute Usages from Azure Resource Manager. */
export function liveSource(opts: LiveSourceOptions): ReconSource {
  const endpoint = checkEndpoint(opts.endpoint ?? DEFAULT_ENDPOINT);
  let client: Promise<ComputeManagementClient> | undefined;
  const getClient = (): Promise<ComputeManagementClient> => (client ??= createClient(opts, endpoint));
  const info: SourceInfo = {
    kind: 'live',
    detail: `${SKUS_SERVICE} and ${USAGE_SERVICE} at ${endpoint} (subscription ${short(opts.subscriptionId)})`,
    asOf: isoSeconds(),
    offline: false,
  };
  const ctx = (service: string, region: string): AzureCallContext => ({
    service,
    region,
    endpoint,
    subscriptionId: opts.subscriptionId,
    maxRetries: opts.maxRetries ?? DEFAULT_RETRIES,
  });

  return {
    info,
    async listSkus(requested): Promise<SkuListing> {
      const region = checkRegion(requested);
      const c = await getClient();
      const raw = await drain(() => c.resourceSkus.list({ filter: `location eq '${region}'` }), ctx(SKUS_SERVICE, region));
      // A misspelt location is not an HTTP error for this API: the filtered list just comes back empty
      // (as `az vm list-skus --location nowhere` prints []), and every real region lists some SKUs.
      if (raw.length === 0) throw unknownRegion(requested, `${SKUS_SERVICE} returned no SKUs for it`);
      const skus = raw.flatMap((item, index) => {
        const parsed = ResourceSkuSchema.safeParse(item);
        if (!parsed.success) throw unexpected(SKUS_SERVICE, index, parsed.error.issues[0]!);
        return skuInRegion(parsed.data, region) ? (toVmSku(parsed.data, region) ?? []) : [];
      });
      return { region, skus, source: { ...info, asOf: isoSeconds() } };
    },
    async listQuota(requested): Promise<QuotaListing> {
      const region = checkRegion(requested);
      const c = await getClient();
      const raw = await drain(() => c.usage.list(region), ctx(USAGE_SERVICE, region));
      const usages = raw.map((item, index) => {
        const parsed = UsageSchema.safeParse(item);
        if (!parsed.success) throw unexpected(USAGE_SERVICE, index, parsed.error.issues[0]!);
        return toQuotaUsage(parsed.data);
      });
      return { region, usages, source: { ...info, asOf: isoSeconds() } };
    },
  };
}
