// Facts per Azure GPU size, transcribed from the sources each series names in `factsFrom`. A fact no
// source states is null. Memory columns are GiB as the docs give them; NVMe from the docs' "N x 960 GB"
// is decimal GB converted (960 GB = 894.07 GiB, the same as the API's NvmeDiskSizeInMiB 915527).
import { CATALOG_DATE, DOCS, SKYPILOT } from './provenance.js';
import { finish, nameOnly, series, twin, type SizeExtra } from './sku-builders.js';
import type { CatalogSku } from './skus.js';

const CAPTURE_2025 = 'Resource SKU capture of 2025-06-03 (Karpenter fake data)';
const LOW_PRIORITY: SizeExtra = { lowPriorityCapable: true };
const TIB = 1024;

const ncT4 = series(
  {
    series: 'NCasT4_v3', quotaFamily: 'Standard NCASv3_T4 Family', quotaName: 'Standard NCASv3_T4 Family vCPUs',
    gpu: 'T4', infiniband: false, nvlink: false, interconnectNote: 'no RDMA (RdmaEnabled False); the T4 has no NVLink',
    factsFrom: `${DOCS}; family and RDMA from a ${CAPTURE_2025}`,
  },
  [
    ['Standard_NC4as_T4_v3', 1, 4, 28, 176, null],
    ['Standard_NC8as_T4_v3', 1, 8, 56, 352, null],
    ['Standard_NC16as_T4_v3', 1, 16, 110, 352, null],
    ['Standard_NC64as_T4_v3', 4, 64, 440, 2816, null],
  ],
  { Standard_NC16as_T4_v3: LOW_PRIORITY },
);

const ncA100 = series(
  {
    series: 'NC_A100_v4', quotaFamily: 'StandardNCADSA100v4Family', quotaName: 'Standard NCADS_A100_v4 Family vCPUs',
    gpu: 'A100-80GB-PCIe', infiniband: false, nvlink: true,
    interconnectNote: "NVLink interconnect 'Supported' (series page); no InfiniBand",
    factsFrom: `${DOCS}; family from a ${CAPTURE_2025}`,
  },
  [
    ['Standard_NC24ads_A100_v4', 1, 24, 220, 64, 894.07],
    ['Standard_NC48ads_A100_v4', 2, 48, 440, 128, 1788.14],
    ['Standard_NC96ads_A100_v4', 4, 96, 880, 256, 3576.28],
  ],
  { Standard_NC24ads_A100_v4: LOW_PRIORITY },
);

