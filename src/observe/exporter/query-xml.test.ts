import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmiXml } from './query-xml.js';

const xml = (...p: string[]) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'nvidia-smi', ...p), 'utf8');

// Verbatim nvidia-smi -q -x outputs (telegraf testdata): values below were read off the files by hand.
describe('parseSmiXml', () => {
  it('A100 with MIG (v12 layout): four GPU instances with their framebuffer', () => {
    const [g] = parseSmiXml(xml('a100-mig', 'q.xml'));
    expect(g!.uuid).toBe('GPU-513536b6-7d19-9063-b049-1e69664bb298');
    expect(g!.busId).toBe('00000000:01:00.0');
    expect(g!.mig).toEqual(['3', '4', '5', '6'].map((id) => ({ gpuInstanceId: id, computeInstanceId: '0', fbTotalMiB: 19968, fbUsedMiB: 12, fbFreeMiB: 19955 })));
    expect(g!.retiredPages).toEqual({ singleBit: null, doubleBit: null, pending: null });
    expect(g!.processes).toEqual([]);
  });

  it('A10G (older clocks_throttle_reasons layout): the idle reason is active', () => {
    const [g] = parseSmiXml(xml('xml', 'a10g.xml'));
    expect(Object.entries(g!.clockEventReasons).filter(([, on]) => on).map(([r]) => r)).toEqual(['gpu_idle']);
    expect(Object.keys(g!.clockEventReasons)).toContain('hw_thermal_slowdown');
    expect(g!.processes).toEqual([{ pid: '725', name: '/usr/lib/xorg/Xorg', type: 'G', usedMiB: 22, gpuInstanceId: null }]);
  });

  it('T4: retired pages read as counts, and ECC by memory and kind', () => {
    const [g] = parseSmiXml(xml('xml', 'tesla-t4.xml'));
    expect(g!.retiredPages).toEqual({ singleBit: 0, doubleBit: 0, pending: false });
    expect(g!.ecc.volatile).toEqual({ sram_correctable: 0, sram_uncorrectable: 0, dram_correctable: 0, dram_uncorrectable: 0 });
    expect(g!.processes.map((p) => [p.pid, p.usedMiB])).toEqual([['675', 22], ['5762', 1005]]);
  });

  it('RTX 4000 Ada (v13 layout): N/A ECC counters are left out, processes of every type are kept', () => {
    const [g] = parseSmiXml(xml('xml', 'rtx-4000-sff-ada-v13.xml'));
    expect(g!.ecc).toEqual({ volatile: {}, aggregate: {} });
    expect(g!.processes.map((p) => [p.pid, p.type, p.usedMiB])).toEqual([['1842', 'G', 410], ['3190', 'G', 451], ['4937', 'C', 160], ['34626', 'C+G', 183]]);
  });

  it('rejects text that is not nvidia-smi XML', () => {
    expect(() => parseSmiXml('<html><body>proxy error</body></html>')).toThrow(/no <nvidia_smi_log>/);
    expect(() => parseSmiXml('')).toThrow(/no <nvidia_smi_log>/);
  });

  it('a log with no GPUs is an empty list', () => {
    expect(parseSmiXml('<nvidia_smi_log><attached_gpus>0</attached_gpus></nvidia_smi_log>')).toEqual([]);
  });
});
