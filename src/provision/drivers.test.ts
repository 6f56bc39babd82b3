import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogSku } from '../catalog/index.js';
import { AMD_EXTENSION_FAMILIES, NVIDIA_EXTENSION_FAMILIES, driverPath, familyKey } from './drivers.js';

// The driver table is checked against the committed azhpc-extensions snapshot, not against itself.
const snapshots = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'provision', 'azhpc-extensions');
type Resources = {
  Metadata: { DefaultSelectionsPerVMFamily: Record<string, string> };
  Latest: { Category: Array<{ Name: string; Versions: Array<{ SupportedVmFamilyAndGPUModel: Record<string, string> }> }> };
};
const nvidia = JSON.parse(readFileSync(join(snapshots, 'Nvidia-GPU-Linux-Resources.json'), 'utf8')) as Resources;
const amd = JSON.parse(readFileSync(join(snapshots, 'AMD-GPU-Linux-Resources.json'), 'utf8')) as Resources;

/** family -> categories listing it in the Latest section. */
function latestFamilies(r: Resources): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of r.Latest.Category) for (const v of c.Versions) for (const f of Object.keys(v.SupportedVmFamilyAndGPUModel)) out.set(f, (out.get(f) ?? new Set()).add(c.Name));
  return out;
}

describe('driver families against the azhpc-extensions snapshot', () => {
  it('lists exactly the NVIDIA families of the Latest section, with the default (or only) category', () => {
    const families = latestFamilies(nvidia);
    expect(Object.keys(NVIDIA_EXTENSION_FAMILIES).sort()).toEqual([...families.keys()].sort());
    for (const [family, category] of Object.entries(NVIDIA_EXTENSION_FAMILIES)) {
      const expected = nvidia.Metadata.DefaultSelectionsPerVMFamily[family] ?? (families.get(family)!.size === 1 ? [...families.get(family)!][0] : undefined);
      expect(category, family).toBe(expected);
    }
  });

  it('lists exactly the AMD families of the Latest section', () => {
    expect([...AMD_EXTENSION_FAMILIES].sort()).toEqual([...latestFamilies(amd).keys()].sort());
  });

  it('matches family names to catalog series ignoring case, underscores and the trailing word', () => {
    expect(familyKey('NC_A100_v4 series')).toBe(familyKey('NC_A100_v4'));
    expect(familyKey('NCasT4_v3 sizes')).toBe('ncast4v3');
  });
});

describe('driverPath', () => {
  const path = (name: string, vendor: 'NVIDIA' | 'AMD' | null = 'NVIDIA') => driverPath(catalogSku(name)!, vendor);

  it('A100 PCIe (NC_A100_v4): the NVIDIA extension with the CUDA driver on Ubuntu 22.04', () => {
    const p = path('Standard_NC24ads_A100_v4');
    expect(p).toMatchObject({ kind: 'extension', driver: 'CUDA', family: 'NC_A100_v4 series', image: { offer: '0001-com-ubuntu-server-jammy' } });
    expect(p.kind === 'extension' && p.extensions.map((e) => e.type)).toEqual(['NvidiaGpuDriverLinux']);
  });

  it('A10 (NVadsA10_v5): the GRID driver', () => {
    expect(path('Standard_NV36ads_A10_v5')).toMatchObject({ kind: 'extension', driver: 'GRID' });
  });

  it('an InfiniBand size in a listed family also gets InfiniBandDriverLinux', () => {
    const p = path('Standard_NC24rs_v3');
    expect(p.kind === 'extension' && p.extensions.map((e) => e.type)).toEqual(['NvidiaGpuDriverLinux', 'InfiniBandDriverLinux']);
  });

  it('H100 and H200 (not in the extension list): the Azure HPC image that ships the drivers', () => {
    for (const name of ['Standard_ND96isr_H100_v5', 'Standard_NC40ads_H100_v5', 'Standard_ND96isr_H200_v5']) {
      expect(path(name), name).toMatchObject({ kind: 'image', image: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204' }, extensions: [] });
    }
  });

  it('AMD: the AMD extension for V710, the ROCm HPC image for MI300X, none for V620', () => {
    expect(path('Standard_NV24ads_V710_v5', 'AMD')).toMatchObject({ kind: 'extension', driver: 'ROCm', family: 'NVads_V710_v5 Series' });
    expect(path('Standard_ND96isr_MI300X_v5', 'AMD')).toMatchObject({ kind: 'image', image: { sku: '2204-rocm' } });
    expect(path('Standard_NG32ads_V620_v1', 'AMD')).toMatchObject({ kind: 'unsupported' });
  });

  it('GB200 (Arm64 hosts) and an unknown vendor are unsupported, with the reason', () => {
    expect(path('Standard_ND128isr_NDR_GB200_v6')).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/Arm64/) });
    expect(path('Standard_NC24ads_A100_v4', null)).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/vendor/) });
  });
});
