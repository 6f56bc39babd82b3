import { describe, expect, it } from 'vitest';
import { gpuModel } from './gpus.js';
import { parseSizeName } from './size-name.js';
import { catalogSku, catalogSkus, skuNames } from './skus.js';

const sku = (name: string) => {
  const found = catalogSku(name);
  if (!found) throw new Error(`${name} missing from the catalog`);
  return found;
};

describe('catalog sizes', () => {
  it('ND96isr_H100_v5: 8 x H100 80GB, 96 vCPUs, 1900 GiB, InfiniBand', () => {
    const s = sku('Standard_ND96isr_H100_v5');
    expect(s.gpu).toEqual({ model: 'H100-80GB-SXM', count: 8, memoryGiB: 80, totalMemoryGiB: 640 });
    expect([s.vcpus, s.memoryGiB, s.infiniband, s.nvlink]).toEqual([96, 1900, true, true]);
    expect(s.quotaFamily).toBe('standardNDSH100v5Family');
    expect(s.interconnectNote).toBe('8x 400 Gb/s NDR InfiniBand (Quantum-2 CX7), 3.2 Tb/s per VM; NVLink 4.0');
  });

  it('fractional A10 sizes', () => {
    expect(sku('Standard_NV6ads_A10_v5').gpu).toEqual({ model: 'A10', count: 1 / 6, memoryGiB: 4, totalMemoryGiB: 4, fraction: '1/6' });
    expect(sku('Standard_NV12ads_A10_v5').gpu).toEqual({ model: 'A10', count: 1 / 3, memoryGiB: 8, totalMemoryGiB: 8, fraction: '1/3' });
    expect(sku('Standard_NV18ads_A10_v5').gpu).toEqual({ model: 'A10', count: 0.5, memoryGiB: 12, totalMemoryGiB: 12, fraction: '1/2' });
    expect(sku('Standard_NV72ads_A10_v5').gpu).toEqual({ model: 'A10', count: 2, memoryGiB: 24, totalMemoryGiB: 48 });
  });

  it('NC24ads_A100_v4', () => {
    const s = sku('Standard_NC24ads_A100_v4');
    expect(s).toMatchObject({
      series: 'NC_A100_v4', quotaFamily: 'StandardNCADSA100v4Family', quotaName: 'Standard NCADS_A100_v4 Family vCPUs',
      vcpus: 24, memoryGiB: 220, tempDiskGiB: 64, nvmeGiB: 894.07, infiniband: false, lowPriorityCapable: true,
    });
    expect(s.gpu).toEqual({ model: 'A100-80GB-PCIe', count: 1, memoryGiB: 80, totalMemoryGiB: 80 });
  });

  it('GPU counts and models of the documented series', () => {
    expect(sku('Standard_NC64as_T4_v3').gpu).toEqual({ model: 'T4', count: 4, memoryGiB: 16, totalMemoryGiB: 64 });
    expect(sku('Standard_NC64as_T4_v3').quotaFamily).toBe('Standard NCASv3_T4 Family');
    expect(sku('Standard_ND96asr_v4').gpu).toEqual({ model: 'A100-40GB-SXM', count: 8, memoryGiB: 40, totalMemoryGiB: 320 });
    expect(sku('Standard_ND40rs_v2').gpu).toEqual({ model: 'V100-32GB', count: 8, memoryGiB: 32, totalMemoryGiB: 256 });
    expect(sku('Standard_ND96isr_MI300X_v5').gpu).toEqual({ model: 'MI300X', count: 8, memoryGiB: 192, totalMemoryGiB: 1536 });
    expect(sku('Standard_ND96isr_H200_v5').gpu).toEqual({ model: 'H200-141GB', count: 8, memoryGiB: 141, totalMemoryGiB: 1128 });
    expect(sku('Standard_NC80adis_H100_v5').gpu).toEqual({ model: 'H100-94GB-NVL', count: 2, memoryGiB: 94, totalMemoryGiB: 188 });
    // The API's MemoryGB (1800) is shown; the docs' 1900 is named.
    expect(sku('Standard_ND96amsr_A100_v4').memoryGiB).toBe(1800);
    expect(sku('Standard_ND96amsr_A100_v4').factsFrom).toContain('the docs say 1900');
  });

  it('variants take only the hardware of their twin', () => {
    const ams = sku('Standard_ND96ams_A100_v4');
    expect(ams.gpu).toEqual(sku('Standard_ND96amsr_A100_v4').gpu);
    expect([ams.quotaFamily, ams.quotaName, ams.infiniband, ams.lowPriorityCapable]).toEqual([null, null, null, null]);
    expect(ams.factsFrom).toContain('derived from twin Standard_ND96amsr_A100_v4');
    expect(sku('Standard_ND96is_noIB_H100_v5').infiniband).toBe(false);
    // An alias is the real size, never an entry of its own.
    expect(sku('Standard_ND96asr_A100_v4').name).toBe('Standard_ND96asr_v4');
    expect(skuNames()).not.toContain('Standard_ND96asr_A100_v4');
    // Its own quota family comes from the Resource SKUs API.
    expect(sku('Standard_NCC40ads_H100_v5')).toMatchObject({ series: 'NCC_H100_v5', vcpus: 40, memoryGiB: 320, quotaFamily: 'StandardNCCads2023Family' });
  });
});

describe('catalog invariants', () => {
  it('no size has a GPU count of 0', () => {
    for (const s of catalogSkus()) expect(s.gpu.count === null || s.gpu.count > 0, s.name).toBe(true);
  });

  it('GPU memory is known only for catalog GPU models or stated slices', () => {
    for (const s of catalogSkus()) {
      if (s.gpu.memoryGiB !== null) expect(gpuModel(s.gpu.model ?? '') !== undefined || s.gpu.fraction !== undefined, s.name).toBe(true);
    }
  });

  it('names are unique, canonical GPU-family names', () => {
    const names = catalogSkus().map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const parsed = parseSizeName(name);
      expect(parsed?.name, name).toBe(name);
      expect(parsed?.isGpuFamily, name).toBe(true);
    }
  });

  it('every entry says where its facts came from and when', () => {
    for (const s of catalogSkus()) expect(s.factsFrom, s.name).toMatch(/^catalog 2026-06-18 \(/);
  });

  it('vCPUs are known for every size', () => {
    for (const s of catalogSkus()) expect(s.vcpus, s.name).toBeGreaterThan(0);
  });
});

describe('lookups', () => {
  it('catalogSku is case-insensitive and takes names without the prefix', () => {
    expect(catalogSku('standard_nc24ads_a100_v4')?.name).toBe('Standard_NC24ads_A100_v4');
    expect(catalogSku('NC24ads_A100_v4')?.name).toBe('Standard_NC24ads_A100_v4');
    expect(catalogSku('Standard_NC24ads_A100')).toBeUndefined();
    expect(catalogSku('Standard_NP10s')).toBeUndefined();
  });

  it('skuNames sorts numerically', () => {
    const names = skuNames();
    expect(names).toHaveLength(catalogSkus().length);
    expect(names.indexOf('Standard_NC4as_T4_v3')).toBeLessThan(names.indexOf('Standard_NC16as_T4_v3'));
  });

  it('entries are frozen', () => {
    const s = sku('Standard_NC4as_T4_v3');
    expect(Object.isFrozen(s) && Object.isFrozen(s.gpu)).toBe(true);
  });
});
