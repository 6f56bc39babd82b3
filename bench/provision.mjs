#!/usr/bin/env node
// Benchmarks of provision (issue 11), after `npm run build`:
//  1. `gpuops provision` cold, against `gpuops skus --offline` (the fastest command) in the same run;
//  2. the in-process pipeline (generate + inventory + self-check) against an HCL parse of its output;
//  3. `audit --terraform-dir` on a 1,000-VM configuration, in-process, against the HCL parse alone.
// Runs are interleaved with their baseline (shared, noisy machine) and medians are reported.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'gpuops.js');
const runs = Number(process.env.BENCH_RUNS ?? 11);
const env = { ...process.env, AZURE_SUBSCRIPTION_ID: '', AZURE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'gpuops-bench-az-')) };
const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-provision-'));
const lib = await import(join(root, 'dist', 'index.js'));
const { parse } = await import('@cdktf/hcl2json');

const MONDAY = ['--blueprint', 'training', '--sku', 'Standard_NC24ads_A100_v4', '--count', '8', '--region', 'eastus2', '--name', 'ft-llama',
  '--owner', 'alice@example.com', '--cost-center', 'ml-research', '--expires', '2099-12-31', '--budget', '5000', '--offline'];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function spawnMs(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function asyncMs(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function compare(name, baselineName, candidate, baseline) {
  await candidate();
  await baseline();
  const c = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(await baseline());
    c.push(await candidate());
  }
  const row = { name, baseline: baselineName, runs, medianMs: +median(c).toFixed(1), baselineMedianMs: +median(b).toFixed(1) };
  row.ratio = +(row.medianMs / row.baselineMedianMs).toFixed(2);
  return row;
}

let n = 0;
const out = () => join(dir, `out-${n++}`);

try {
  // 1. Whole CLI, cold.
  const cold = await compare('gpuops provision (training, 8 VMs, offline), cold', 'gpuops skus --offline -o json, cold',
    async () => spawnMs([cli, 'provision', ...MONDAY, '--out', out()]),
    async () => spawnMs([cli, 'skus', '--offline', '-o', 'json']));

  // 2. In-process pipeline for the same request.
  const req = {
    blueprint: 'training', format: 'terraform', name: 'ft-llama', region: 'eastus2', sku: 'Standard_NC24ads_A100_v4', count: 8, scaleSet: false, spot: false,
    owner: 'alice@example.com', costCenter: 'ml-research', expires: '2099-12-31', budget: 5000, notify: 'alice@example.com', shutdown: '1900', timezone: 'UTC',
    lock: true, checkpointDays: 180, hours: 48, adminUsername: 'azureuser', overrides: [], today: '2026-11-27',
  };
  const sku = lib.catalogSku(req.sku);
  const size = { name: sku.name, gpus: '1 x A100', infiniband: false, nvmeGiB: sku.nvmeGiB, driver: lib.driverPath(sku, 'NVIDIA'), pricePerHour: 3.67, spotPerHour: null };
  const sample = lib.generate(req, size, { priceSource: 'bench', quota: [] });
  const pipeline = await compare('generate + inventory + self-check (in-process, as provision runs it)', 'hcl2json parse of the same 4 files',
    async () => asyncMs(async () => {
      const g = lib.generate(req, size, { priceSource: 'bench', quota: [] });
      const inv = lib.hclInventory(g.terraformJson, 'bench');
      if (!lib.selfCheck(inv, [], req.today, true).ok) throw new Error('self-check failed');
    }),
    async () => asyncMs(async () => {
      for (const [f, text] of Object.entries(sample.terraform)) await parse(f, text);
    }));

  // 3. audit --terraform-dir on 1,000 VMs (count = 1000: 4,000 instances of VMs, NICs, extensions, schedules).
  const big = join(dir, 'big');
  mkdirSync(big);
  const many = lib.generate({ ...req, count: 1000 }, size, { priceSource: 'bench', quota: [] });
  for (const [f, text] of Object.entries(many.terraform)) writeFileSync(join(big, f), text);
  let resources = 0;
  const audit = await compare('audit --terraform-dir, 1,000 GPU VMs (in-process: read, parse, evaluate, map, audit)', 'read + hcl2json parse of the same files',
    async () => asyncMs(async () => {
      const inv = await lib.terraformDirInventory(big);
      resources = inv.resources.length;
      lib.audit(inv, lib.DEFAULT_CONFIG, { today: req.today });
    }),
    async () => asyncMs(async () => {
      for (const f of ['main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']) await parse(f, readFileSync(join(big, f), 'utf8'));
    }));

  const results = [cold, pipeline, audit];
  console.log(`gpuops provision benchmarks (node ${process.version}, ${runs} interleaved runs each, medians)\n`);
  console.log('| benchmark | median ms | baseline | baseline ms | ratio |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.medianMs} | ${r.baseline} | ${r.baselineMedianMs} | ${r.ratio} |`);
  console.log(`\n(audit inventory: ${resources} resources)`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/provision.json'), JSON.stringify({ node: process.version, runs, results, auditResources: resources }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(env.AZURE_CONFIG_DIR, { recursive: true, force: true });
}
