import { makeResource, POWER_STATES, type InventoryResource, type NsgRule, type PowerState } from '../../model/inventory.js';
import { shared } from './shared-strings.js';

// One ARM resource record (a Resource Graph row, an `az ... list -o json` item, a REST body) -> inventory
// resources. ARM omits properties at their defaults: absent publicNetworkAccess is Enabled, absent
// networkAcls is Allow, absent disableLocalAuth is false; those defaults are applied here, once.

type Json = Record<string, unknown>;

/** A record that cannot be converted; the source reports it as unreadable and goes on. */
export class UnreadableRecord extends Error {}

const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);
const arr = (x: unknown): Json[] => (Array.isArray(x) ? x.map(obj).filter((y): y is Json => y !== undefined) : []);
const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

// Paths are split once: `at` runs a dozen times per record on a million records.
const PATHS = new Map<string, string[]>();

function at(o: unknown, path: string): unknown {
  let parts = PATHS.get(path);
  if (!parts) PATHS.set(path, (parts = path.split('.')));
  let cur = o;
  for (const k of parts) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Json)[k];
  }
  return cur;
}

function bool(x: unknown): boolean | null {
  if (typeof x === 'boolean') return x;
  if (x === 'true' || x === 'True') return true;
  if (x === 'false' || x === 'False') return false;
  return null;
}

/** A whole non-negative number from a number or a numeric string (az prints some as strings). */
function count(x: unknown, field: string): number | null {
  if (x === undefined || x === null) return null;
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new UnreadableRecord(`${field} is ${JSON.stringify(x)}, not a whole number of 0 or more`);
  return n;
}

function percent(x: unknown, field: string): number {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new UnreadableRecord(`${field} is ${JSON.stringify(x)}, not a number of 0 or more`);
  return n;
}

/** "Enabled"/"Disabled" (any case) -> true/false; absent -> the ARM default; anything else -> null. */
function enabledFlag(x: unknown, dflt: boolean): boolean | null {
  if (x === undefined || x === null) return dflt;
  if (typeof x !== 'string') return null;
  const v = x.toLowerCase();
  return v === 'enabled' ? true : v === 'disabled' ? false : v === 'securedbyperimeter' ? false : null;
}

function action(x: unknown): 'Allow' | 'Deny' | null {
  if (x === undefined || x === null) return 'Allow';
  return x === 'Allow' || x === 'Deny' ? x : null;
}

/** One shared, frozen "no tags" object: a million untagged resources need not hold a million empty objects. */
const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function tags(x: unknown): Record<string, string> | null {
  if (x === undefined || x === null) return NO_TAGS;
  const o = obj(x);
  if (!o) return null;
  if (Object.keys(o).length === 0) return NO_TAGS;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [shared(k), shared(typeof v === 'string' ? v : String(v))]));
}

