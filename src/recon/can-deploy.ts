import { normalizeFamily, type QuotaUsage } from '../model/quota.js';
import type { VmSku } from '../model/sku.js';
import type { ExportInfo } from '../model/source.js';
import { findUsage, REGIONAL_CORES, SPOT_CORES } from './quota.js';

/** GPU quota requests are reviewed by people: Azure quotes 24-72 hours, sometimes more. */
export const QUOTA_LEAD_TIME = '24–72 hours or more';

/** Question asked of `canDeploy`. */
export interface DeployQuestion {
  sku: VmSku;
  count: number;
  region: string;
  spot?: boolean;
  zone?: string;
  /** Usage entries for the region; null when quota is unknown (offline). */
  usages: readonly QuotaUsage[] | null;
  /** For the quota-request command; a placeholder is used when unknown. */
  subscriptionId?: string;
  /** ISO date to compare retirements against (the engine never reads the clock). */
  today?: string;
}

export type ReasonCode =
  | 'LOCATION_RESTRICTED'
  | 'ZONE_RESTRICTED'
  | 'ZONE_NOT_OFFERED'
  | 'ZONE_UNKNOWN'
  | 'AVAILABILITY_UNKNOWN'
  | 'NOT_IN_EXPORT'
  | 'SPOT_NOT_SUPPORTED'
  | 'VCPUS_UNKNOWN'
  | 'QUOTA_UNKNOWN'
  | 'FAMILY_QUOTA_MISSING'
  | 'FAMILY_QUOTA'
  | 'REGIONAL_QUOTA'
  | 'SPOT_QUOTA'
  | 'RETIRED'
  | 'NOT_OFFERED';

export interface Reason {
  code: ReasonCode;
  message: string;
}

/** Microsoft.Quota resource type of a limit: Spot vCPUs (`lowPriorityCores`) are `lowPriority`, the rest `dedicated`. */
export type QuotaResourceType = 'dedicated' | 'lowPriority';

/** Body of `PUT {scope}/providers/Microsoft.Quota/quotas/{quota}` (Quota_CreateOrUpdate / Quota_Update). */
export interface QuotaRequestBody {
  properties: {
    name: { value: string };
    limit: { limitObjectType: 'LimitValue'; value: number };
    resourceType: QuotaResourceType;
  };
}

/** One quota increase to file so the deployment fits. */
export interface QuotaRequest {
  quota: string;
  name: string;
  /** The limit today; null when the usage data has no entry for the quota (typically none was ever granted). */
  currentLimit: number | null;
  newLimit: number;
  resourceType: QuotaResourceType;
  /** `/subscriptions/{id}/providers/Microsoft.Compute/locations/{region}`. */
  scope: string;
  body: QuotaRequestBody;
  command: string;
}

/** Answer of `canDeploy`; the JSON contract of `gpuops can-deploy`. */
export interface DeployAnswer {
  sku: string;
  count: number;
  region: string;
  spot: boolean;
  zone: string | null;
  vcpusNeeded: number | null;
  /** true/false when known; null when a needed fact (quota, vCPUs) is unknown. */
  deployable: boolean | null;
  reasons: Reason[];
  family: { id: string | null; used: number; limit: number; available: number } | null;
  regional: { id: string; used: number; limit: number; available: number } | null;
  shortfallVcpus: number | null;
  quotaRequests: QuotaRequest[];
  leadTime: string | null;
}

// Reasons that make the answer unknown rather than negative.
const UNKNOWN_CODES = new Set<ReasonCode>([
  'AVAILABILITY_UNKNOWN', 'ZONE_UNKNOWN', 'NOT_IN_EXPORT', 'VCPUS_UNKNOWN', 'QUOTA_UNKNOWN', 'FAMILY_QUOTA_MISSING',
]);