const ndA100 = series(
  {
    series: 'NDasrA100_v4', quotaFamily: 'StandardNDASv4_A100Family', quotaName: 'Standard NDASv4_A100 Family vCPUs',
    gpu: 'A100-40GB-SXM', infiniband: true, nvlink: true,
    interconnectNote: '8x 200 Gb/s HDR InfiniBand, GPUDirect RDMA; NVLink 3.0',
    factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  [['Standard_ND96asr_v4', 8, 96, 900, 6000, null]],
);

const ndmA100 = series(
  {
    series: 'NDm_A100_v4', quotaFamily: 'standardNDAMSv4_A100Family', quotaName: 'Standard NDAMSv4_A100Family vCPUs',
    gpu: 'A100-80GB-SXM', infiniband: true, nvlink: true, interconnectNote: '8x 200 Gb/s HDR InfiniBand; NVLink 3.0',
    factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  [['Standard_ND96amsr_A100_v4', 8, 96, 1900, 6400, null]],
);

const ncH100 = series(
  {
    series: 'NCads_H100_v5', quotaFamily: 'StandardNCadsH100v5Family', quotaName: 'Standard NCadsH100v5 Family vCPUs',
    gpu: 'H100-94GB-NVL', infiniband: null, nvlink: null,
    factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  [
    ['Standard_NC40ads_H100_v5', 1, 40, 320, 3576, null],
    ['Standard_NC80adis_H100_v5', 2, 80, 640, 7152, null],
  ],
);

const ndH100 = series(
  {
    series: 'ND_H100_v5', quotaFamily: 'standardNDSH100v5Family', quotaName: 'Standard NDSH100v5 Family vCPUs',
    gpu: 'H100-80GB-SXM', infiniband: true, nvlink: true,
    interconnectNote: '8x 400 Gb/s NDR InfiniBand (Quantum-2 CX7), 3.2 Tb/s per VM; NVLink 4.0',
    factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  // The docs give 8 NVMe disks, "28 TiB total".
  [['Standard_ND96isr_H100_v5', 8, 96, 1900, 1024, 28 * TIB]],
);

const ndH200 = series(
  {
    series: 'ND_H200_v5', quotaFamily: null, quotaName: null, gpu: 'H200-141GB', infiniband: true, nvlink: true,
    interconnectNote: '8x 400 Gb/s InfiniBand (Quantum-2 CX7); NVLink 900 GB/s', factsFrom: DOCS,
  },
  [['Standard_ND96isr_H200_v5', 8, 96, 1850, 1024, 28 * TIB]],
);

const ndMi300x = series(
  {
    series: 'ND_MI300X_v5', quotaFamily: null, quotaName: null, gpu: 'MI300X', infiniband: true, nvlink: false,
    interconnectNote: '8x 400 Gb/s InfiniBand (Quantum-2 CX7); AMD Infinity Fabric 128 GB/s per GPU, 896 GB/s aggregate; no NVLink',
    factsFrom: DOCS,
  },
  [['Standard_ND96isr_MI300X_v5', 8, 96, 1850, 1000, 28000]],
);

// ND GB200 v6: the docs facts catalog/sources/resource-skus-gpu-2026-08.md lists (the API has no GPUs
// capability for it). The docs' 900 GB of RAM differs from the API's MemoryGB 864: the API value is shown.
const ndGb200 = series(
  {
    series: 'ND_GB200_v6', quotaFamily: null, quotaName: null, gpu: 'GB200', infiniband: true, nvlink: true,
    interconnectNote: '4x 400 Gb/s NDR InfiniBand per VM; NVLink 5 between the 4 GPUs',
    factsFrom: `catalog ${CATALOG_DATE} (ND GB200 v6 series page, read through a 2025 summary: 4 GPUs of 192 GB, NVLink 5, 4x 400 Gb/s InfiniBand, 16 TB NVMe)`,
  },
  // 16 TB of NVMe is decimal: 16e12 bytes = 14901.16 GiB.
  [['Standard_ND128isr_NDR_GB200_v6', 4, 128, 900, null, 14901.16]],
);

const nvA10 = series(
  {
    series: 'NVadsA10_v5', quotaFamily: 'StandardNVADSA10v5Family', quotaName: 'Standard NVADSA10v5 Family vCPUs',
    gpu: 'A10', infiniband: null, nvlink: null, factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  [
    // The API reports GPUs "1" for the three partitioned sizes; the docs give the fractions.
    ['Standard_NV6ads_A10_v5', 1 / 6, 6, 55, 180, null],
    ['Standard_NV12ads_A10_v5', 1 / 3, 12, 110, 360, null],
    ['Standard_NV18ads_A10_v5', 1 / 2, 18, 220, 720, null],
    ['Standard_NV36ads_A10_v5', 1, 36, 440, 1440, null],
    ['Standard_NV36adms_A10_v5', 1, 36, 880, 2880, null],
    ['Standard_NV72ads_A10_v5', 2, 72, 880, 2880, null],
  ],
  {
    Standard_NV6ads_A10_v5: { slice: ['1/6', 4] },
    Standard_NV12ads_A10_v5: { slice: ['1/3', 8] },
    Standard_NV18ads_A10_v5: { slice: ['1/2', 12] },
  },
);

const ncV3 = series(
  {
    series: 'NCv3', quotaFamily: 'standardNCSv3Family', quotaName: 'Standard NCSv3 Family vCPUs', gpu: 'V100-16GB',
    infiniband: false, nvlink: null,
    factsFrom: `${DOCS}; family from a ${CAPTURE_2025}; quota name from a Microsoft.Quota example`,
  },
  [
    ['Standard_NC6s_v3', 1, 6, 112, 736, null],
    ['Standard_NC12s_v3', 2, 12, 224, 1474, null],
    ['Standard_NC24s_v3', 4, 24, 448, 2948, null],
    ['Standard_NC24rs_v3', 4, 24, 448, 2948, null],
  ],
  {
    Standard_NC6s_v3: LOW_PRIORITY,
    Standard_NC24rs_v3: { infiniband: true, interconnectNote: 'RDMA capable (speed not stated)' },
  },
);

const ndV2 = series(
  {
    series: 'NDv2', quotaFamily: 'standardNDSv2Family', quotaName: null, gpu: 'V100-32GB', infiniband: true, nvlink: true,
    interconnectNote: '100 Gb/s EDR InfiniBand; NVLink', factsFrom: `${DOCS}; family as SkyPilot's Azure fetcher records it`,
  },
  [['Standard_ND40rs_v2', 8, 40, 672, 2948, null]],
);

const documented = [...ncT4, ...ncA100, ...ndA100, ...ndmA100, ...ncH100, ...ndH100, ...ndH200, ...ndMi300x, ...ndGb200, ...nvA10, ...ncV3, ...ndV2];

function doc(name: string): CatalogSku {
  const found = documented.find((s) => s.name === name);
  if (!found) throw new Error(`catalog data: no documented size ${name}`);
  return found;
}

const NO_R = "InfiniBand not stated for this variant (its name lacks the 'r' of its twin)";
const h100 = doc('Standard_ND96isr_H100_v5');
const variants: CatalogSku[] = [
  twin('Standard_ND96ams_A100_v4', doc('Standard_ND96amsr_A100_v4'), {
    why: "the same size without the 'r' (RDMA)", infiniband: null, interconnectNote: `NVLink 3.0; ${NO_R}`,
  }),
  ...['Standard_ND96is_H100_v5', 'Standard_ND96isf_H100_v5', 'Standard_ND96is_flex_H100_v5'].map((name) =>
    twin(name, h100, { why: "a variant without the 'r' (RDMA)", infiniband: null, interconnectNote: `NVLink 4.0; ${NO_R}` }),
  ),
  twin('Standard_ND96is_noIB_H100_v5', h100, {
    why: 'a variant its name marks as without InfiniBand', infiniband: false, interconnectNote: 'NVLink 4.0; no InfiniBand (noIB)',
  }),
  twin('Standard_ND96isrf_H100_v5', h100, {
    why: 'a variant with the same RDMA letter', infiniband: true, interconnectNote: h100.interconnectNote,
  }),
  twin('Standard_ND96is_MI300X_v5', doc('Standard_ND96isr_MI300X_v5'), {
    why: "the same size without the 'r' (RDMA)", infiniband: null,
    interconnectNote: `AMD Infinity Fabric 128 GB/s per GPU, 896 GB/s aggregate; no NVLink; ${NO_R}`,
  }),
  twin('Standard_NCC40ads_H100_v5', doc('Standard_NC40ads_H100_v5'), {
    why: 'its confidential-computing twin; SkyPilot v6 agrees on 40 vCPUs and 320 GiB', infiniband: null, series: 'NCC_H100_v5',
  }),
];

// Older families only SkyPilot's undated catalog describes: GPU model and count, vCPUs, RAM.
const skypilot = (name: string, count: number | null, vcpus: number, ram: number) => [name, count, vcpus, ram, null, null] as const;
const k80 = { quotaFamily: null, quotaName: null, gpu: 'K80', infiniband: null, nvlink: null, factsFrom: SKYPILOT };
const m60 = { ...k80, gpu: 'M60' };
const NV6_CAPTURE = `${SKYPILOT}; family, temp disk, RDMA and low priority from a Resource SKU capture of 2023-07-18 (Azure/skewer test data)`;
const MI25_PARTIAL = `${SKYPILOT}; GPU count left unknown: SkyPilot gives 1 for every NVv4 size, as the API's GPUs capability does for partitioned GPUs`;

const older: CatalogSku[] = [
  ...series({ ...k80, series: 'NC' }, [
    skypilot('Standard_NC6', 1, 6, 56), skypilot('Standard_NC12', 2, 12, 112),
    skypilot('Standard_NC24', 4, 24, 224), skypilot('Standard_NC24r', 4, 24, 224),
  ]),
  ...series({ ...k80, series: 'NC_Promo' }, [
    skypilot('Standard_NC6_Promo', 1, 6, 56), skypilot('Standard_NC12_Promo', 2, 12, 112),
    skypilot('Standard_NC24_Promo', 4, 24, 224), skypilot('Standard_NC24r_Promo', 4, 24, 224),
  ]),
  ...series(
    { ...m60, series: 'NV', quotaFamily: 'standardNVFamily', factsFrom: `${SKYPILOT}; family from a Resource SKU capture of NV6 (2023-07-18)` },
    [
      ['Standard_NV6', 1, 6, 56, 380, null],
      skypilot('Standard_NV12', 2, 12, 112), skypilot('Standard_NV24', 4, 24, 224),
    ],
    { Standard_NV6: { lowPriorityCapable: true, infiniband: false, factsFrom: NV6_CAPTURE } },
  ),
  ...series({ ...m60, series: 'NV_Promo' }, [
    skypilot('Standard_NV6_Promo', 1, 6, 56), skypilot('Standard_NV12_Promo', 2, 12, 112),
    skypilot('Standard_NV24_Promo', 4, 24, 224),
  ]),
  ...series({ ...m60, series: 'NVv3' }, [
    skypilot('Standard_NV12s_v3', 1, 12, 112), skypilot('Standard_NV24s_v3', 2, 24, 224),
    skypilot('Standard_NV48s_v3', 4, 48, 448),
  ]),
  ...series(
    { ...k80, gpu: 'MI25', series: 'NVv4' },
    [
      skypilot('Standard_NV4as_v4', null, 4, 14), skypilot('Standard_NV8as_v4', null, 8, 28),
      skypilot('Standard_NV16as_v4', null, 16, 56), skypilot('Standard_NV32as_v4', 1, 32, 112),
    ],
    {
      Standard_NV4as_v4: { factsFrom: MI25_PARTIAL, partitioned: true },
      Standard_NV8as_v4: { factsFrom: MI25_PARTIAL, partitioned: true },
      Standard_NV16as_v4: { factsFrom: MI25_PARTIAL, partitioned: true },
    },
  ),
];

const NAME_ONLY = `catalog ${CATALOG_DATE} (size name and price list only: vCPUs from the name; GPU count and memory unknown)`;
const NAME_SKYPILOT = `catalog ${CATALOG_DATE} (size name; vCPUs and RAM from SkyPilot catalog v6, undated; GPU count and memory unknown)`;
// vCPU counts of the RTX PRO 6000 BSE sizes in the price list: "ds" and "lds" (the latter also at 8, 16, 24).
const RTX_DS = [32, 36, 64, 72, 128, 132, 144, 256, 264, 288, 320, 324];
const RTX_LDS = [8, 16, 24, ...RTX_DS];

const undocumented: CatalogSku[] = [
  ...nameOnly(
    [...RTX_DS.map((n) => `Standard_NC${n}ds_xl_RTXPRO6000BSE_v6`), ...RTX_LDS.map((n) => `Standard_NC${n}lds_xl_RTXPRO6000BSE_v6`)],
    NAME_ONLY,
  ),
  ...nameOnly(['Standard_ND128isrf_NDR_GB200_v6'], NAME_ONLY),
  // In the Resource SKUs API (family, vCPUs, RAM) but in no price list read; GPU count not stated.
  ...nameOnly(['Standard_ND128isr_GB300_v6'], NAME_ONLY),
  ...nameOnly(
    ['Standard_NV4ads_V710_v5', 'Standard_NV8ads_V710_v5', 'Standard_NV12ads_V710_v5', 'Standard_NV24ads_V710_v5', 'Standard_NV28adms_V710_v5'],
    NAME_ONLY,
  ),
  ...nameOnly(
    [
      ['Standard_NG8ads_V620_v1', 8, 16], ['Standard_NG16ads_V620_v1', 16, 32], ['Standard_NG32ads_V620_v1', 32, 64],
      ['Standard_NG32adms_V620_v1', 32, 176],
    ],
    NAME_SKYPILOT,
  ),
  ...nameOnly(['Standard_NG32adms_V620'], NAME_ONLY),
  ...nameOnly([['Standard_NC8ads_A10_v4', 8, 100], ['Standard_NC16ads_A10_v4', 16, 200], ['Standard_NC32ads_A10_v4', 32, 400]], NAME_SKYPILOT),
  ...nameOnly(['Standard_NV6s_v2', 'Standard_NV12s_v2', 'Standard_NV24s_v2', 'Standard_ND40s_v2'], NAME_ONLY),
  ...nameOnly([['Standard_ND40s_v3', 40, 672]], NAME_SKYPILOT),
];

// Retired series no price list carries any more, kept so that their names get the answer RETIRED
// rather than "unknown size": the GPU model from the retirement notice, vCPUs from the name.
const NAME_NOTICE = `catalog ${CATALOG_DATE} (size name and its retirement notice only: GPU model from the notice, vCPUs from the name; GPU count and memory unknown)`;
const retired: CatalogSku[] = [
  ...nameOnly(['Standard_NC6s_v2', 'Standard_NC12s_v2', 'Standard_NC24s_v2', 'Standard_NC24rs_v2'], NAME_NOTICE, 'P100'),
  ...nameOnly(['Standard_ND6s', 'Standard_ND12s', 'Standard_ND24s', 'Standard_ND24rs'], NAME_NOTICE, 'P40'),
];

/** Every Azure GPU size the catalog knows: documented series, their priced variants, older and name-only sizes. */
export const CATALOG_SKUS: readonly CatalogSku[] = finish([...documented, ...variants, ...older, ...undocumented, ...retired]);
