#!/usr/bin/env node
// Benchmarks of issue #2: CLI cold start against `node -e 0`, and can-deploy on a 5,000-SKU file.
// Machines are shared and noisy: runs are interleaved with their baseline and medians are reported.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv as env, bigSkusFile, median, root, timeOnce } from './lib.mjs';

const cli = join(root, 'bin', 'gpuops.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

/** Interleave candidate and baseline so both see the same machine noise. */
function compare(name, candidate, baseline) {
  const c = [];
  const b = [];
  timeOnce(candidate); // warm the file cache once; every measured run is still a fresh process
  for (let i = 0; i < runs; i++) {
    b.push(timeOnce(baseline));
    c.push(timeOnce(candidate));
  }
  const row = { name, runs, medianMs: +median(c).toFixed(1), baselineMedianMs: +median(b).toFixed(1) };
  row.ratio = +(row.medianMs / row.baselineMedianMs).toFixed(2);
  row.addedMs = +(row.medianMs - row.baselineMedianMs).toFixed(1);
  return row;
}

const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-'));
try {
  const big = bigSkusFile(dir);
  const usage = join(root, 'test/fixtures/eastus2/usage.az.json');
  const results = [
    compare('skus --offline -o json (cold start)', [cli, 'skus', '--offline', '-o', 'json'], ['-e', '0']),
    compare('skus --offline --region eastus2 -o json', [cli, 'skus', '--offline', '--region', 'eastus2', '-o', 'json'], ['-e', '0']),
    compare(
      'can-deploy on a 5,000-SKU file',
      [cli, 'can-deploy', 'Standard_NC24ads_A100_v4', '--count', '2', '--region', 'eastus2', '--skus-file', big, '--usage-file', usage, '-o', 'json'],
      ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(big)}, 'utf8'))`],
    ),
  ];
  const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`gpuops benchmarks (node ${node}, ${runs} interleaved runs each, medians)\n`);
  console.log('| benchmark | median ms | baseline | baseline ms | ratio | added ms |');
  console.log('|---|---|---|---|---|---|');
  const baselines = ['node -e 0', 'node -e 0', 'node: read + JSON.parse the same file'];
  results.forEach((r, i) => console.log(`| ${r.name} | ${r.medianMs} | ${baselines[i]} | ${r.baselineMedianMs} | ${r.ratio} | ${r.addedMs} |`));
  const cold = results[0];
  console.log(`\ncold start target < 300 ms: ${cold.medianMs < 300 ? 'met' : 'NOT met'} (${cold.medianMs} ms)`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify({ node, runs, results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(env.AZURE_CONFIG_DIR, { recursive: true, force: true });
}
