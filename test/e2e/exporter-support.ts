import { join } from 'node:path';
import { fixture } from '../support/cli.js';

/** The fake nvidia-smi replaying captured output (see test/fixtures/nvidia-smi/README.md). */
export const FAKE_SMI = fixture('nvidia-smi', 'fake-nvidia-smi.mjs');
export const KERN_LOG = fixture('nvidia-smi', 'kern.log');
export const fakeEnv = (scenario: string, extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', FAKE_NVIDIA_SMI_SCENARIO: scenario, ...extra });

/** One sample of a text exposition: its name, labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parse the Prometheus text format (enough of it for tests: no timestamps, no exemplars). */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** name -> value for the samples of one GPU (by `gpu` label) that carry no extra labels. */
export function gpuValues(samples: Sample[], gpu: string): Record<string, number> {
  const base = ['gpu', 'UUID', 'pci_bus_id', 'device', 'modelName', 'Hostname', 'DCGM_FI_DRIVER_VERSION'];
  return Object.fromEntries(samples.filter((s) => s.labels.gpu === gpu && Object.keys(s.labels).every((k) => base.includes(k))).map((s) => [s.name, s.value]));
}

export const tmpName = (dir: string, name: string) => join(dir, name);
