import type { TokenCredential } from '@azure/core-auth';
import { InputError, RemoteError } from '../../errors.js';
import { combineInventories, type Inventory, type InventoryResource, type Unreadable } from '../../model/inventory.js';
import { toGpuopsError, type AzureCallContext } from '../live-errors.js';
import { inventoryFromRecords, RecordConverter } from './files.js';
import { metricsFromDocument } from './metrics.js';

/** Services named in messages, as Azure docs name them. */
export const GRAPH_SERVICE = 'Azure Resource Graph';
export const BUDGETS_SERVICE = 'Azure Consumption Budgets API';
export const LOCKS_SERVICE = 'Azure Management Locks API';
export const METRICS_SERVICE = 'Azure Monitor Metrics API';

const DEFAULT_ENDPOINT = 'https://management.azure.com';
/** Resource Graph's largest page. */
export const GRAPH_PAGE = 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Only the types the rules read (plus resource groups); everything else would be counted and never checked.
const TYPES = [
  'microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets', 'microsoft.containerservice/managedclusters',
  'microsoft.network/networkinterfaces', 'microsoft.network/publicipaddresses', 'microsoft.network/networksecuritygroups',
  'microsoft.network/virtualnetworks', 'microsoft.devtestlab/schedules', 'microsoft.cognitiveservices/accounts',
  'microsoft.network/privateendpoints', 'microsoft.machinelearningservices/workspaces',
  'microsoft.machinelearningservices/workspaces/onlineendpoints', 'microsoft.machinelearningservices/workspaces/computes',
  'microsoft.storage/storageaccounts', 'microsoft.insights/autoscalesettings',
];

/** The Resource Graph query the live inventory runs (also what `az graph query -q` should be given for a file). */
export const GRAPH_QUERY = `Resources | where type in~ (${TYPES.map((t) => `'${t}'`).join(', ')}) `
  + '| union (ResourceContainers | where type =~ \'microsoft.resources/subscriptions/resourcegroups\') '
  + '| project id, name, type, kind, location, resourceGroup, subscriptionId, tags, sku, properties';

/** How to reach Azure; endpoint, tlsCa and maxRetries exist so tests can use the loopback replay server. */
export interface LiveInventoryOptions {
  subscriptionIds: string[];
  credential: TokenCredential;
  endpoint?: string;
  tlsCa?: string | Buffer;
  maxRetries?: number;
  progress?: (text: string) => void;
}

function clientOptions(o: LiveInventoryOptions, endpoint: string) {
  return {
    endpoint,
    retryOptions: { maxRetries: o.maxRetries ?? 3 },
    userAgentOptions: { userAgentPrefix: 'gpuops' },
    ...(o.tlsCa !== undefined ? { tlsOptions: { ca: o.tlsCa } } : {}),
  };
}

/** A round trip through JSON: SDK models carry Date objects where the files carry ISO strings. */
const plain = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

