import type { Plan, PlanCandidate, WorkloadRequest } from '../model/workload-plan.js';
import { QUOTA_LEAD_TIME } from '../recon/can-deploy.js';
import { quotaRank, rankCandidates, regionCandidates, type RegionInput } from './candidates.js';
import { guardrails, type GuardrailOptions } from './guardrails.js';
import type { Reading } from './words.js';

/** GPU quota requests take 24-72 hours or more: a plan files them at least this long before the deadline. */
export const LEAD_TIME_HOURS = 72;

/** Everything a plan is made from; the engine reads no clock and no network. */
export interface PlanInput {
  request: WorkloadRequest;
  regions: readonly RegionInput[];
  /** ISO date-time the plan is made at. */
  now: string;
  subscriptionId?: string;
  guardrails: GuardrailOptions;
  reading?: Reading[] | null;
  /** Where sizes, quota and prices came from, in words. */
  source: string;
  leadTimeHours?: number;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The latest time to file a quota request, and the warnings a deadline brings. */
function timing(r: WorkloadRequest, best: PlanCandidate | null, now: string, lead: number): { fileQuotaBy: string | null; warnings: string[] } {
  // With nothing recommended there is no quota to file for: the plan's other warning says why.
  if (r.deadline === null || best === null) return { fileQuotaBy: null, warnings: [] };
  const by = Date.parse(r.deadline) - lead * 3600_000;
  const rank = quotaRank(best);
  if (rank === 0) return { fileQuotaBy: null, warnings: [] };
  const fileQuotaBy = isoSeconds(by);
  const warnings: string[] = [];
  const needs = rank === 2 ? 'needs a quota increase' : 'may need a quota increase (quota unknown)';
  if (Date.parse(now) > by) {
    warnings.push(`too late for the ${lead}-hour quota lead time: the recommended size ${needs}, and ${fileQuotaBy} (deadline minus ${lead} h) has passed; file now and consider a region with free quota or a smaller size`);
  } else {
    warnings.push(`the recommended size ${needs}: file the request by ${fileQuotaBy} (deadline ${r.deadline} minus ${lead} h; GPU quota requests take ${QUOTA_LEAD_TIME})`);
  }
  return { fileQuotaBy, warnings };
}

/**
 * Turn a request into ranked candidates (each with the same quota answer as `can-deploy`), the quota
 * requests to file and by when, and guardrails sized from the recommended candidate's cost.
 */
export function makePlan(p: PlanInput): Plan {
  const today = p.now.slice(0, 10);
  const lead = p.leadTimeHours ?? LEAD_TIME_HOURS;
  const all = p.regions.flatMap((region) => regionCandidates(p.request, region, { today, subscriptionId: p.subscriptionId }));
  const candidates = rankCandidates(all);
  const top = candidates[0] ?? null;
  const usable = top !== null && top.meetsRequirements !== false && quotaRank(top) < 3 ? top : null;
  const warnings: string[] = [];
  if (candidates.length === 0) {
    warnings.push(`no size in ${p.regions.map((r) => r.region).join(', ')} carries ${p.request.gpu ?? 'a whole'} GPU${p.request.gpu ? 's' : ''}; try --any-region or another --gpu`);
  } else if (!usable) {
    warnings.push(`no candidate meets every requirement and can be deployed; the first one (${top!.sku} x ${top!.count} in ${top!.region}) misses: ${[...top!.notes, ...top!.reasons.map((r) => r.message)].slice(0, 3).join('; ')}`);
  }
  const t = timing(p.request, usable, p.now, lead);
  warnings.push(...t.warnings);
  if (usable && usable.quota === null) warnings.push('quota is unknown (offline): run with Azure credentials or --usage-file to know whether a quota request is needed');
  if (usable && usable.pricePerHour === null) {
    warnings.push(`no ${p.request.spot ? 'Spot' : 'pay-as-you-go'} price is known for ${usable.sku} in ${usable.region}: its cost and the budget amount are unknown, not 0`);
  }
  if (p.request.hours === null) warnings.push('no --hours: totalCost is null; candidates are ranked by price per hour and the budget covers one month');
  const g = guardrails(p.request, usable, p.now, p.guardrails);
  if (g.tags.owner === null) warnings.push('tags: owner is not set; pass --owner so idle VMs can be traced to a person');
  if (g.tags['cost-center'] === null) warnings.push('tags: cost-center is not set; pass --cost-center');
  return {
    kind: 'gpuops/plan', version: 1, createdAt: p.now, request: p.request, reading: p.reading ?? null,
    recommended: usable ? { sku: usable.sku, count: usable.count, region: usable.region } : null,
    candidates, fileQuotaBy: t.fileQuotaBy, leadTimeHours: lead, warnings, guardrails: g, source: p.source,
  };
}