/** Question for a size that exists (in the catalog) but is absent from the region's listing. */
export interface NotOfferedQuestion {
  sku: string;
  vcpus: number | null;
  count: number;
  region: string;
  spot?: boolean;
  zone?: string;
  /** Regions that do offer it (priced there), best known first. */
  offeredIn: readonly string[];
  /** ISO date the catalog gives for the size's retirement, if any. */
  retirement?: string;
  /** ISO date to compare the retirement against. */
  today?: string;
  /** Set when the listing is an exported file, which may leave sizes out: absence is then not proof. */
  export?: ExportInfo;
}

function shortList(regions: readonly string[]): string {
  return regions.slice(0, 8).join(', ') + (regions.length > 8 ? ', …' : '');
}

/** Why a size is missing from the listing, as a reason: retired, left out of an export, or not offered. */
function absenceReason(q: NotOfferedQuestion): Reason {
  if (q.retirement && q.today && q.retirement <= q.today) {
    return { code: 'RETIRED', message: `${q.sku} was retired on ${q.retirement}; new deployments are not possible` };
  }
  const priced = q.offeredIn.length > 0 ? `it is priced in ${shortList(q.offeredIn)}` : 'no price list has it in any region';
  if (q.export) {
    const why = q.export.incomplete
      ? `${q.export.incomplete}, so ${q.sku} may be on a page the file lacks`
      : `az vm list-skus without --all leaves out sizes restricted for the subscription, so it may exist in ${q.region} and be restricted`;
    return {
      code: 'NOT_IN_EXPORT',
      message: `SKUs file "${q.export.file}" does not contain ${q.sku} in ${q.region}; ${why} (${priced}). Re-export with: az vm list-skus --location ${q.region} --all -o json`,
    };
  }
  return { code: 'NOT_OFFERED', message: `${q.sku} is not offered in ${q.region}${q.offeredIn.length > 0 ? `; ${priced}` : ''}` };
}

/**
 * The answer for a size the catalog knows but the region's listing lacks: RETIRED (no) when it was
 * retired before today, NOT_IN_EXPORT (unknown) when the listing is an export that may leave it out,
 * NOT_OFFERED (no) when the listing is complete.
 */
export function notOffered(q: NotOfferedQuestion): DeployAnswer {
  const reason = absenceReason(q);
  return {
    sku: q.sku, count: q.count, region: q.region, spot: q.spot ?? false, zone: q.zone ?? null,
    vcpusNeeded: q.vcpus === null ? null : q.vcpus * q.count, deployable: UNKNOWN_CODES.has(reason.code) ? null : false,
    reasons: [reason], family: null, regional: null, shortfallVcpus: null, quotaRequests: [], leadTime: null,
  };
}

/** Counters of one usage entry, without its display name. */
function counters(u: QuotaUsage): { used: number; limit: number; available: number } {
  return { used: u.used, limit: u.limit, available: u.available };
}

/**
 * One Microsoft.Quota request raising `quota` to `newLimit` in a region: the REST body and the
 * `az quota update` command (quota CLI extension). Spot vCPUs are resource type `lowPriority`.
 */
export function quotaRequest(
  r: { quota: string; name: string; currentLimit: number | null; newLimit: number },
  region: string,
  subscriptionId: string,
): QuotaRequest {
  const resourceType: QuotaResourceType = normalizeFamily(r.quota) === normalizeFamily(SPOT_CORES) ? 'lowPriority' : 'dedicated';
  const scope = `/subscriptions/${subscriptionId}/providers/Microsoft.Compute/locations/${region}`;
  return {
    ...r,
    resourceType,
    scope,
    body: { properties: { name: { value: r.quota }, limit: { limitObjectType: 'LimitValue', value: r.newLimit }, resourceType } },
    command: `az quota update --resource-name ${r.quota} --scope ${scope} --limit-object value=${r.newLimit} --resource-type ${resourceType}`,
  };
}

