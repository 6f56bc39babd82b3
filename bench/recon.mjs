#!/usr/bin/env node
// Benchmark of the recon truth pass: what the new checks (numbers, repeats, retirements, zones,
// escaping) cost, against the code before them, built from git in the same invocation.
//   npm run build && node bench/recon.mjs      (BENCH_RUNS=15, BASE_REF=<commit before the pass>)
// Every run is a fresh process; candidate and baselines are interleaved, medians reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv as env, bigSkusFile, median, root, timeOnce } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
// The last commit before the truth pass; override to compare with another one.
const baseRef = process.env.BASE_REF ?? 'a81561b';

/** Median of each command, runs interleaved so that all see the same machine noise. */
function interleaved(commands) {
  for (const c of commands) timeOnce(c); // warm the file cache; each measured run is still a new process
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => times[j].push(timeOnce(c)));
  return times.map((t) => +median(t).toFixed(1));
}

/** The project at `ref`, built in a temp folder with this checkout's node_modules. */
function buildBase(dir) {
  const base = join(dir, 'base');
  execFileSync('sh', ['-c', `mkdir -p "${base}" && git -C "${root}" archive ${baseRef} | tar -x -C "${base}"`]);
  symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(base, 'tsconfig.build.json')]);
  return join(base, 'bin', 'gpuops.js');
}

const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-recon-'));
try {
  const now = join(root, 'bin', 'gpuops.js');
  const before = buildBase(dir);
  const big = bigSkusFile(dir);
  const usage = join(root, 'test/fixtures/eastus2/usage.az.json');
  const cases = [
    { name: 'skus --offline -o json (cold start)', args: ['skus', '--offline', '-o', 'json'], floor: ['-e', '0'], floorName: 'node -e 0' },
    { name: 'skus --offline --region eastus2', args: ['skus', '--offline', '--region', 'eastus2', '-o', 'json'], floor: ['-e', '0'], floorName: 'node -e 0' },
    {
      name: 'can-deploy on a 5,000-SKU file',
      args: ['can-deploy', 'Standard_NC24ads_A100_v4', '--count', '2', '--region', 'eastus2', '--skus-file', big, '--usage-file', usage, '-o', 'json'],
      floor: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(big)}, 'utf8'))`], floorName: 'read + JSON.parse',
    },
  ];
  const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`recon truth pass benchmark (node ${node}, ${runs} interleaved runs each, medians; before = ${baseRef})\n`);
  console.log('| benchmark | after ms | before ms | after/before | floor | floor ms |');
  console.log('|---|---|---|---|---|---|');
  const results = [];
  for (const c of cases) {
    const [after, prior, floor] = interleaved([[now, ...c.args], [before, ...c.args], c.floor]);
    const row = { name: c.name, afterMs: after, beforeMs: prior, ratio: +(after / prior).toFixed(2), floor: c.floorName, floorMs: floor };
    results.push(row);
    console.log(`| ${row.name} | ${row.afterMs} | ${row.beforeMs} | ${row.ratio} | ${row.floor} | ${row.floorMs} |`);
  }
  const [gen, idle] = interleaved([[join(root, 'catalog', 'generate.mjs'), '--check'], ['-e', '0']]);
  console.log(`| npm run catalog -- --check | ${gen} | - | - | node -e 0 | ${idle} |`);
  console.log(`\ncold start target < 300 ms: ${results[0].afterMs < 300 ? 'met' : 'NOT met'} (${results[0].afterMs} ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(env.AZURE_CONFIG_DIR, { recursive: true, force: true });
}
