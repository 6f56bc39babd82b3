// The answer for a size the catalog knows but a region's listing lacks: retired, left out of an
// exported file (unknown), or not offered (no).
import type { ExportInfo } from '../model/source.js';
import type { DeployAnswer, Reason, ReasonCode } from './can-deploy.js';

/** Reasons that make an answer unknown rather than negative. */
export const UNKNOWN_CODES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
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