/** Location and zone restrictions for the question. */
function restrictionReasons(q: DeployQuestion): Reason[] {
  const reasons: Reason[] = [];
  for (const r of q.sku.restrictions) {
    if (r.type === 'Location') {
      reasons.push({
        code: 'LOCATION_RESTRICTED',
        message: `${q.sku.name} exists in ${q.region} but is restricted for this subscription (${r.reason}); request access to the size in this region or pick another region`,
      });
    } else if (q.zone && r.zones?.includes(q.zone)) {
      reasons.push({
        code: 'ZONE_RESTRICTED',
        message: `${q.sku.name} is restricted in zone ${q.zone} of ${q.region} (${r.reason}); zones restricted: ${r.zones.join(', ')}`,
      });
    }
  }
  if (q.zone) reasons.push(...zoneReasons(q, q.zone));
  if (q.spot && q.sku.lowPriorityCapable === false) {
    reasons.push({ code: 'SPOT_NOT_SUPPORTED', message: `${q.sku.name} cannot run as a Spot VM (LowPriorityCapable is False)` });
  }
  if (q.sku.retirement && q.today && q.sku.retirement <= q.today) {
    reasons.push({ code: 'RETIRED', message: `${q.sku.name} was retired on ${q.sku.retirement}; new deployments are not possible` });
  }
  return reasons;
}

/** Is the size offered in the zone asked? `zones: []` means it is offered in no zone of the region. */
function zoneReasons(q: DeployQuestion, zone: string): Reason[] {
  const zones = q.sku.zones;
  if (zones === undefined) {
    // Offline the whole availability is unknown already; one reason says so.
    if (q.sku.available === null) return [];
    return [{ code: 'ZONE_UNKNOWN', message: `the source does not say which availability zones of ${q.region} offer ${q.sku.name}` }];
  }
  if (zones.includes(zone)) return [];
  const where = zones.length === 0
    ? `it is offered in no availability zone there (deploy without --zone)`
    : `it is offered in zone${zones.length > 1 ? 's' : ''} ${zones.join(', ')}`;
  return [{ code: 'ZONE_NOT_OFFERED', message: `${q.sku.name} is not offered in zone ${zone} of ${q.region}; ${where}` }];
}

/** Check one quota counter; returns the shortfall (0 when it fits). */
function checkCounter(usage: QuotaUsage, needed: number): number {
  return Math.max(0, needed - usage.available);
}

/**
 * Can `count` VMs of a size be deployed in a region right now? A regular VM needs its vCPUs free in
 * its quota family AND in `cores` (Total Regional vCPUs); a Spot VM draws on `lowPriorityCores`
 * instead of both. Location restrictions block the region; Zone restrictions only their zones.
 */
export function canDeploy(q: DeployQuestion): DeployAnswer {
  const spot = q.spot ?? false;
  const reasons = restrictionReasons(q);
  const vcpusNeeded = q.sku.vcpus === null ? null : q.sku.vcpus * q.count;
  const answer: DeployAnswer = {
    sku: q.sku.name, count: q.count, region: q.region, spot, zone: q.zone ?? null, vcpusNeeded,
    deployable: null, reasons, family: null, regional: null, shortfallVcpus: null, quotaRequests: [], leadTime: null,
  };
  if (q.sku.available === null) {
    reasons.push({ code: 'AVAILABILITY_UNKNOWN', message: `whether ${q.sku.name} is restricted for this subscription in ${q.region} is unknown offline; run with Azure credentials or --skus-file` });
  }
  if (vcpusNeeded === null) {
    reasons.push({ code: 'VCPUS_UNKNOWN', message: `the vCPU count of ${q.sku.name} is unknown, so quota cannot be checked` });
  }
  if (q.usages === null) {
    reasons.push({ code: 'QUOTA_UNKNOWN', message: `quota for ${q.region} is unknown offline; run with Azure credentials or pass --usage-file (az vm list-usage -o json)` });
  }
  if (q.usages !== null && vcpusNeeded !== null) checkQuota(q, answer, vcpusNeeded, q.usages);
  const blocking = reasons.some((r) => !UNKNOWN_CODES.has(r.code));
  const unknown = reasons.length > 0 && !blocking;
  answer.deployable = blocking ? false : unknown ? null : true;
  if (answer.quotaRequests.length > 0) answer.leadTime = QUOTA_LEAD_TIME;
  return answer;
}

