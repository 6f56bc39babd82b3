import type { SizeFit, SizeMode } from '../model/workload-plan.js';
import type { VmSku } from '../model/sku.js';
import type { Sizing } from './vram.js';

/** Most VMs a training fit may span; beyond it the answer is "closest", not a fit. */
export const MAX_TRAINING_VMS = 32;

export interface FitInput {
  sizing: Sizing;
  mode: SizeMode;
  /** Attention heads: tensor parallel degree must divide them. */
  heads: number;
  /** KV heads: the degree must divide them or be a multiple of them (vLLM's rule). */
  kvHeads: number;
  skus: readonly VmSku[];
  /** Share of GPU memory the runtime may use (vLLM's gpu_memory_utilization). */
  utilization: number;
  today: string;
}

/** The closest miss when nothing fits. */
export interface Closest {
  sku: string;
  gpus: number;
  perGpuGiB: number;
  usableGiB: number;
  shortGiB: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Whole GPUs per VM with a known memory size, not retired: the sizes a model can be placed on. */
export function placeable(skus: readonly VmSku[], today: string): VmSku[] {
  return skus.filter((s) => {
    const n = s.gpu.count;
    return n !== null && Number.isInteger(n) && n >= 1 && s.gpu.memoryGiB !== null && !(s.retirement && s.retirement <= today);
  });
}

/** The largest tensor-parallel degree up to `gpus` that divides the attention heads and fits the KV heads. */
export function tensorParallel(gpus: number, heads: number, kvHeads = heads): number {
  for (let t = gpus; t > 1; t--) if (heads % t === 0 && (kvHeads % t === 0 || t % kvHeads === 0)) return t;
  return 1;
}

/** GPUs a placement on `sku` uses and their per-GPU need, or null when even the largest allowed one misses. */
function place(f: FitInput, sku: VmSku): { vms: number; gpus: number; perGpu: number } | null {
  const perVm = sku.gpu.count!;
  const usable = sku.gpu.memoryGiB! * f.utilization;
  if (f.mode === 'inference') {
    const gpus = tensorParallel(perVm, f.heads, f.kvHeads);
    const perGpu = f.sizing.perGpuGiB(gpus);
    return perGpu <= usable ? { vms: 1, gpus, perGpu } : null;
  }
  for (let vms = 1; vms <= MAX_TRAINING_VMS; vms++) {
    const perGpu = f.sizing.perGpuGiB(vms * perVm);
    if (perGpu <= usable) return { vms, gpus: vms * perVm, perGpu };
  }
  return null;
}

/** Azure sizes that hold the model, cheapest first (unpriced last), then fewest GPUs. */
export function findFits(f: FitInput): SizeFit[] {
  const fits: SizeFit[] = [];
  for (const sku of placeable(f.skus, f.today)) {
    const p = place(f, sku);
    if (!p) continue;
    const fit: SizeFit = {
      sku: sku.name, vms: p.vms, gpus: p.gpus, gpuMemoryGiB: sku.gpu.memoryGiB!,
      perGpuGiB: round2(p.perGpu), headroomGiB: round2(sku.gpu.memoryGiB! * f.utilization - p.perGpu),
    };
    if (sku.price) fit.pricePerHour = round2(sku.price.paygPerHour * p.vms);
    fits.push(fit);
  }
  return fits.sort((a, b) =>
    (a.pricePerHour ?? Infinity) - (b.pricePerHour ?? Infinity) || a.gpus - b.gpus || a.sku.localeCompare(b.sku));
}

/** The placement that misses by the least memory per GPU, using every GPU allowed. */
export function closestMiss(f: FitInput): Closest | null {
  let best: Closest | null = null;
  for (const sku of placeable(f.skus, f.today)) {
    const gpus = f.mode === 'inference' ? tensorParallel(sku.gpu.count!, f.heads, f.kvHeads) : sku.gpu.count! * MAX_TRAINING_VMS;
    const perGpu = f.sizing.perGpuGiB(gpus);
    const usable = sku.gpu.memoryGiB! * f.utilization;
    const short = perGpu - usable;
    if (!best || short < best.shortGiB) {
      best = { sku: sku.name, gpus, perGpuGiB: round2(perGpu), usableGiB: round2(usable), shortGiB: round2(short) };
    }
  }
  return best;
}
