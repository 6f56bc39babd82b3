import type { CatalogSku } from '../catalog/index.js';

/** Where the driver facts come from (Azure/azhpc-extensions, copied into test/fixtures/provision/azhpc-extensions). */
export const DRIVER_SOURCE = 'Azure/azhpc-extensions NvidiaGPU/Nvidia-GPU-Linux-Resources.json and AmdGPU/AMD-GPU-Linux-Resources.json at 12c76bc (2026-04-20), read 2026-11-27';

/**
 * VM families in the "Latest" section of Nvidia-GPU-Linux-Resources.json, with the driver category the
 * extension installs by default (its DefaultSelectionsPerVMFamily, else the only category listing the family).
 */
export const NVIDIA_EXTENSION_FAMILIES: Readonly<Record<string, 'CUDA' | 'GRID'>> = {
  'NC series': 'CUDA',
  'NCv2 series': 'CUDA',
  'NCv3 series': 'CUDA',
  'NCasT4_v3 sizes': 'CUDA',
  'NVv3 Series': 'GRID',
  'NC_A100_v4 series': 'CUDA',
  'NVadsA10_v5 Series': 'GRID',
};

/** VM families in the "Latest" section of AMD-GPU-Linux-Resources.json (ROCm). */
export const AMD_EXTENSION_FAMILIES: readonly string[] = ['NVads_V710_v5 Series'];

/** A marketplace image as publisher:offer:sku:version. */
export interface ImageRef {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
}

/** Ubuntu 22.04 LTS (Gen2): the newest Ubuntu the NVIDIA extension's CUDA driver lists. */
export const UBUNTU_2204: ImageRef = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' };
/** Azure HPC image (Ubuntu 22.04): ships the NVIDIA driver, CUDA, NCCL and the InfiniBand (DOCA/OFED) stack. */
export const UBUNTU_HPC_2204: ImageRef = { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' };
/** Azure HPC image with ROCm (Ubuntu 22.04), for AMD Instinct (MI300X) sizes. */
export const UBUNTU_HPC_2204_ROCM: ImageRef = { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204-rocm', version: 'latest' };

/** One VM extension to install. */
export interface DriverExtension {
  name: string;
  publisher: 'Microsoft.HpcCompute';
  type: string;
  typeHandlerVersion: string;
  settings?: Record<string, unknown>;
}

/** How a GPU VM of a size gets its drivers. */
export interface DriverPath {
  /** extension: a driver VM extension on a plain Ubuntu image; image: an image that ships the driver. */
  kind: 'extension' | 'image';
  image: ImageRef;
  extensions: DriverExtension[];
  /** The family name in the azhpc-extensions file that matched, or null. */
  family: string | null;
  /** CUDA (compute), GRID (virtual workstation), ROCm (AMD), or the image's stack. */
  driver: 'CUDA' | 'GRID' | 'ROCm' | 'image';
  /** What a person should know, e.g. "not in the extension's supported families; using the HPC image". */
  note: string;
}

/** A size with no driver path gpuops knows. */
export interface NoDriverPath {
  kind: 'unsupported';
  reason: string;
}

const NVIDIA_EXTENSION = { name: 'NvidiaGpuDriverLinux', publisher: 'Microsoft.HpcCompute', type: 'NvidiaGpuDriverLinux', typeHandlerVersion: '1.6' } as const;
const IB_EXTENSION = { name: 'InfiniBandDriverLinux', publisher: 'Microsoft.HpcCompute', type: 'InfiniBandDriverLinux', typeHandlerVersion: '1.2' } as const;
const AMD_EXTENSION = { name: 'AmdGpuDriverLinux', publisher: 'Microsoft.HpcCompute', type: 'AmdGpuDriverLinux', typeHandlerVersion: '1.0' } as const;

/** "NC_A100_v4 series" and the catalog's "NC_A100_v4" compare equal: case, underscores and the trailing word dropped. */
export function familyKey(family: string): string {
  return family.replace(/\s+(series|sizes)$/i, '').replace(/[_\s-]/g, '').toLowerCase();
}

// The catalog names the V710 series "NV_V710_v5"; the AMD file says "NVads_V710_v5 Series".
const SERIES_ALIASES: Record<string, string> = { nvv710v5: 'nvadsv710v5' };

function seriesKey(series: string): string {
  const key = familyKey(series);
  return SERIES_ALIASES[key] ?? key;
}

function matchFamily(series: string, families: readonly string[]): string | null {
  const key = seriesKey(series);
  return families.find((f) => familyKey(f) === key) ?? null;
}

/**
 * The driver path of a GPU size: the NVIDIA extension (plus InfiniBand's on RDMA sizes) where
 * azhpc-extensions lists the family, else the HPC image that ships the drivers; AMD sizes get the AMD
 * extension (V710) or the ROCm HPC image (MI300X); anything else is unsupported, with the reason.
 */
export function driverPath(sku: Pick<CatalogSku, 'name' | 'series' | 'infiniband' | 'gpu'>, vendor: 'NVIDIA' | 'AMD' | null): DriverPath | NoDriverPath {
  if (/GB200|GB300/i.test(sku.name)) {
    return { kind: 'unsupported', reason: `${sku.name} has Arm64 (Grace) hosts; gpuops generates x64 images only. Use the Azure HPC image for Arm64 by hand.` };
  }
  if (vendor === 'AMD') return amdPath(sku);
  if (vendor !== 'NVIDIA') return { kind: 'unsupported', reason: `the GPU vendor of ${sku.name} is unknown to the catalog, so no driver path can be chosen` };
  const family = matchFamily(sku.series, Object.keys(NVIDIA_EXTENSION_FAMILIES));
  if (family) {
    const driver = NVIDIA_EXTENSION_FAMILIES[family]!;
    const extensions: DriverExtension[] = [{ ...NVIDIA_EXTENSION }];
    if (sku.infiniband) extensions.push({ ...IB_EXTENSION });
    return {
      kind: 'extension', image: UBUNTU_2204, extensions, family, driver,
      note: `${family} is supported by NvidiaGpuDriverLinux (${driver} driver)${sku.infiniband ? '; InfiniBandDriverLinux adds the RDMA driver' : ''}`,
    };
  }
  return {
    kind: 'image', image: UBUNTU_HPC_2204, extensions: [], family: null, driver: 'image',
    note: `${sku.series} is not among the NvidiaGpuDriverLinux families in azhpc-extensions, so the Azure HPC image (NVIDIA driver, CUDA, NCCL${sku.infiniband ? ', InfiniBand' : ''} preinstalled) is used instead`,
  };
}

function amdPath(sku: Pick<CatalogSku, 'name' | 'series'>): DriverPath | NoDriverPath {
  const family = matchFamily(sku.series, AMD_EXTENSION_FAMILIES);
  if (family) {
    return { kind: 'extension', image: UBUNTU_2204, extensions: [{ ...AMD_EXTENSION }], family, driver: 'ROCm', note: `${family} is supported by the AMD GPU driver extension (ROCm)` };
  }
  if (/MI300X/i.test(sku.name)) {
    return { kind: 'image', image: UBUNTU_HPC_2204_ROCM, extensions: [], family: null, driver: 'image', note: `${sku.series} has no driver extension; the Azure HPC image with ROCm is used` };
  }
  return { kind: 'unsupported', reason: `${sku.name} (${sku.series}) has no Linux driver path in azhpc-extensions (AMD families listed: ${AMD_EXTENSION_FAMILIES.join(', ')})` };
}
