#!/usr/bin/env node
// Benchmarks of the plan job: `gpuops size` over every model of the built-in table and an offline
// `gpuops plan --any-region`, each interleaved with `node -e 0` in the same run; plus the sizing engine
// in-process (library), to show what the formulas themselves cost next to process start-up.
// Run after `npm run build`: node bench/plan.mjs (BENCH_RUNS sets the runs, default 10).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchEnv as env, median, root, timeOnce as timeRun } from './lib.mjs';

const cli = join(root, 'bin', 'gpuops.js');
const runs = Number(process.env.BENCH_RUNS ?? 10);

// Every plan benchmark command must exit 0.
const timeOnce = (args) => timeRun(args, [0]);

/** Interleave each candidate run with a baseline run so both see the same machine noise. */
function compare(name, candidates, baseline) {
  const c = [];
  const b = [];
  for (const args of candidates) timeOnce(args); // warm the file cache; every measured run is a fresh process
  for (let i = 0; i < runs; i++) {
    for (const args of candidates) {
      b.push(timeOnce(baseline));
      c.push(timeOnce(args));
    }
  }
  const row = { name, runs: c.length, medianMs: +median(c).toFixed(1), baselineMedianMs: +median(b).toFixed(1) };
  row.ratio = +(row.medianMs / row.baselineMedianMs).toFixed(2);
  row.addedMs = +(row.medianMs - row.baselineMedianMs).toFixed(1);
  return row;
}

/** The sizing engine in-process: every model x 4 contexts x 4 modes, sized and placed on every Azure size. */
async function inProcess() {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const skus = (await lib.loadCatalog().listSkus('eastus2')).skus;
  const questions = [];
  for (const model of lib.models()) {
    for (const context of [1024, 4096, 8192, Math.min(32768, model.maxContext)]) {
      for (const mode of ['inference', 'full', 'lora', 'qlora']) {
        questions.push({
          model, mode, precision: 'bf16', kvPrecision: 'bf16', context: Math.min(context, model.maxContext), batch: 4, batchTokens: 2048,
          overheadGiB: 1, checkpointing: mode !== 'inference', loraRank: 16, utilization: 0.9, skus, region: 'eastus2', today: '2026-11-27',
        });
      }
    }
  }
  const one = (q) => {
    try {
      return lib.sizeReport(q).fits.length;
    } catch {
      return 0; // a model that fits nothing is an answer too (exit 2 in the CLI)
    }
  };
  for (const q of questions) one(q); // warm up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    for (const q of questions) one(q);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { sizings: questions.length, skus: skus.length, medianMs: +median(times).toFixed(2), perSizingUs: +((median(times) * 1000) / questions.length).toFixed(1) };
}

try {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const models = lib.models().map((m) => m.id);
  const results = [
    compare(`size MODEL -o json, each of the ${models.length} models`, models.map((m) => [cli, 'size', m, '--region', 'eastus2', '-o', 'json']), ['-e', '0']),
    compare('plan --any-region --offline -o json (8 x A100, NVLink, 60 h)', [[cli, 'plan', '--gpus', '8', '--gpu', 'A100', '--interconnect', 'nvlink', '--hours', '60', '--any-region', '--offline', '-o', 'json']], ['-e', '0']),
  ];
  const engine = await inProcess();
  const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`gpuops plan benchmarks (node ${node}, medians; each CLI run interleaved with node -e 0)\n`);
  console.log('| benchmark | runs | median ms | baseline | baseline ms | ratio | added ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.runs} | ${r.medianMs} | node -e 0 | ${r.baselineMedianMs} | ${r.ratio} | ${r.addedMs} |`);
  console.log(`\nsizing engine in-process: ${engine.sizings} sizings x ${engine.skus} eastus2 sizes placed in ${engine.medianMs} ms (median of ${runs}), ${engine.perSizingUs} us per sizing`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/plan-latest.json'), JSON.stringify({ node, runs, results, engine }, null, 2));
} finally {
  rmSync(env.AZURE_CONFIG_DIR, { recursive: true, force: true });
}
