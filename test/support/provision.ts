import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll } from 'vitest';
import { cli, type CliRun } from './cli.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'gpuops-provision-'));
  made.push(d);
  return d;
}

/** The Monday-morning request as flags (without --out). */
export const MONDAY = [
  '--sku', 'Standard_NC24ads_A100_v4', '--count', '8', '--region', 'eastus2', '--name', 'ft-llama', '--owner', 'alice@example.com',
  '--cost-center', 'ml-research', '--expires', '2026-12-31', '--budget', '5000', '--shutdown', '19:00', '--timezone', 'W. Europe Standard Time',
];

/** The inference request: a private Azure OpenAI account. */
export const INFERENCE = ['--region', 'eastus2', '--name', 'chat-api', '--owner', 'alice@example.com', '--cost-center', 'ml-research', '--expires', '2026-12-31', '--budget', '500'];

/** Run `gpuops provision` into a new directory; returns the run and the files written. */
export async function provision(args: string[]): Promise<{ run: CliRun; dir: string; files: Record<string, string> }> {
  const dir = join(tempDir(), 'infra');
  const run = await cli(['provision', ...args, '--out', dir, '--offline']);
  return { run, dir, files: run.code === 0 ? readTree(dir) : {} };
}

/** Every file under a directory: relative path -> text. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Blueprint variants every IaC check runs over. */
const H100 = ['--sku', 'Standard_ND96isr_H100_v5', '--count', '2', '--region', 'eastus2', '--name', 'pretrain', '--owner', 'alice@example.com', '--cost-center', 'ml', '--expires', '2026-12-31', '--budget', '90000'];
export const VARIANTS: Array<[string, string[]]> = [
  ['training', ['--blueprint', 'training', ...MONDAY]],
  ['training --scale-set --spot', ['--blueprint', 'training', ...MONDAY, '--scale-set', '--spot']],
  ['training on InfiniBand H100', ['--blueprint', 'training', ...H100]],
  ['training on MI300X', ['--blueprint', 'training', ...H100.map((a) => (a === 'Standard_ND96isr_H100_v5' ? 'Standard_ND96isr_MI300X_v5' : a))]],
  ['inference (Azure OpenAI)', ['--blueprint', 'inference', ...INFERENCE]],
  ['inference with GPU VMs', ['--blueprint', 'inference', ...INFERENCE, '--sku', 'Standard_NV36ads_A10_v5', '--count', '2']],
  ['aks', ['--blueprint', 'aks', ...MONDAY]],
  ['aks --spot --lock', ['--blueprint', 'aks', ...MONDAY, '--spot', '--lock']],
  ['training, every override', ['--blueprint', 'training', ...MONDAY.filter((a, i, all) => a !== '--budget' && all[i - 1] !== '--budget' && a !== '--shutdown' && all[i - 1] !== '--shutdown'), '--allow-no-tags', '--allow-no-shutdown', '--allow-no-budget', '--allow-no-lock']],
  ['inference, every override', ['--blueprint', 'inference', ...INFERENCE, '--allow-public-network', '--allow-key-auth']],
];