function powerState(p: Json | undefined): PowerState | null {
  const code = str(at(p, 'extended.instanceView.powerState.code')) ?? str(at(p, 'instanceView.powerState.code'));
  const state = code?.replace(/^PowerState\//i, '').toLowerCase();
  return (POWER_STATES as readonly string[]).includes(state ?? '') ? (state as PowerState) : null;
}

/** The part of an id before `/providers/<ns>/<type>/<name>`: the scope of an extension resource. */
export function scopeOf(id: string, marker: string): string | null {
  const i = id.toLowerCase().lastIndexOf(`/providers/${marker.toLowerCase()}/`);
  return i > 0 ? id.slice(0, i) : i === 0 ? null : null;
}

function connections(list: unknown): { endpointId: string | null; status: string | null }[] {
  return arr(list).map((c) => ({
    endpointId: str(at(c, 'properties.privateEndpoint.id')),
    status: str(at(c, 'properties.privateLinkServiceConnectionState.status')),
  }));
}

function rules(list: unknown): NsgRule[] {
  return arr(list).map((r) => {
    const p = obj(r.properties) ?? r;
    const many = (one: unknown, several: unknown) => [...(str(one) ? [str(one)!] : []), ...(Array.isArray(several) ? several.filter((s): s is string => typeof s === 'string') : [])];
    const priority = count(p.priority, `securityRules ${String(r.name)} priority`);
    return {
      name: String(r.name ?? ''),
      direction: p.direction === 'Outbound' ? 'Outbound' : 'Inbound',
      access: p.access === 'Deny' ? 'Deny' : 'Allow',
      protocol: String(p.protocol ?? '*'),
      priority: priority ?? 4096,
      sourcePrefixes: many(p.sourceAddressPrefix, p.sourceAddressPrefixes),
      destinationPorts: many(p.destinationPortRange, p.destinationPortRanges),
    };
  });
}

const RG_IN_ID = /\/resourcegroups\/([^/]+)/i;

// A few dozen types across a million records: one lower-case string per type, not one per record.
const TYPES = new Map<string, string>();
function lowerType(raw: string): string {
  let t = TYPES.get(raw);
  if (t === undefined) {
    t = raw.toLowerCase();
    if (TYPES.size < 10_000) TYPES.set(raw, t);
  }
  return t;
}
const SUB_IN_ID = /^\/subscriptions\/([^/]+)/i;

/** Inventory resources for one ARM record. Throws UnreadableRecord when it cannot be read. */
export function fromArmRecord(record: unknown): InventoryResource[] {
  const r = obj(record);
  const id = str(r?.id);
  const rawType = str(r?.type);
  if (!r || !id || !rawType) throw new UnreadableRecord('the record has no "id" and "type"');
  const type = lowerType(rawType);
  const p = obj(r.properties) ?? r; // `az lock list` and `az consumption budget list` print properties at the top level
  const base = {
    // Child resources (workspaces/computes) are named "parent/child" in Resource Graph; the id's last segment is the child's own name.
    id, type, name: (str(r.name) ?? '').includes('/') || !str(r.name) ? id.split('/').pop()! : str(r.name)!, location: shared(str(r.location)),
    subscriptionId: shared(str(r.subscriptionId) ?? SUB_IN_ID.exec(id)?.[1] ?? null),
    resourceGroup: shared(str(r.resourceGroup) ?? RG_IN_ID.exec(id)?.[1] ?? null),
    tags: tags(r.tags),
  };
  switch (type) {
    case 'microsoft.resources/subscriptions/resourcegroups':
    case 'microsoft.resources/resourcegroups':
      return [makeResource({ ...base, resourceGroup: base.name }, 'resourceGroup', {})];
    case 'microsoft.compute/virtualmachines':
      return [makeResource(base, 'vm', { size: shared(str(at(p, 'hardwareProfile.vmSize'))), powerState: powerState(p),
        nicIds: arr(at(p, 'networkProfile.networkInterfaces')).flatMap((n) => (str(n.id) ? [str(n.id)!] : [])),
        passwordAuth: ((d) => (d === null ? null : !d))(bool(at(p, 'osProfile.linuxConfiguration.disablePasswordAuthentication'))),
      })];
    case 'microsoft.compute/virtualmachinescalesets': {
      const ipConfigs = arr(at(p, 'virtualMachineProfile.networkProfile.networkInterfaceConfigurations'))
        .flatMap((n) => arr(at(n, 'properties.ipConfigurations')));
      return [makeResource(base, 'vmss', { size: str(at(r, 'sku.name')), capacity: count(at(r, 'sku.capacity'), 'sku.capacity'),
        autoscale: false, minCount: null,
        publicIpPerInstance: ipConfigs.some((c) => obj(at(c, 'properties.publicIPAddressConfiguration')) !== undefined),
        subnetIds: ipConfigs.flatMap((c) => (str(at(c, 'properties.subnet.id')) ? [str(at(c, 'properties.subnet.id'))!] : [])),
      })];
    }
    case 'microsoft.containerservice/managedclusters':
      return [makeResource(base, 'aks', {}), ...arr(p.agentPoolProfiles).map((pool): InventoryResource => {
        const auto = bool(pool.enableAutoScaling);
        return makeResource({
          ...base, id: `${id}/agentPools/${String(pool.name)}`, type: 'microsoft.containerservice/managedclusters/agentpools',
          name: String(pool.name), tags: pool.tags === undefined ? base.tags : tags(pool.tags),
        }, 'nodePool', {
          size: str(pool.vmSize), capacity: count(pool.count, `agentPoolProfiles ${String(pool.name)} count`),
          autoscale: auto ?? false, minCount: auto ? count(pool.minCount, 'minCount') : null,
          publicIpPerInstance: bool(pool.enableNodePublicIP) ?? false, clusterId: id,
        });
      })];
    case 'microsoft.network/networkinterfaces':
      return [makeResource(base, 'nic', { nsgId: str(at(p, 'networkSecurityGroup.id')),
        ipConfigurations: arr(p.ipConfigurations).map((c) => ({ subnetId: str(at(c, 'properties.subnet.id')), publicIpId: str(at(c, 'properties.publicIPAddress.id')) })),
      })];
    case 'microsoft.network/publicipaddresses':
      return [makeResource(base, 'publicIp', { ipAddress: str(p.ipAddress) })];
    case 'microsoft.network/networksecuritygroups':
      return [makeResource(base, 'nsg', { rules: rules(p.securityRules) })];
    case 'microsoft.network/virtualnetworks':
      return [makeResource(base, 'other', {}), ...arr(p.subnets).flatMap((s): InventoryResource[] => (str(s.id) ? [makeResource(
        { ...base, id: str(s.id)!, type: 'microsoft.network/virtualnetworks/subnets', name: String(s.name ?? ''), tags: NO_TAGS },
        'subnet', { nsgId: str(at(s, 'properties.networkSecurityGroup.id')) },
      )] : []))];
    case 'microsoft.devtestlab/schedules':
      return [makeResource(base, 'schedule', { targetId: str(p.targetResourceId), enabled: enabledFlag(p.status, true), taskType: str(p.taskType),
        notificationsEnabled: enabledFlag(at(p, 'notificationSettings.status'), false),
      })];
    case 'microsoft.consumption/budgets': {
      const scopeId = scopeOf(id, 'Microsoft.Consumption/budgets');
      if (!scopeId) throw new UnreadableRecord('the budget id names no scope');
      const amount = p.amount === undefined || p.amount === null ? null : percent(p.amount, 'amount');
      return [makeResource(base, 'budget', { scopeId, amount,
        notifications: Object.entries(obj(p.notifications) ?? {}).map(([key, n]) => {
          const note = obj(n) ?? {};
          const contacts = ['contactEmails', 'contactGroups', 'contactRoles'].reduce((s, k) => s + (Array.isArray(note[k]) ? (note[k] as unknown[]).length : 0), 0);
          return {
            enabled: bool(note.enabled) ?? false,
            threshold: percent(note.threshold, `notifications.${key}.threshold`),
            thresholdType: note.thresholdType === 'Forecasted' ? 'Forecasted' as const : 'Actual' as const,
            contacts,
          };
        }),
      })];
    }
    case 'microsoft.authorization/locks': {
      const scopeId = scopeOf(id, 'Microsoft.Authorization/locks');
      const level = str(p.level);
      if (!scopeId || (level !== 'CanNotDelete' && level !== 'ReadOnly')) throw new UnreadableRecord(`the lock has level ${JSON.stringify(p.level)} or no scope`);
      return [makeResource(base, 'lock', { scopeId, level })];
    }
    case 'microsoft.cognitiveservices/accounts':
      return [makeResource(base, 'aiAccount', { accountKind: str(r.kind), publicNetworkAccess: enabledFlag(p.publicNetworkAccess, true),
        defaultAction: action(at(p, 'networkAcls.defaultAction')), privateEndpointConnections: connections(p.privateEndpointConnections),
        localAuth: ((d) => (d === null ? null : !d))(p.disableLocalAuth === undefined ? false : bool(p.disableLocalAuth)),
      })];
    case 'microsoft.network/privateendpoints':
      return [makeResource(base, 'privateEndpoint', {
        connections: [...arr(p.privateLinkServiceConnections), ...arr(p.manualPrivateLinkServiceConnections)].map((c) => ({
          targetId: str(at(c, 'properties.privateLinkServiceId')),
          groupIds: (at(c, 'properties.groupIds') as unknown[] | undefined)?.filter((g): g is string => typeof g === 'string') ?? [],
          status: str(at(c, 'properties.privateLinkServiceConnectionState.status')),
        })),
      })];
    case 'microsoft.machinelearningservices/workspaces':
      return [makeResource(base, 'mlWorkspace', { publicNetworkAccess: enabledFlag(p.publicNetworkAccess, true), defaultAction: null, privateEndpointConnections: connections(p.privateEndpointConnections) })];
    case 'microsoft.machinelearningservices/workspaces/onlineendpoints':
      return [makeResource(base, 'mlEndpoint', { workspaceId: id.replace(/\/onlineEndpoints\/[^/]+$/i, ''), publicNetworkAccess: enabledFlag(p.publicNetworkAccess, true) })];
    case 'microsoft.machinelearningservices/workspaces/computes': {
      if (p.computeType !== 'AmlCompute') return [makeResource(base, 'other', {})];
      const inner = obj(p.properties) ?? {};
      return [makeResource(base, 'mlCompute', { workspaceId: id.replace(/\/computes\/[^/]+$/i, ''), size: str(inner.vmSize),
        minNodes: count(at(inner, 'scaleSettings.minNodeCount'), 'scaleSettings.minNodeCount'),
        maxNodes: count(at(inner, 'scaleSettings.maxNodeCount'), 'scaleSettings.maxNodeCount'),
      })];
    }
    case 'microsoft.storage/storageaccounts':
      return [makeResource(base, 'storage', { publicNetworkAccess: enabledFlag(p.publicNetworkAccess, true), defaultAction: action(at(p, 'networkAcls.defaultAction')),
        privateEndpointConnections: connections(p.privateEndpointConnections),
        // Absent means "not set": newer accounts treat that as false, older ones as true, so it stays unknown.
        allowBlobPublicAccess: bool(p.allowBlobPublicAccess),
      })];
    case 'microsoft.storage/storageaccounts/managementpolicies':
      return [makeResource(base, 'storagePolicy', { storageAccountId: id.replace(/\/managementPolicies\/[^/]+$/i, ''),
        enabledRules: arr(at(p, 'policy.rules')).filter((x) => x.enabled !== false).length,
      })];
    default:
      return [makeResource(base, 'other', {})];
  }
}

/** Autoscale settings (`microsoft.insights/autoscalesettings`) applied to the scale sets they target. */
export function applyAutoscale(resources: InventoryResource[], records: unknown[]): void {
  if (records.length === 0) return;
  const byId = new Map(resources.map((r) => [r.id.toLowerCase(), r]));
  for (const rec of records) {
    const p = obj(obj(rec)?.properties);
    const target = byId.get(String(p?.targetResourceUri ?? '').toLowerCase());
    if (target?.kind !== 'vmss' || p?.enabled === false) continue;
    const min = Number(at(arr(p?.profiles)[0], 'capacity.minimum'));
    target.autoscale = true;
    target.minCount = Number.isSafeInteger(min) && min >= 0 ? min : null;
  }
}
