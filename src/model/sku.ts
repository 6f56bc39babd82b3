/** Where a fact came from and when it was read (ISO date). */
export interface Provenance {
  source: string;
  asOf: string;
}

/** A GPU (or accelerator) model as sold inside Azure VM sizes. */
export interface GpuModel {
  /** Stable key, e.g. "A100-80GB-SXM". */
  id: string;
  /** Human name, e.g. "NVIDIA A100 80GB SXM". */
  name: string;
  vendor: 'NVIDIA' | 'AMD';
  /** Nominal memory per GPU in GiB as the vendor states it; null when no source states it. */
  memoryGiB: number | null;
  architecture: string;
  formFactor: 'PCIe' | 'SXM' | 'NVL' | 'OAM' | 'unknown';
  /** GPU-to-GPU interconnect the chip supports, e.g. "NVLink 3.0 (600 GB/s)". */
  interconnect: string;
  /** Short names users type: "a100", "a100-80gb". */
  aliases: string[];
  provenance: Provenance;
}

/** Why a size cannot be used in a region (Location) or in some of its zones (Zone). */
export interface Restriction {
  type: 'Location' | 'Zone';
  reason: string;
  zones?: string[];
}

/** GPU content of a VM size. `null` everywhere means "unknown", never zero. */
export interface SkuGpu {
  /** Catalog GPU id or, when only the size name tells, the accelerator token ("V710"). */
  model: string | null;
  /** GPUs per VM; fractional sizes carry the fraction as a number (1/6 -> 0.1667). */
  count: number | null;
  /** VRAM per GPU in GiB, or of the slice for fractional sizes. */
  memoryGiB: number | null;
  /** VRAM of the whole VM in GiB. */
  totalMemoryGiB: number | null;
  /** "1/6" for partitioned GPUs. */
  fraction?: string;
}

/** Price of one VM per hour in one region. */
export interface SkuPrice {
  paygPerHour: number;
  spotPerHour?: number;
  /** Spot prices come from a different, older source than pay-as-you-go; it is named here. */
  spotSource?: string;
  currency: 'USD';
  asOf: string;
  source: string;
}

/** One Azure VM size as gpuops understands it, whatever source it came from. */
export interface VmSku {
  name: string;
  /** Series as Azure docs name it, e.g. "NC_A100_v4", or derived from the name. */
  series: string;
  /** Resource SKU `family` string, the key into Compute Usages; null when unknown. */
  quotaFamily: string | null;
  /** Localized quota name, e.g. "Standard NCADS_A100_v4 Family vCPUs". */
  quotaName: string | null;
  gpu: SkuGpu;
  vcpus: number | null;
  memoryGiB: number | null;
  tempDiskGiB: number | null;
  nvmeGiB: number | null;
  infiniband: boolean | null;
  nvlink: boolean | null;
  /** Free-text interconnect detail from the docs ("8x 400 Gb/s NDR"). */
  interconnectNote?: string;
  /** false when a Location restriction blocks the region; null when unknown (offline). */
  available: boolean | null;
  restrictions: Restriction[];
  /** Availability zones the size is offered in, when the source says. */
  zones?: string[];
  /** ISO date the size is (or was) retired, and the notice that says so. */
  retirement?: string;
  retirementSource?: string;
  /** Other names of the same size (the price sheet's), accepted as input. */
  aliases?: string[];
  lowPriorityCapable?: boolean | null;
  price?: SkuPrice;
  /** Where the hardware facts came from ("catalog 2026-06-18", "api", "name"). */
  factsFrom: string;
}

/** A VM with at most one GPU (or a slice of one) has no GPU peer: NVLink is not applicable. */
export function oneGpuOrLess(gpu: SkuGpu): boolean {
  return gpu.count !== null && gpu.count > 0 && gpu.count <= 1;
}