/** Reads the estate from Azure: Resource Graph (paged by $skipToken), budgets, locks and VM metrics. */
export function liveInventorySource(o: LiveInventoryOptions) {
  const endpoint = (o.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  if (!endpoint.startsWith('https://')) throw new InputError(`Azure endpoint "${endpoint}" is not an https:// URL`);
  for (const s of o.subscriptionIds) {
    if (!GUID.test(s)) throw new InputError(`--subscription "${s}" is not a subscription id; expected a GUID like 00000000-0000-0000-0000-000000000000`);
  }
  const say = o.progress ?? (() => undefined);
  const ctx = (service: string, subscriptionId: string): AzureCallContext => ({ service, region: '', endpoint, subscriptionId, maxRetries: o.maxRetries ?? 3 });
  const call = async <T>(service: string, sub: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // Not a region question here (toGpuopsError reads a 404 as one): name the service and the status.
      if (status === 404 || status === 400) {
        const e = err as { code?: string; message?: string };
        throw new RemoteError(service, status, `${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`, { cause: err, suggestion: 'check the subscription id and that the resource provider is registered' });
      }
      throw toGpuopsError(err, ctx(service, sub));
    }
  };

  /** Resource Graph's rows, converted page by page: a million raw rows never sit in memory at once. */
  async function graphInventory(): Promise<Inventory> {
    const { ResourceGraphClient } = await import('@azure/arm-resourcegraph');
    const client = new ResourceGraphClient(o.credential, clientOptions(o, endpoint));
    const converter = new RecordConverter(`${GRAPH_SERVICE} at ${endpoint}`);
    let read = 0;
    let skipToken: string | undefined;
    do {
      const page = await call(GRAPH_SERVICE, o.subscriptionIds.join(', '), () =>
        client.resources({ subscriptions: o.subscriptionIds, query: GRAPH_QUERY, options: { top: GRAPH_PAGE, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) } }));
      // The SDK's model types `data` as a dictionary and deserializes the row array into { "0": row, ... }.
      const raw = page.data as unknown;
      const data = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? Object.values(raw) : null;
      if (data === null) throw toGpuopsError(new Error('the response has no data array (resultFormat objectArray)'), ctx(GRAPH_SERVICE, o.subscriptionIds[0]!));
      converter.add(data);
      read += data.length;
      skipToken = page.skipToken;
      say(`Resource Graph: ${read}${page.totalRecords ? ` of ${page.totalRecords}` : ''} resources read`);
    } while (skipToken);
    return converter.finish();
  }

  async function budgets(scopes: string[]): Promise<unknown[]> {
    const { ConsumptionManagementClient } = await import('@azure/arm-consumption');
    const out: unknown[] = [];
    for (const scope of scopes) {
      const sub = scope.split('/')[2]!;
      const client = new ConsumptionManagementClient(o.credential, sub, clientOptions(o, endpoint));
      await call(BUDGETS_SERVICE, sub, async () => {
        // The SDK's path template is "/{scope}/providers/...": a scope with its own leading slash would become "//subscriptions".
        for await (const b of client.budgets.list(scope.replace(/^\/+/, ''))) out.push(plain(b));
      });
    }
    return out;
  }

  async function locks(): Promise<unknown[]> {
    const { ManagementLockClient } = await import('@azure/arm-locks');
    const out: unknown[] = [];
    for (const sub of o.subscriptionIds) {
      const client = new ManagementLockClient(o.credential, sub, clientOptions(o, endpoint));
      await call(LOCKS_SERVICE, sub, async () => {
        for await (const l of client.managementLocks.listAtSubscriptionLevel()) out.push(plain(l));
      });
    }
    return out;
  }

  const missing: Unreadable[] = [];
  async function metrics(vms: InventoryResource[], hours: number, now: Date): Promise<unknown[]> {
    if (vms.length === 0) return [];
    const { MonitorClient } = await import('@azure/arm-monitor');
    const timespan = `${new Date(now.getTime() - hours * 3_600_000).toISOString()}/${now.toISOString()}`;
    const out: unknown[] = [];
    for (const vm of vms) {
      const sub = vm.subscriptionId ?? o.subscriptionIds[0]!;
      const client = new MonitorClient(o.credential, sub, clientOptions(o, endpoint));
      try {
        out.push(plain(await call(METRICS_SERVICE, sub, () => client.metrics.list(vm.id.replace(/^\/+/, ''), { timespan, interval: 'PT1H', metricnames: 'Percentage CPU', aggregation: 'Average' }))));
      } catch (err) {
        // A VM deleted since Resource Graph listed it (404) must not abort the audit: it is reported.
        if (!(err instanceof RemoteError) || (err.status !== 404 && err.status !== 400)) throw err;
        missing.push({ source: METRICS_SERVICE, id: vm.id, reason: err.message });
      }
    }
    return out;
  }

  return {
    async read({ metricsHours, now, wantsMetrics = () => true }: { metricsHours: number; now: Date; wantsMetrics?: (size: string) => boolean }): Promise<Inventory> {
      say(`reading Resource Graph for ${o.subscriptionIds.length} subscription(s)…`);
      const graph = await graphInventory();
      // Budgets are not in Resource Graph: read them on each subscription and on each group that holds VMs.
      const groups = new Set<string>();
      for (const r of graph.resources) if ((r.kind === 'vm' || r.kind === 'vmss' || r.kind === 'aks') && r.subscriptionId && r.resourceGroup) groups.add(`/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}`);
      say(`reading budgets (${o.subscriptionIds.length + groups.size} scopes) and locks…`);
      const budgetRecords = await budgets([...o.subscriptionIds.map((s) => `/subscriptions/${s}`), ...groups]);
      const lockRecords = await locks();
      const running = graph.resources.filter((r) => r.kind === 'vm' && r.powerState === 'running' && r.size !== null && wantsMetrics(r.size));
      say(`reading ${metricsHours} h of Percentage CPU for ${running.length} running VM(s)…`);
      const metricDocs = await metrics(running, metricsHours, now);
      const converted = metricDocs.map((d) => metricsFromDocument(d, METRICS_SERVICE));
      return combineInventories([
        graph,
        inventoryFromRecords(budgetRecords, BUDGETS_SERVICE),
        inventoryFromRecords(lockRecords, LOCKS_SERVICE),
        { resources: [], metrics: converted.flatMap((c) => c.metrics), unreadable: [...converted.flatMap((c) => c.unreadable), ...missing], sources: [METRICS_SERVICE] },
      ]);
    },
  };
}
