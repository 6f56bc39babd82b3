#!/usr/bin/env node
// Benchmark of issue #9: `gpuops exporter` with 8 GPUs at a 1 s interval. Measures the exporter process's own
// CPU (from /proc, children excluded) and the latency of /metrics scrapes, with `node -e 0` start-up timed in the
// same invocation as the baseline, and scrapes interleaved with a static server that serves the same bytes. Run after `npm run build`: node bench/exporter.mjs
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'gpuops.js');
// BENCH_NVIDIA_SMI=/usr/bin/nvidia-smi measures against a real GPU machine's nvidia-smi instead of the fake with 8 H100s.
const smi = process.env.BENCH_NVIDIA_SMI ?? join(root, 'test', 'fixtures', 'nvidia-smi', 'fake-nvidia-smi.mjs');
const interval = process.env.BENCH_EXPORTER_INTERVAL ?? '1s';
const cpuSeconds = Number(process.env.BENCH_EXPORTER_SECONDS ?? 30);
const scrapes = Number(process.env.BENCH_EXPORTER_SCRAPES ?? 3000);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const TICK = 100; // clock ticks per second of /proc/PID/stat on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** utime + stime of the process itself, and of its waited-for children, in seconds. */
function cpu(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { self: (Number(f[11]) + Number(f[12])) / TICK, children: (Number(f[13]) + Number(f[14])) / TICK };
}

function get(port, agent) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
      let bytes = 0;
      res.on('data', (d) => (bytes += d.length));
      const render = Number(/dur=([\d.]+)/.exec(res.headers['server-timing'] ?? '')?.[1] ?? NaN);
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes, status: res.statusCode, render }));
    });
    req.on('error', reject);
    req.end();
  });
}

function nodeStartMs() {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return quantile(out, 0.5);
}

const baselineBefore = nodeStartMs();
const child = spawn(process.execPath, [cli, 'exporter', '--port', '0', '--interval', interval, '--xml-interval', '60s', '--nvidia-smi', smi, '--xid-log', 'none'],
  { env: { ...process.env, FAKE_NVIDIA_SMI_SCENARIO: 'h100', FAKE_NVIDIA_SMI_GPUS: '8' }, stdio: ['ignore', 'ignore', 'pipe'] });
const t0 = Date.now();
const port = await new Promise((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    const m = /serving http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(err);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`exporter exited ${code}: ${err}`)));
});
// Ready = the first scrape that carries the GPUs.
let firstSampleMs;
let gpus = 0;
for (;;) {
  const body = await new Promise((resolve) => request({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
    let b = '';
    res.on('data', (d) => (b += d));
    res.on('end', () => resolve(b));
  }).end());
  const m = /\ngpuops_exporter_gpus (\d+)\n/.exec(body);
  if (m && Number(m[1]) > 0) { firstSampleMs = Date.now() - t0; gpus = Number(m[1]); break; }
  if (Date.now() - t0 > 60_000) throw new Error(`no GPU sample within a minute:\n${body}`);
  await sleep(20);
}

// Phase 1: CPU at steady state, scraped once a second as a 1 s Prometheus job would.
await sleep(2000);
const c0 = cpu(child.pid);
const w0 = Date.now();
while (Date.now() - w0 < cpuSeconds * 1000) {
  await get(port);
  await sleep(1000);
}
const c1 = cpu(child.pid);
const wall = (Date.now() - w0) / 1000;
const cpuPercent = (100 * (c1.self - c0.self)) / wall;
const childPercent = (100 * (c1.children - c0.children)) / wall;

// Phase 2: scrape latency, back to back on one keep-alive connection (the way Prometheus scrapes), alternating
// with a static node:http server that serves the same bytes: on a shared machine its latency is the floor.
const body = await new Promise((resolve) => request({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
  let b = '';
  res.on('data', (d) => (b += d));
  res.on('end', () => resolve(b));
}).end());
const staticServer = spawn(process.execPath, ['-e', `const b=require('fs').readFileSync(0);require('http').createServer((q,r)=>r.end(b)).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`],
  { stdio: ['pipe', 'pipe', 'inherit'] });
staticServer.stdin.end(body);
const staticPort = await new Promise((resolve) => staticServer.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
const { Agent } = await import('node:http');
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const staticAgent = new Agent({ keepAlive: true, maxSockets: 1 });
const lat = [];
const renderMs = [];
const staticLat = [];
let bytes = 0;
for (let i = 0; i < scrapes; i++) {
  const r = await get(port, agent);
  if (r.status !== 200) throw new Error(`scrape ${i}: HTTP ${r.status}`);
  lat.push(r.ms);
  renderMs.push(r.render);
  bytes = r.bytes;
  staticLat.push((await get(staticPort, staticAgent)).ms);
}
agent.destroy();
staticAgent.destroy();
staticServer.kill();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const baselineAfter = nodeStartMs();
const baseline = (baselineBefore + baselineAfter) / 2;

const p50 = quantile(lat, 0.5);
const p99 = quantile(lat, 0.99);
const result = {
  node: process.version, nvidiaSmi: process.env.BENCH_NVIDIA_SMI ?? 'fake (8 x H100 capture)', gpus, interval, cpuWindowS: +wall.toFixed(1), scrapes,
  exporterCpuPercentOfOneCore: +cpuPercent.toFixed(2), nvidiaSmiChildrenCpuPercent: +childPercent.toFixed(1),
  scrapeMs: { p50: +p50.toFixed(3), p99: +p99.toFixed(3), max: +Math.max(...lat).toFixed(3) }, scrapeBytes: bytes,
  exporterRenderMs: { p50: +quantile(renderMs, 0.5).toFixed(3), p99: +quantile(renderMs, 0.99).toFixed(3) },
  staticServerScrapeMs: { p50: +quantile(staticLat, 0.5).toFixed(3), p99: +quantile(staticLat, 0.99).toFixed(3) },
  firstSampleMs, nodeStartMedianMs: +baseline.toFixed(1),
  ratios: {
    firstSampleVsNodeStart: +(firstSampleMs / baseline).toFixed(2), scrapeP99VsNodeStart: +(p99 / baseline).toFixed(3),
    scrapeP50VsStatic: +(p50 / quantile(staticLat, 0.5)).toFixed(2), scrapeP99VsStatic: +(p99 / quantile(staticLat, 0.99)).toFixed(2),
  },
  targets: { cpuUnder1Percent: cpuPercent < 1, p99Under5ms: p99 < 5 },
};
console.log(JSON.stringify(result, null, 2));
