// Types of the plan job: model architecture facts, VRAM sizing, prices and costs, workload requests
// and the plan a request turns into (the input of `gpuops provision --plan`).
import type { QuotaRequest, QuotaRequestBody, Reason } from '../recon/can-deploy.js';

/** Architecture facts of an open model, as its config.json states them. */
export interface ModelArch {
  id: string;
  name: string;
  aliases: string[];
  /** Total parameters (all experts of a mixture-of-experts model). */
  params: number;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  vocab: number;
  maxContext: number;
  /** Experts per MoE layer; absent for dense models. */
  experts?: number;
  source: string;
  asOf: string;
}

export const PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const SIZE_MODES = ['inference', 'full', 'lora', 'qlora'] as const;
export type SizeMode = (typeof SIZE_MODES)[number];

/** GiB of each part of a model's GPU memory, for one replica on one GPU (before sharding). */
export interface MemoryBreakdown {
  weightsGiB: number;
  kvCacheGiB: number;
  gradientsGiB?: number;
  optimizerGiB?: number;
  activationsGiB: number;
  overheadGiB: number;
}

/** One Azure size that holds the model: `gpus` GPUs over `vms` VMs. */
export interface SizeFit {
  sku: string;
  vms: number;
  gpus: number;
  gpuMemoryGiB: number;
  perGpuGiB: number;
  /** Usable memory (memory x utilisation) left per GPU. */
  headroomGiB: number;
  /** All `vms` VMs together, pay-as-you-go, in the region asked; absent without a region or a price. */
  pricePerHour?: number;
}

/** The JSON contract of `gpuops size`. */
export interface SizeReport {
  model: string;
  params: number;
  precision: Precision;
  mode: SizeMode;
  breakdown: MemoryBreakdown;
  totalGiB: number;
  assumptions: string[];
  fits: SizeFit[];
  region: string | null;
}

export type PriceKind = 'payg' | 'spot' | 'reservation-1y' | 'reservation-3y';

/** A price per VM-hour and where it came from. */
export interface PriceQuote {
  sku: string;
  region: string;
  kind: PriceKind;
  perHour: number;
  currency: string;
  source: string;
  asOf: string;
}

/** The JSON contract of `gpuops cost`; money is null when the price was not found, never 0. */
export interface CostReport {
  sku: string;
  count: number;
  region: string;
  pricing: PriceKind;
  hours: number | null;
  /** Per VM. */
  pricePerHour: number | null;
  total: number | null;
  perMonth: number | null;
  currency: string;
  source: string;
  asOf: string | null;
  idle: { scenario: string; hours: number; cost: number | null };
}

export const PURPOSES = ['training', 'fine-tuning', 'inference'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const INTERCONNECTS = ['any', 'nvlink', 'infiniband'] as const;
export type Interconnect = (typeof INTERCONNECTS)[number];

/** What the engineer asked for, from flags, a YAML file or plain words. */
export interface WorkloadRequest {
  gpus: number;
  /** Catalog GPU id or alias as asked ("A100"); null: any GPU. */
  gpu: string | null;
  interconnect: Interconnect;
  /** Local NVMe per VM, GiB; null when not asked. */
  scratchGiB: number | null;
  purpose: Purpose | null;
  hours: number | null;
  region: string;
  /** ISO date-time (UTC) by which the VMs must run; null when none. */
  deadline: string | null;
  spot: boolean;
}

/** One way to meet a request: `count` VMs of a size in a region. */
export interface PlanCandidate {
  sku: string;
  region: string;
  count: number;
  gpus: number;
  gpuModel: string | null;
  nvlink: boolean | null;
  infiniband: boolean | null;
  nvmeGiBPerVm: number | null;
  /** true: meets every stated requirement; false: misses one (see notes); null: a fact is unknown. */
  meetsRequirements: boolean | null;
  pricePerHour: number | null;
  totalCost: number | null;
  priceSource: string | null;
  quota: { deployable: boolean | null; shortfallVcpus: number | null } | null;
  reasons: Reason[];
  quotaRequests: QuotaRequest[];
  /** Microsoft.Quota calls, one per quota request (PUT .../providers/Microsoft.Quota/quotas/{name}). */
  quotaRequestBodies: QuotaRequestCall[];
  notes: string[];
}

/** A Microsoft.Quota `quotas` create-or-update call for one limit: can-deploy's request body with its URL. */
export interface QuotaRequestCall {
  method: 'PUT';
  url: string;
  body: QuotaRequestBody;
}

export interface BudgetThreshold {
  percent: number;
  type: 'Actual' | 'Forecasted';
}

/** Guardrails a provisioning tool turns into IaC. */
export interface Guardrails {
  tags: { owner: string | null; 'cost-center': string | null; expires: string; workload: string };
  shutdown: { time: string; timezone: string; note: string };
  budget: { amount: number | null; currency: string; timeGrain: 'Monthly'; basis: string; thresholds: BudgetThreshold[] };
  checkpoints: { container: string; lifecycle: { coolAfterDays: number; archiveAfterDays: number; deleteAfterDays: number } };
}

/** The JSON/YAML contract of `gpuops plan`, and the input of `gpuops provision --plan`. */
export interface Plan {
  kind: 'gpuops/plan';
  version: 1;
  createdAt: string;
  request: WorkloadRequest;
  reading: { text: string; meaning: string }[] | null;
  recommended: { sku: string; count: number; region: string } | null;
  candidates: PlanCandidate[];
  fileQuotaBy: string | null;
  leadTimeHours: number;
  warnings: string[];
  guardrails: Guardrails;
  source: string;
}
