/** A value nvidia-smi could not give: `[N/A]`, `N/A`, `[Not Supported]`, `[Unknown Error]`, ... */
export function isUnavailable(raw: string): boolean {
  const v = raw.trim();
  return v === '' || v === 'N/A' || (v.startsWith('[') && v.endsWith(']'));
}

/** How a query-gpu field becomes a number. */
export type FieldKind = 'number' | 'yesno' | 'text';

/** One dcgm-exporter-compatible metric fed by a query-gpu field. */
export interface DcgmMetric {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  field: string;
  kind: FieldKind;
}

// Names, types and help texts are dcgm-exporter's (etc/default-counters.csv, and the ECC/retired-page
// lines it ships commented out); the nvidia-smi field is the one that reports the same quantity in the
// same unit (MiB, W, MHz, C, %).
export const DCGM_METRICS: readonly DcgmMetric[] = [
  { name: 'DCGM_FI_DEV_SM_CLOCK', type: 'gauge', help: 'SM clock frequency (in MHz).', field: 'clocks.current.sm', kind: 'number' },
  { name: 'DCGM_FI_DEV_MEM_CLOCK', type: 'gauge', help: 'Memory clock frequency (in MHz).', field: 'clocks.current.memory', kind: 'number' },
  { name: 'DCGM_FI_DEV_MEMORY_TEMP', type: 'gauge', help: 'Memory temperature (in C).', field: 'temperature.memory', kind: 'number' },
  { name: 'DCGM_FI_DEV_GPU_TEMP', type: 'gauge', help: 'GPU temperature (in C).', field: 'temperature.gpu', kind: 'number' },
  { name: 'DCGM_FI_DEV_POWER_USAGE', type: 'gauge', help: 'Power draw (in W).', field: 'power.draw', kind: 'number' },
  { name: 'DCGM_FI_DEV_POWER_MGMT_LIMIT', type: 'gauge', help: 'Power management limit (in W).', field: 'power.limit', kind: 'number' },
  { name: 'DCGM_FI_DEV_GPU_UTIL', type: 'gauge', help: 'GPU utilization (in %).', field: 'utilization.gpu', kind: 'number' },
  { name: 'DCGM_FI_DEV_MEM_COPY_UTIL', type: 'gauge', help: 'Memory utilization (in %).', field: 'utilization.memory', kind: 'number' },
  { name: 'DCGM_FI_DEV_ENC_UTIL', type: 'gauge', help: 'Encoder utilization (in %).', field: 'utilization.encoder', kind: 'number' },
  { name: 'DCGM_FI_DEV_DEC_UTIL', type: 'gauge', help: 'Decoder utilization (in %).', field: 'utilization.decoder', kind: 'number' },
  { name: 'DCGM_FI_DEV_FB_FREE', type: 'gauge', help: 'Framebuffer memory free (in MiB).', field: 'memory.free', kind: 'number' },
  { name: 'DCGM_FI_DEV_FB_USED', type: 'gauge', help: 'Framebuffer memory used (in MiB).', field: 'memory.used', kind: 'number' },
  { name: 'DCGM_FI_DEV_FB_RESERVED', type: 'gauge', help: 'Framebuffer memory reserved (in MiB).', field: 'memory.reserved', kind: 'number' },
  { name: 'DCGM_FI_DEV_ECC_SBE_VOL_TOTAL', type: 'counter', help: 'Total number of single-bit volatile ECC errors.', field: 'ecc.errors.corrected.volatile.total', kind: 'number' },
  { name: 'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL', type: 'counter', help: 'Total number of double-bit volatile ECC errors.', field: 'ecc.errors.uncorrected.volatile.total', kind: 'number' },
  { name: 'DCGM_FI_DEV_ECC_SBE_AGG_TOTAL', type: 'counter', help: 'Total number of single-bit persistent ECC errors.', field: 'ecc.errors.corrected.aggregate.total', kind: 'number' },
  { name: 'DCGM_FI_DEV_ECC_DBE_AGG_TOTAL', type: 'counter', help: 'Total number of double-bit persistent ECC errors.', field: 'ecc.errors.uncorrected.aggregate.total', kind: 'number' },
  { name: 'DCGM_FI_DEV_RETIRED_SBE', type: 'counter', help: 'Total number of retired pages due to single-bit errors.', field: 'retired_pages.single_bit_ecc.count', kind: 'number' },
  { name: 'DCGM_FI_DEV_RETIRED_DBE', type: 'counter', help: 'Total number of retired pages due to double-bit errors.', field: 'retired_pages.double_bit.count', kind: 'number' },
  { name: 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', type: 'counter', help: 'Number of remapped rows for correctable errors', field: 'remapped_rows.correctable', kind: 'number' },
  { name: 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', type: 'counter', help: 'Number of remapped rows for uncorrectable errors', field: 'remapped_rows.uncorrectable', kind: 'number' },
  { name: 'DCGM_FI_DEV_ROW_REMAP_FAILURE', type: 'gauge', help: 'Whether remapping of rows has failed', field: 'remapped_rows.failure', kind: 'yesno' },
];

/** Fields that identify a GPU and become labels. */
export const LABEL_FIELDS = ['index', 'uuid', 'name', 'pci.bus_id', 'driver_version'] as const;

/** Every field the exporter asks nvidia-smi for, in order: identity first, then values. */
export const QUERY_FIELDS: readonly string[] = [
  ...LABEL_FIELDS, ...DCGM_METRICS.map((m) => m.field), 'memory.total', 'mig.mode.current',
];
