#!/usr/bin/env node
// Benchmark of issue #7: audit of generated estates of 10k, 100k and 1M resources (wall time, peak RSS,
// growth). Each measured run is a fresh process (bench/audit-worker.mjs), interleaved with a baseline run
// that generates the same Resource Graph rows and drops them, so both see the same machine noise.
// Usage: node bench/audit.mjs [sizes...]   (after npm run build; BENCH_RUNS sets runs per size, default 3;
// BENCH_NODE_FLAGS passes node flags to the workers, e.g. --max-old-space-size=4096, and is reported).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

function once(n, baseline) {
  const r = spawnSync(process.execPath, [...flags, join(here, 'audit-worker.mjs'), String(n), ...(baseline ? ['--baseline'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`worker ${n}${baseline ? ' baseline' : ''} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const rows = [];
for (const n of sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]) {
  const audit = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    audit.push(once(n, false));
    base.push(once(n, true));
  }
  const row = {
    resources: n,
    totalMs: median(audit.map((a) => a.totalMs)),
    cpuMs: median(audit.map((a) => a.cpuMs)),
    baselineCpuMs: median(base.map((b) => b.cpuMs)),
    convertMs: median(audit.map((a) => a.convertMs)),
    engineMs: median(audit.map((a) => a.auditMs)),
    maxRssMiB: Math.max(...audit.map((a) => a.maxRssMiB)),
    baselineMs: median(base.map((b) => b.totalMs)),
    baselineRssMiB: Math.max(...base.map((b) => b.maxRssMiB)),
    findings: audit[0].findings,
  };
  row.ratio = row.totalMs / row.baselineMs;
  row.usPerResource = ((row.totalMs - row.baselineMs) * 1000) / n;
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
const f = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nnode ${process.version} ${flags.join(' ')}; ${runs} run(s) per size; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| resources | wall (median) | CPU (median) | convert | engine | baseline wall / CPU (generate only) | wall ratio | added wall per resource | peak RSS | baseline RSS | findings |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${f(r.resources)} | ${f(r.totalMs / 1000, 2)} s | ${f(r.cpuMs / 1000, 2)} s | ${f(r.convertMs / 1000, 2)} s | ${f(r.engineMs / 1000, 2)} s | ${f(r.baselineMs / 1000, 2)} s / ${f(r.baselineCpuMs / 1000, 2)} s | ${f(r.ratio, 2)} | ${f(r.usPerResource, 1)} µs | ${f(r.maxRssMiB)} MiB | ${f(r.baselineRssMiB)} MiB | ${f(r.findings)} |`);
}
