import { XMLParser } from 'fast-xml-parser';
import { isUnavailable } from './fields.js';

/** A MIG instance of a GPU, from `<mig_devices>`. */
export interface MigDevice {
  gpuInstanceId: string;
  computeInstanceId: string;
  fbTotalMiB: number | null;
  fbUsedMiB: number | null;
  fbFreeMiB: number | null;
}

/** A process holding GPU memory, from `<processes>`. */
export interface GpuProcess {
  pid: string;
  name: string;
  type: string;
  usedMiB: number | null;
  gpuInstanceId: string | null;
}

/** What `nvidia-smi -q -x` adds to the CSV query for one GPU. */
export interface XmlGpu {
  uuid: string;
  busId: string;
  /** Clock event (throttle) reason -> active; null where the driver says N/A. */
  clockEventReasons: Record<string, boolean | null>;
  /** `volatile`/`aggregate` -> counter name (sram_correctable, dram_uncorrectable, ...) -> count. */
  ecc: { volatile: Record<string, number>; aggregate: Record<string, number> };
  retiredPages: { singleBit: number | null; doubleBit: number | null; pending: boolean | null };
  mig: MigDevice[];
  processes: GpuProcess[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true,
  isArray: (name) => name === 'gpu' || name === 'mig_device' || name === 'process_info',
  processEntities: false,
});

const obj = (v: unknown): Node => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const arr = (v: unknown): Node[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string | null => (typeof v === 'string' && !isUnavailable(v) ? v : null);

/** "19818 MiB", "0", "27 C" -> the leading number; N/A or text -> null. */
function num(v: unknown): number | null {
  const t = text(v);
  const m = t === null ? null : /^(-?\d+(?:\.\d+)?)(?:\s+\S+)?$/.exec(t);
  return m ? Number(m[1]) : null;
}

function active(v: unknown): boolean | null {
  const t = text(v);
  if (t === 'Active') return true;
  if (t === 'Not Active') return false;
  return null;
}

function yes(v: unknown): boolean | null {
  const t = text(v);
  return t === 'Yes' ? true : t === 'No' ? false : null;
}

// Newer drivers say clocks_event_reasons/clocks_event_reason_*; older ones clocks_throttle_reasons/clocks_throttle_reason_*.
function reasons(gpu: Node): Record<string, boolean | null> {
  const block = obj(gpu.clocks_event_reasons ?? gpu.clocks_throttle_reasons);
  const out: Record<string, boolean | null> = {};
  for (const [k, v] of Object.entries(block)) {
    out[k.replace(/^clocks_(event|throttle)_reason_/, '')] = active(v);
  }
  return out;
}

function counters(block: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(block))) {
    const n = num(v);
    if (n !== null && Number.isInteger(n) && n >= 0) out[k] = n;
  }
  return out;
}

function migDevices(gpu: Node): MigDevice[] {
  return arr(obj(gpu.mig_devices).mig_device).map((d) => {
    const fb = obj(d.fb_memory_usage);
    return {
      gpuInstanceId: text(d.gpu_instance_id) ?? '', computeInstanceId: text(d.compute_instance_id) ?? '',
      fbTotalMiB: num(fb.total), fbUsedMiB: num(fb.used), fbFreeMiB: num(fb.free),
    };
  }).filter((d) => d.gpuInstanceId !== '');
}

function processes(gpu: Node): GpuProcess[] {
  return arr(obj(gpu.processes).process_info).map((p) => ({
    pid: text(p.pid) ?? '', name: text(p.process_name) ?? '', type: text(p.type) ?? '',
    usedMiB: num(p.used_memory), gpuInstanceId: text(p.gpu_instance_id),
  })).filter((p) => /^\d+$/.test(p.pid));
}

/** Parse `nvidia-smi -q -x`; throws on text that is not nvidia-smi's XML. */
export function parseSmiXml(xml: string): XmlGpu[] {
  const doc = obj(parser.parse(xml));
  if (!('nvidia_smi_log' in doc)) throw new Error('not nvidia-smi XML: no <nvidia_smi_log> element');
  return arr(obj(doc.nvidia_smi_log).gpu).map((gpu) => {
    const ecc = obj(gpu.ecc_errors);
    const retired = obj(gpu.retired_pages);
    return {
      uuid: text(gpu.uuid) ?? '',
      busId: text(obj(gpu.pci).pci_bus_id) ?? text(gpu['@id']) ?? '',
      clockEventReasons: reasons(gpu),
      ecc: { volatile: counters(ecc.volatile), aggregate: counters(ecc.aggregate) },
      retiredPages: {
        singleBit: num(obj(retired.multiple_single_bit_retirement).retired_count),
        doubleBit: num(obj(retired.double_bit_retirement).retired_count),
        pending: yes(retired.pending_retirement),
      },
      mig: migDevices(gpu),
      processes: processes(gpu),
    };
  });
}
