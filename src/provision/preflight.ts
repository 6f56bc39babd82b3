import type { DeployAnswer, ReasonCode } from '../recon/can-deploy.js';

/** Reasons that make the request impossible: the IaC would fail at apply, so nothing is written. */
const REFUSE = new Set<ReasonCode>(['RETIRED', 'NOT_OFFERED', 'LOCATION_RESTRICTED', 'SPOT_NOT_SUPPORTED', 'ZONE_RESTRICTED', 'ZONE_NOT_OFFERED']);

/** What the recon answer means for provisioning. */
export interface PreflightResult {
  /** Why nothing may be written; null when the request may go ahead. */
  refusal: string | null;
  /** Warnings for stderr: quota shortfalls (IaC is often written before quota arrives) and unknowns. */
  warnings: string[];
  /** The quota facts for the output README, with the requests to file. */
  quota: string[];
}

/** Decide from a can-deploy answer: refuse on a size that cannot exist there, warn on quota. */
export function preflight(answer: DeployAnswer): PreflightResult {
  const refusing = answer.reasons.filter((r) => REFUSE.has(r.code));
  const warnings = answer.reasons.filter((r) => !REFUSE.has(r.code)).map((r) => `${r.code}: ${r.message}`);
  const what = `${answer.count} x ${answer.sku}${answer.spot ? ' (Spot)' : ''} in ${answer.region}`;
  const quota: string[] = [];
  if (answer.deployable === true) quota.push(`Quota checked: ${what} fits now (${answer.vcpusNeeded} vCPUs).`);
  else if (answer.deployable === null) quota.push(`Quota not checked: ${answer.reasons.filter((r) => !REFUSE.has(r.code)).map((r) => r.message).join('; ')}.`);
  else quota.push(`Quota short: ${what} needs ${answer.vcpusNeeded} vCPUs and does not fit now; file these requests before you apply (GPU quota requests take ${answer.leadTime ?? '24–72 hours or more'}):`);
  for (const q of answer.quotaRequests) quota.push(`\`${q.command}\` (${q.name}: ${q.currentLimit} -> ${q.newLimit})`);
  return { refusal: refusing.length > 0 ? refusing.map((r) => r.message).join('; ') : null, warnings, quota };
}
