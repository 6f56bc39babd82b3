import type { QuotaUsage } from '../model/quota.js';
import type { VmSku } from '../model/sku.js';
import type { PlanCandidate, PriceQuote, WorkloadRequest } from '../model/workload-plan.js';
import { UNKNOWN_CODES } from '../recon/absent.js';
import { canDeploy } from '../recon/can-deploy.js';
import { gpuMatches } from '../recon/skus.js';
import { cents } from './cost.js';
import { quotaRequestBodies } from './quota-body.js';

/** One region's sizes and quota, as a source read them, and the prices the surface looked up. */
export interface RegionInput {
  region: string;
  skus: readonly VmSku[];
  /** null when quota is unknown (offline). */
  usages: readonly QuotaUsage[] | null;
  /** Price per VM-hour by size name; null when none was found. */
  prices: ReadonlyMap<string, PriceQuote | null>;
}

/** Sizes that can carry the request: whole GPUs of the asked model, not retired. */
export function candidateSkus(request: WorkloadRequest, skus: readonly VmSku[], today: string): VmSku[] {
  return skus.filter((s) => {
    const n = s.gpu.count;
    if (n === null || !Number.isInteger(n) || n < 1) return false;
    if (s.retirement && s.retirement <= today) return false;
    return request.gpu === null || gpuMatches(s, request.gpu);
  });
}

/** Does the size meet each stated requirement? Notes say what differs; null when a fact is unknown. */
function requirements(r: WorkloadRequest, s: VmSku, count: number): { meets: boolean | null; notes: string[] } {
  const perVm = s.gpu.count!;
  const notes: string[] = [];
  const checks: (boolean | null)[] = [];
  if (r.interconnect === 'nvlink') {
    if (perVm < r.gpus) {
      checks.push(false);
      notes.push(`NVLink does not cross VMs: ${r.gpus} GPUs in one NVLink domain need one VM with ${r.gpus} GPUs; ${s.name} has ${perVm}`);
    } else {
      checks.push(s.nvlink);
      if (s.nvlink !== true) notes.push(s.nvlink === false ? `${s.name} has no NVLink` : `whether ${s.name} has NVLink is not stated`);
    }
  }
  if (r.interconnect === 'infiniband') {
    checks.push(s.infiniband);
    if (s.infiniband !== true) notes.push(s.infiniband === false ? `${s.name} has no InfiniBand` : `whether ${s.name} has InfiniBand is not stated`);
  } else if (count > 1 && s.infiniband !== true) {
    notes.push(`${count} VMs talk over Ethernet${s.infiniband === null ? ' (InfiniBand not stated)' : ' (no InfiniBand)'}: slower for multi-VM training`);
  }
  if (r.scratchGiB !== null) {
    const has = s.nvmeGiB;
    checks.push(has === null ? null : has >= r.scratchGiB);
    if (has === null) notes.push(`local NVMe of ${s.name} is not stated (temp disk ${s.tempDiskGiB ?? '?'} GiB); scratch of ${r.scratchGiB} GiB per VM unconfirmed`);
    else if (has < r.scratchGiB) notes.push(`${s.name} has ${has} GiB of local NVMe per VM, less than the ${r.scratchGiB} GiB asked`);
  }
  const gpus = perVm * count;
  if (gpus > r.gpus) notes.push(`${gpus} GPUs, ${gpus - r.gpus} more than asked`);
  const meets = checks.includes(false) ? false : checks.includes(null) ? null : true;
  return { meets, notes };
}

/** Every way a region's sizes can carry the request, with the same quota answer as `can-deploy`. */
export function regionCandidates(r: WorkloadRequest, input: RegionInput, opts: { today: string; subscriptionId?: string }): PlanCandidate[] {
  return candidateSkus(r, input.skus, opts.today).map((s) => {
    const count = Math.ceil(r.gpus / s.gpu.count!);
    const answer = canDeploy({ sku: s, count, region: input.region, spot: r.spot, usages: input.usages, subscriptionId: opts.subscriptionId, today: opts.today });
    const { meets, notes } = requirements(r, s, count);
    const quote = input.prices.get(s.name) ?? null;
    const perHour = quote === null ? null : quote.perHour * count;
    if (quote === null) notes.push(`no ${r.spot ? 'Spot' : 'pay-as-you-go'} price found for ${s.name} in ${input.region}`);
    return {
      sku: s.name, region: input.region, count, gpus: s.gpu.count! * count, gpuModel: s.gpu.model,
      nvlink: s.nvlink, infiniband: s.infiniband, nvmeGiBPerVm: s.nvmeGiB, meetsRequirements: meets,
      pricePerHour: perHour === null ? null : Math.round(perHour * 1000) / 1000,
      totalCost: perHour === null || r.hours === null ? null : cents(perHour * r.hours),
      priceSource: quote ? `${quote.source}${quote.source.includes(quote.asOf) ? '' : `, read ${quote.asOf}`}` : null,
      quota: input.usages === null && answer.deployable === null ? null : { deployable: answer.deployable, shortfallVcpus: answer.shortfallVcpus },
      reasons: answer.reasons,
      quotaRequests: answer.quotaRequests,
      quotaRequestBodies: quotaRequestBodies(answer.quotaRequests),
      notes,
    };
  });
}

// Reasons a quota request fixes, and (as can-deploy has them) reasons that only say a fact is unknown; any other reason blocks.
const QUOTA_CODES = new Set(['FAMILY_QUOTA', 'REGIONAL_QUOTA', 'SPOT_QUOTA']);

/** The first reason neither a quota request nor more facts can fix (restricted, retired, not offered…). */
export function blockingReason(c: PlanCandidate): PlanCandidate['reasons'][number] | undefined {
  return c.reasons.find((x) => !QUOTA_CODES.has(x.code) && !UNKNOWN_CODES.has(x.code));
}

/** 0 deployable now, 1 unknown, 2 needs a quota request, 3 blocked (restricted, retired, not offered). */
export function quotaRank(c: PlanCandidate): number {
  const deployable = c.quota?.deployable ?? null;
  if (deployable === true) return 0;
  if (deployable === null) return 1;
  return blockingReason(c) ? 3 : 2;
}

const meetsRank = (c: PlanCandidate): number => (c.meetsRequirements === true ? 0 : c.meetsRequirements === null ? 1 : 2);

/** Best first: meets every requirement, then deployable now / unknown quota / needs a request / blocked, then cost. */
export function rankCandidates(cs: readonly PlanCandidate[]): PlanCandidate[] {
  const cost = (c: PlanCandidate) => c.totalCost ?? c.pricePerHour ?? Infinity;
  return [...cs].sort((a, b) =>
    meetsRank(a) - meetsRank(b) || quotaRank(a) - quotaRank(b) || cost(a) - cost(b) || a.count - b.count ||
    a.sku.localeCompare(b.sku) || a.region.localeCompare(b.region));
}
