import { describe, expect, it } from 'vitest';
import { renderExposition, type ExporterSnapshot } from './exposition.js';

function snapshot(over: Partial<ExporterSnapshot> = {}): ExporterSnapshot {
  return {
    hostname: 'vm"1\\x', csv: null, xml: null, maxAgeMs: { csv: 45_000, xml: 180_000 }, xids: new Map(), known: new Map(), xidSourceUp: null,
    health: {
      csv: { up: true, failures: 2, lastDurationS: 0.25, lastSuccessMs: 1_000 },
      xml: { up: null, failures: 0, lastDurationS: null, lastSuccessMs: null },
    },
    version: 1,
    ...over,
  };
}

const gpu = { index: '3', uuid: 'GPU-x', name: 'NVIDIA H100 80GB HBM3', busId: '00000000:3B:00.0', driver: '590.48.01', values: { 'utilization.gpu': '42', 'memory.used': '1024', 'memory.total': '4096' } };
const samples = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('renderExposition', () => {
  it('escapes label values and writes series without labels bare', () => {
    const text = renderExposition(snapshot({ csv: { gpus: [gpu], atMs: 1_000 } }), 11_000);
    expect(text).toContain('DCGM_FI_DEV_GPU_UTIL{gpu="3",UUID="GPU-x",pci_bus_id="00000000:3B:00.0",device="nvidia3",modelName="NVIDIA H100 80GB HBM3",Hostname="vm\\"1\\\\x",DCGM_FI_DRIVER_VERSION="590.48.01"} 42\n');
    expect(text).toContain('\ngpuops_exporter_gpus 1\n');
    expect(text).toContain('gpuops_gpu_memory_used_ratio{gpu="3"');
    expect(samples(text).find((l) => l.startsWith('gpuops_gpu_memory_used_ratio'))!.endsWith(' 0.25')).toBe(true);
    expect(text).toContain('gpuops_exporter_sample_age_seconds{query="query-gpu"} 10\n');
    expect(text).toContain('gpuops_exporter_nvidia_smi_failures_total{query="query-gpu"} 2\n');
  });

  it('each family has one HELP and one TYPE line, before its samples', () => {
    const text = renderExposition(snapshot({ csv: { gpus: [gpu, { ...gpu, index: '4', uuid: 'GPU-y', busId: '00000000:3C:00.0' }], atMs: 1_000 } }), 2_000);
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE'));
    expect(new Set(types).size).toBe(types.length);
    expect(samples(text).filter((l) => l.startsWith('DCGM_FI_DEV_GPU_UTIL{'))).toHaveLength(2);
  });

  it('a process listed twice in -q -x gives one series, not a scrape Prometheus would reject', () => {
    const proc = { pid: '7', name: 'python', type: 'C', usedMiB: 10, gpuInstanceId: null };
    const xml = [{ uuid: 'GPU-x', busId: gpu.busId, clockEventReasons: {}, ecc: { volatile: {}, aggregate: {} }, retiredPages: { singleBit: null, doubleBit: null, pending: null }, mig: [], processes: [proc, { ...proc, usedMiB: 20 }] }];
    const text = renderExposition(snapshot({ csv: { gpus: [gpu], atMs: 1_000 }, xml: { gpus: xml, atMs: 1_000 } }), 2_000);
    expect(samples(text).filter((l) => l.startsWith('gpuops_gpu_process_memory_used_bytes')).map((l) => l.split(' ').pop())).toEqual([String(10 * 1048576)]);
  });

  it('a sample older than its limit is not served: only the health metrics remain', () => {
    const text = renderExposition(snapshot({ csv: { gpus: [gpu], atMs: 1_000 } }), 1_000 + 45_001);
    expect(samples(text).filter((l) => l.startsWith('DCGM_'))).toEqual([]);
    expect(text).toContain('gpuops_exporter_sample_age_seconds{query="query-gpu"} 45.001\n');
    expect(text).not.toContain('gpuops_exporter_gpus');
  });

  it('health of a kind that never ran has no samples (unknown is not 0)', () => {
    const text = renderExposition(snapshot(), 2_000);
    expect(samples(text).filter((l) => l.includes('query="q-x"'))).toEqual(['gpuops_exporter_nvidia_smi_failures_total{query="q-x"} 0']);
    expect(text).not.toContain('gpuops_exporter_xid_source_up');
  });

  it('Xids of a GPU that left nvidia-smi keep the labels it last had', () => {
    const xids = new Map([['0:3b:00', { last: 79, byXid: new Map([[79, { count: 1, lastSeenS: 1_700_000_000 }]]) }]]);
    const known = new Map([['0:3b:00', [['gpu', '3'], ['UUID', 'GPU-x']] as [string, string][]]]);
    const text = renderExposition(snapshot({ xids, known, xidSourceUp: true }), 2_000);
    expect(samples(text).filter((l) => l.includes('xid') || l.includes('XID'))).toEqual([
      'DCGM_FI_DEV_XID_ERRORS{gpu="3",UUID="GPU-x"} 79',
      'gpuops_xid_errors_total{gpu="3",UUID="GPU-x",xid="79"} 1',
      'gpuops_xid_last_seen_timestamp_seconds{gpu="3",UUID="GPU-x",xid="79"} 1700000000',
      'gpuops_exporter_xid_source_up 1',
    ]);
  });
});
