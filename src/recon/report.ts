import type { QuotaUsage } from '../model/quota.js';
import type { VmSku } from '../model/sku.js';
import type { SourceInfo } from '../model/source.js';
import { canDeploy, type Reason } from './can-deploy.js';
import { gpuQuota } from './quota.js';
import { familyLetters, gpuMatches, isGpuSku, isLocationRestricted, totalVram, isRetiredOn } from './skus.js';

/** One size in the recon report. */
export interface ReconSku {
  sku: string;
  gpus: number | null;
  gpu: string | null;
  available: boolean | null;
}

/** Answer to "can I deploy one A100 VM today?". */
export interface SingleA100 {
  sku: string | null;
  deployable: boolean | null;
  reasons: Reason[];
  checked: { sku: string; deployable: boolean | null; reasons: Reason[] }[];
}

/** The day-one report of `gpuops recon`; its JSON contract. */
export interface ReconReport {
  region: string;
  source: SourceInfo;
  t4Skus: ReconSku[];
  a100Skus: ReconSku[];
  vcpuRange: { min: { sku: string; vcpus: number }; max: { sku: string; vcpus: number } } | null;
  /** NC/ND/NV family quotas plus cores and lowPriorityCores; null when unknown (offline). */
  quotas: QuotaUsage[] | null;
  singleA100: SingleA100;
  ndGpusPerVm: { sku: string; gpus: number | null; gpu: string | null }[];
  /** GPU sizes that exist in the region but are restricted for this subscription. */
  restricted: { sku: string; reason: string }[];
}

export interface ReconInput {
  region: string;
  source: SourceInfo;
  skus: readonly VmSku[];
  usages: readonly QuotaUsage[] | null;
  subscriptionId?: string;
  today?: string;
}

/** Smallest first; unknown vCPU counts last. */
function byVcpus(a: VmSku, b: VmSku): number {
  return (a.vcpus ?? Infinity) - (b.vcpus ?? Infinity) || a.name.localeCompare(b.name);
}

function row(s: VmSku): ReconSku {
  return { sku: s.name, gpus: s.gpu.count, gpu: s.gpu.model, available: s.available };
}

/** Answer the day-one questions for a region from whatever source is active. */
export function recon(input: ReconInput): ReconReport {
  // A size retired before today is no answer to "what can I use here?".
  const gpu = [...input.skus.filter((s) => isGpuSku(s) && !isRetiredOn(s, input.today))].sort(byVcpus);
  const usable = gpu.filter((s) => !isLocationRestricted(s));
  const withVcpus = usable.filter((s): s is VmSku & { vcpus: number } => s.vcpus !== null);
  const first = withVcpus[0];
  // Several sizes share the top vCPU count (96): the largest is the one with the most VRAM.
  const last = [...withVcpus].sort((a, b) => b.vcpus - a.vcpus || (totalVram(b) ?? -1) - (totalVram(a) ?? -1) || a.name.localeCompare(b.name))[0];
  return {
    region: input.region,
    source: input.source,
    t4Skus: gpu.filter((s) => gpuMatches(s, 'T4')).map(row),
    a100Skus: gpu.filter((s) => gpuMatches(s, 'A100')).map(row),
    vcpuRange: first && last ? { min: { sku: first.name, vcpus: first.vcpus }, max: { sku: last.name, vcpus: last.vcpus } } : null,
    quotas: input.usages === null ? null : gpuQuota(input.usages, input.skus),
    singleA100: singleA100(gpu, input),
    ndGpusPerVm: usable
      .filter((s) => familyLetters(s.name) === 'ND')
      .map((s) => ({ sku: s.name, gpus: s.gpu.count, gpu: s.gpu.model })),
    restricted: gpu
      .filter(isLocationRestricted)
      .map((s) => ({ sku: s.name, reason: s.restrictions.map((r) => r.reason).join(', ') })),
  };
}

/** Try each A100 size, smallest first; the answer is the first deployable one, else the smallest. */
function singleA100(gpuSkus: readonly VmSku[], input: ReconInput): SingleA100 {
  const a100 = gpuSkus.filter((s) => gpuMatches(s, 'A100')).sort(byVcpus);
  const checked = a100.map((sku) => {
    const a = canDeploy({ sku, count: 1, region: input.region, usages: input.usages, subscriptionId: input.subscriptionId, today: input.today });
    return { sku: sku.name, deployable: a.deployable, reasons: a.reasons };
  });
  if (checked.length === 0) {
    return { sku: null, deployable: false, reasons: [{ code: 'NOT_OFFERED', message: `no A100 size is offered in ${input.region}` }], checked };
  }
  const pick = checked.find((c) => c.deployable === true) ?? checked.find((c) => c.deployable === null) ?? checked[0]!;
  return { sku: pick.sku, deployable: pick.deployable, reasons: pick.reasons, checked };
}
