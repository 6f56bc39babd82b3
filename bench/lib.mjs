// Helpers the CLI benchmarks share: fresh-process timing, medians, and the 5,000-SKU export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment every timed CLI run gets: never a developer's Azure login, so never live. */
export const benchEnv = { ...process.env, AZURE_SUBSCRIPTION_ID: '', AZURE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'gpuops-bench-az-')) };

/** Wall milliseconds of one fresh `node ARGS` process; an exit code outside `okCodes` is an error. */
export function timeOnce(args, okCodes = [0, 1]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: benchEnv, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The nearest-rank p-th percentile (p in percent, 0 < p <= 100) of a list of numbers; NaN when empty. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** A 5,000-record `az vm list-skus -o json` file: the eastus2 fixture padded with synthetic sizes. */
export function bigSkusFile(dir) {
  const seed = JSON.parse(readFileSync(join(root, 'test/fixtures/eastus2/skus.az.json'), 'utf8'));
  const out = [...seed];
  const regions = ['eastus2', 'westus2', 'westeurope', 'southcentralus'];
  for (let i = 0; out.length < 5000; i++) {
    const base = seed[i % seed.length];
    const region = regions[i % regions.length];
    out.push({ ...base, name: `Standard_X${i}s_v9`, size: `X${i}s_v9`, family: `standardX${i % 50}Family`, locations: [region], locationInfo: [{ location: region, zones: ['1', '2', '3'], zoneDetails: [] }] });
  }
  const file = join(dir, 'skus-5000.json');
  writeFileSync(file, JSON.stringify(out));
  return file;
}
