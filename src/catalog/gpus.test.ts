import { describe, expect, it } from 'vitest';
import { findGpu, gpuModel, gpuModels } from './gpus.js';

describe('GPU models', () => {
  it('memory per GPU', () => {
    const memory = Object.fromEntries(gpuModels().map((m) => [m.id, m.memoryGiB]));
    expect(memory).toEqual({
      T4: 16, A10: 24, 'V100-16GB': 16, 'V100-32GB': 32, 'A100-40GB-SXM': 40, 'A100-80GB-PCIe': 80, 'A100-80GB-SXM': 80,
      'H100-94GB-NVL': 94, 'H100-80GB-SXM': 80, 'H200-141GB': 141, MI300X: 192, GB200: 192, K80: null, M60: null, MI25: null,
    });
  });

  it('architectures', () => {
    expect(gpuModel('T4')?.architecture).toBe('Turing');
    expect(gpuModel('V100-32GB')?.architecture).toBe('Volta');
    expect(gpuModel('H200-141GB')?.architecture).toBe('Hopper');
    expect(gpuModel('MI300X')?.architecture).toBe('CDNA 3');
    expect(gpuModel('K80')?.architecture).toBe('Kepler');
  });

  it('every model carries a dated source', () => {
    for (const m of gpuModels()) {
      expect(m.provenance.asOf).toBe('2026-06-18');
      expect(m.provenance.source.length).toBeGreaterThan(10);
    }
  });

  it('no alias points at two models', () => {
    const seen = new Map<string, string>();
    for (const m of gpuModels()) {
      for (const a of [m.id, ...m.aliases].map((x) => x.toLowerCase())) {
        expect(seen.get(a) ?? m.id, `alias ${a}`).toBe(m.id);
        seen.set(a, m.id);
      }
    }
  });

  it('findGpu matches id and aliases case-insensitively', () => {
    expect(findGpu('h100')?.id).toBe('H100-80GB-SXM');
    expect(findGpu('H100-NVL')?.id).toBe('H100-94GB-NVL');
    expect(findGpu('A100')?.id).toBe('A100-40GB-SXM');
    expect(findGpu('a100-80gb')?.id).toBe('A100-80GB-SXM');
    expect(findGpu('a100-80gb-pcie')?.id).toBe('A100-80GB-PCIe');
    expect(findGpu('T4')?.id).toBe('T4');
    expect(findGpu('Radeon MI25')?.id).toBe('MI25');
    expect(findGpu('h200')?.memoryGiB).toBe(141);
    expect(findGpu('b200')).toBeUndefined();
  });
});
