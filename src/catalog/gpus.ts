import type { GpuModel } from '../model/sku.js';
import { CATALOG_DATE } from './provenance.js';

// Memory and interconnect are as the Microsoft Learn size pages state them (per-GPU values from the
// specs/summary includes, because the pages' "Accelerator-Memory" column is per VM on most pages and
// per GPU on others). Architecture comes from the vendor's product line, which those pages do not
// name; form factor is 'unknown' wherever neither the docs nor the product itself settle it
// (V100 and H200 are sold both as PCIe cards and as SXM modules).
const docs = (what: string) => ({
  source: `Microsoft Learn GPU size docs (${what}): memory, interconnect; architecture from the vendor's product line`,
  asOf: CATALOG_DATE,
});
const skypilot = {
  source: "SkyPilot catalog v6 (undated): model name only, memory not stated; architecture from the vendor's product line",
  asOf: CATALOG_DATE,
};
const NOT_STATED = 'not stated in the size docs';

const MODELS: readonly GpuModel[] = [
  {
    id: 'T4', name: 'NVIDIA T4', vendor: 'NVIDIA', memoryGiB: 16, architecture: 'Turing', formFactor: 'PCIe',
    interconnect: NOT_STATED, aliases: ['t4', 't4-16gb', 'tesla-t4', 'nvidia-t4'], provenance: docs('NCasT4_v3'),
  },
  {
    id: 'A10', name: 'NVIDIA A10', vendor: 'NVIDIA', memoryGiB: 24, architecture: 'Ampere', formFactor: 'PCIe',
    interconnect: NOT_STATED, aliases: ['a10', 'a10-24gb', 'nvidia-a10'], provenance: docs('NVadsA10_v5'),
  },
  {
    id: 'V100-16GB', name: 'NVIDIA Tesla V100 16GB', vendor: 'NVIDIA', memoryGiB: 16, architecture: 'Volta',
    formFactor: 'unknown', interconnect: NOT_STATED, aliases: ['v100', 'v100-16gb', 'tesla-v100'], provenance: docs('NCv3'),
  },
  {
    id: 'V100-32GB', name: 'NVIDIA Tesla V100 32GB', vendor: 'NVIDIA', memoryGiB: 32, architecture: 'Volta',
    formFactor: 'unknown', interconnect: 'NVLink', aliases: ['v100-32gb', 'v100-32g'], provenance: docs('NDv2'),
  },
  {
    id: 'A100-40GB-SXM', name: 'NVIDIA A100 40GB SXM', vendor: 'NVIDIA', memoryGiB: 40, architecture: 'Ampere',
    formFactor: 'SXM', interconnect: 'NVLink 3.0', aliases: ['a100', 'a100-40gb', 'a100-sxm-40gb'],
    provenance: docs('ND A100 v4'),
  },
  {
    id: 'A100-80GB-PCIe', name: 'NVIDIA A100 80GB PCIe', vendor: 'NVIDIA', memoryGiB: 80, architecture: 'Ampere',
    formFactor: 'PCIe', interconnect: "NVLink (series page: 'NVIDIA NVLink Interconnect: Supported')",
    aliases: ['a100-80gb-pcie', 'a100-pcie'], provenance: docs('NC_A100_v4'),
  },
  {
    id: 'A100-80GB-SXM', name: 'NVIDIA A100 80GB SXM', vendor: 'NVIDIA', memoryGiB: 80, architecture: 'Ampere',
    formFactor: 'SXM', interconnect: 'NVLink 3.0', aliases: ['a100-80gb', 'a100-80gb-sxm', 'a100-sxm'],
    provenance: docs('NDm_A100_v4'),
  },
  {
    // The docs call it "PCIe H100 GPU (94GB)"; the 94 GB H100 is the product NVIDIA sells as H100 NVL.
    id: 'H100-94GB-NVL', name: 'NVIDIA H100 NVL 94GB', vendor: 'NVIDIA', memoryGiB: 94, architecture: 'Hopper',
    formFactor: 'NVL', interconnect: NOT_STATED, aliases: ['h100-nvl', 'h100nvl', 'h100-94gb', 'h100-pcie'],
    provenance: docs('NCads_H100_v5'),
  },
  {
    id: 'H100-80GB-SXM', name: 'NVIDIA H100 80GB SXM', vendor: 'NVIDIA', memoryGiB: 80, architecture: 'Hopper',
    formFactor: 'SXM', interconnect: 'NVLink 4.0', aliases: ['h100', 'h100-80gb', 'h100-sxm'], provenance: docs('ND_H100_v5'),
  },
  {
    id: 'H200-141GB', name: 'NVIDIA H200 141GB', vendor: 'NVIDIA', memoryGiB: 141, architecture: 'Hopper',
    formFactor: 'unknown', interconnect: 'NVLink (900 GB/s)', aliases: ['h200', 'h200-141gb'], provenance: docs('ND_H200_v5'),
  },
  {
    id: 'MI300X', name: 'AMD Instinct MI300X 192GB', vendor: 'AMD', memoryGiB: 192, architecture: 'CDNA 3', formFactor: 'OAM',
    interconnect: 'AMD Infinity Fabric (128 GB/s per GPU, 896 GB/s aggregate)',
    aliases: ['mi300x', 'mi300x-192gb', 'instinct-mi300x'], provenance: docs('ND_MI300X_v5'),
  },
  {
    // The GPU of the GB200 superchip (one Grace CPU + two Blackwell GPUs); the docs state 192 GB HBM3e per GPU.
    id: 'GB200', name: 'NVIDIA GB200 (Blackwell)', vendor: 'NVIDIA', memoryGiB: 192, architecture: 'Blackwell',
    formFactor: 'unknown', interconnect: 'NVLink 5', aliases: ['gb200'],
    provenance: docs('ND GB200 v6, read through a 2025 summary'),
  },
  {
    id: 'K80', name: 'NVIDIA Tesla K80', vendor: 'NVIDIA', memoryGiB: null, architecture: 'Kepler', formFactor: 'PCIe',
    interconnect: NOT_STATED, aliases: ['k80', 'tesla-k80'], provenance: skypilot,
  },
  {
    id: 'M60', name: 'NVIDIA Tesla M60', vendor: 'NVIDIA', memoryGiB: null, architecture: 'Maxwell', formFactor: 'PCIe',
    interconnect: NOT_STATED, aliases: ['m60', 'tesla-m60'], provenance: skypilot,
  },
  {
    id: 'MI25', name: 'AMD Radeon Instinct MI25', vendor: 'AMD', memoryGiB: null, architecture: 'Vega', formFactor: 'PCIe',
    interconnect: NOT_STATED, aliases: ['mi25', 'radeon-mi25', 'radeon-instinct-mi25'], provenance: skypilot,
  },
];

/** "Radeon MI25", "radeon_mi25" and "RADEON-MI25" are one key. */
function key(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

let index: Map<string, GpuModel> | undefined;

function gpuIndex(): Map<string, GpuModel> {
  if (!index) {
    index = new Map();
    for (const m of MODELS) for (const k of [m.id, ...m.aliases]) index.set(key(k), m);
  }
  return index;
}

/** Every GPU model the catalog knows, in a stable order. */
export function gpuModels(): readonly GpuModel[] {
  return MODELS;
}

/** The GPU model whose id or alias matches `query` (case-insensitive; spaces and underscores as hyphens). */
export function findGpu(query: string): GpuModel | undefined {
  return gpuIndex().get(key(query));
}

/** The GPU model with exactly this id ("A100-80GB-SXM"), as catalog SKUs reference it. */
export function gpuModel(id: string): GpuModel | undefined {
  return MODELS.find((m) => m.id === id);
}