/** Quota part of canDeploy: fills family/regional counters, shortfall and quota requests. */
function checkQuota(q: DeployQuestion, answer: DeployAnswer, needed: number, usages: readonly QuotaUsage[]): void {
  const sub = q.subscriptionId ?? '<subscription-id>';
  const shortfalls: number[] = [];
  const want = (u: QuotaUsage, code: ReasonCode, label: string) => {
    const short = checkCounter(u, needed);
    shortfalls.push(short);
    if (short === 0) return;
    const newLimit = u.used + needed;
    answer.reasons.push({
      code,
      message: `${label} ${u.family} has ${u.available} of ${u.limit} vCPUs free; ${answer.count} x ${q.sku.name} needs ${needed} (short by ${short}). Request a limit of at least ${newLimit}; GPU quota requests take ${QUOTA_LEAD_TIME}`,
    });
    answer.quotaRequests.push(quotaRequest({ quota: u.family, name: u.name, currentLimit: u.limit, newLimit }, q.region, sub));
  };
  if (q.spot) {
    const spotUsage = findUsage(usages, SPOT_CORES);
    if (spotUsage) {
      answer.regional = { id: spotUsage.family, ...counters(spotUsage) };
      want(spotUsage, 'SPOT_QUOTA', 'Spot quota');
    } else {
      answer.reasons.push({ code: 'QUOTA_UNKNOWN', message: `the usage data has no ${SPOT_CORES} (Total Regional Spot vCPUs) entry` });
    }
  } else {
    checkFamily(q, answer, usages, want, needed, sub);
    const cores = findUsage(usages, REGIONAL_CORES);
    if (cores) {
      answer.regional = { id: cores.family, ...counters(cores) };
      want(cores, 'REGIONAL_QUOTA', 'Regional quota');
    } else {
      answer.reasons.push({ code: 'QUOTA_UNKNOWN', message: `the usage data has no ${REGIONAL_CORES} (Total Regional vCPUs) entry` });
    }
  }
  answer.shortfallVcpus = shortfalls.length > 0 ? Math.max(...shortfalls) : null;
}

/** Family part of the quota check for regular (non-Spot) VMs. */
function checkFamily(
  q: DeployQuestion,
  answer: DeployAnswer,
  usages: readonly QuotaUsage[],
  want: (u: QuotaUsage, code: ReasonCode, label: string) => void,
  needed: number,
  subscriptionId: string,
): void {
  const familyId = q.sku.quotaFamily;
  const usage = familyId ? findUsage(usages, familyId) : undefined;
  if (usage) {
    answer.family = { id: usage.family, ...counters(usage) };
    want(usage, 'FAMILY_QUOTA', 'Family quota');
    return;
  }
  answer.family = null;
  answer.reasons.push({
    code: familyId ? 'FAMILY_QUOTA_MISSING' : 'QUOTA_UNKNOWN',
    message: familyId
      ? `the usage data for ${q.region} has no entry for quota family ${familyId}; the subscription may have no quota for it there: request one (GPU quota requests take ${QUOTA_LEAD_TIME})`
      : `the quota family of ${q.sku.name} is unknown`,
  });
  if (familyId) {
    // No entry usually means no quota was ever granted: the request is for the whole deployment.
    answer.quotaRequests.push(quotaRequest({ quota: familyId, name: q.sku.quotaName ?? familyId, currentLimit: null, newLimit: needed }, q.region, subscriptionId));
  }
}
