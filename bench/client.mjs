#!/usr/bin/env node
// Benchmark of issue #8: how many concurrent streams and token events per second the bench client
// sustains on one core, and the TTFT error it adds (client-measured minus mock-llm's server stamp).
// Baseline in the same invocation: a plain fetch() client (WHATWG streams, split on blank lines,
// JSON.parse per event) under the same load. Client and server run pinned to different cores.
// Run after `npm run build`: node bench/client.mjs   (BENCH_RUNS=3, BENCH_LEVELS=100:10,500:10,1000:10)
// BENCH_COLD=1: no warm-up wave, so every stream of the first wave also pays its TCP connect.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median as medianOf, percentile } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const OUTPUT_TOKENS = Number(process.env.BENCH_OUTPUT_TOKENS ?? 200);
const TTFT_MS = 50;
// Benchmark-only: both clients first run one unmeasured request per stream, so connections are open and
// code is warm when the clock starts (`gpuops bench` itself counts every request unless --warmup is given).
const WARM = process.env.BENCH_COLD !== '1';
// Benchmark-only: streams start spread over RAMP_PER_STREAM_MS x streams, so requests do not reach the server
// in one burst: mock-llm stamps arrival when it parses a request's headers, and in a burst of N requests the
// last waits behind the other N-1 (~0.25 ms of mock-llm CPU each here), which would count as client-added TTFT.
const RAMP_PER_STREAM_MS = process.env.BENCH_COLD === '1' ? 0 : Number(process.env.BENCH_RAMP_MS ?? 0.5);
// concurrency:itl-ms pairs; the offered token-event rate is concurrency x 1000 / itl.
const levels = (process.env.BENCH_LEVELS ?? '100:10,500:10,1000:10').split(',').map((l) => l.split(':').map(Number));
const haveTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (core, args) => (haveTaskset ? ['taskset', ['-c', String(core), process.execPath, ...args]] : [process.execPath, args]);

/** The median of the finite values (a run that measured nothing gives NaN). */
const median = (xs) => medianOf(xs.filter((x) => Number.isFinite(x)));

/** Worker: the plain fetch() client. Prints one JSON line. */
async function naiveClient(url, concurrency, requests) {
  const body = JSON.stringify({ model: 'mock-llm', messages: [{ role: 'user', content: 'hello world' }], max_tokens: OUTPUT_TOKENS, stream: true });
  const added = [];
  const lags = [];
  let events = 0;
  let ok = 0;
  let next = 0;
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const one = async (measured = true) => {
    const sent = performance.now();
    const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    let first = null;
    let server = null;
    let serverEpoch = null;
    let firstAt = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const now = performance.now();
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
        const c = JSON.parse(line.slice(6));
        if (c.choices?.[0]?.delta?.content) {
          events++;
          if (first === null) {
            first = now - sent;
            firstAt = now;
          }
        }
        if (c.gpuops_timing) {
          server = c.gpuops_timing.ttft_ms;
          serverEpoch = c.gpuops_timing.first_token_epoch_ms;
        }
      }
    }
    if (measured && first !== null && server !== null) {
      added.push(first - server);
      lags.push(performance.timeOrigin + firstAt - serverEpoch);
      ok++;
    }
  };
  if (WARM) {
    await Promise.all(Array.from({ length: concurrency }, () => one(false)));
    events = 0;
    t0 = performance.now();
    cpu0 = process.cpuUsage();
  }
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    if (RAMP_PER_STREAM_MS > 0) await new Promise((r) => setTimeout(r, RAMP_PER_STREAM_MS * w));
    while (next++ < requests) await one();
  }));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  added.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return { ok, events, eventsPerSecond: events / (wall / 1000), addedP50: percentile(added, 50), addedP99: percentile(added, 99), lagP50: percentile(lags, 50), lagP99: percentile(lags, 99), cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100 };
}

/** Worker: the gpuops bench client, through the library's runBench. */
async function gpuopsClient(url, concurrency, requests) {
  const { runBench } = await import(pathToFileURL(join(root, 'dist/observe/bench/run.js')).href);
  const { run } = await runBench({
    api: 'openai', url: `${url}/v1`, operation: 'chat', model: 'mock-llm', keySource: null,
    plan: { mode: 'concurrency', concurrency, burstiness: 1, requests, rampUpMs: RAMP_PER_STREAM_MS * concurrency, seed: 1 },
    warmup: WARM ? concurrency : 0, prompts: { kind: 'synthetic', inputTokens: 2 }, outputTokens: OUTPUT_TOKENS, ignoreEos: false, includeUsage: true, timeoutMs: 120_000, slo: null,
  }, new Date());
  const s = run.stages[0];
  return { ok: s.requests.ok, events: s.itlMs.count + s.requests.ok, eventsPerSecond: (s.itlMs.count + s.requests.ok) / s.durationS, addedP50: s.addedTtftMs?.p50, addedP99: s.addedTtftMs?.p99, lagP50: s.receiveLagMs?.p50, lagP99: s.receiveLagMs?.p99, cpuPercent: s.clientCpuPercent };
}

async function worker() {
  const [, , , kind, url, c, n] = process.argv;
  const f = kind === 'naive' ? naiveClient : gpuopsClient;
  process.stdout.write(`${JSON.stringify(await f(url, Number(c), Number(n)))}\n`);
}

/** CPU ms a process has used (Linux /proc; NaN elsewhere). taskset execs node, so the pid is mock-llm's. */
function cpuMsOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function startMock(itl) {
  const [cmd, args] = pinned(1, [join(root, 'bin/gpuops.js'), 'mock-llm', '--port', '0', '--ttft', `${TTFT_MS}ms`, '--itl', `${itl}ms`, '--output-tokens', String(OUTPUT_TOKENS), '--max-running', '100000']);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ url: out.split('\n')[0], cpuMs: () => cpuMsOf(child.pid), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`mock-llm exited ${code}`)));
  });
}

/** One client run; `serverUsPerEvent`: mock-llm's CPU over the run per event it served (warm-up wave included). */
function client(kind, mock, concurrency, requests) {
  const before = mock.cpuMs();
  const r = clientRun(kind, mock.url, concurrency, requests);
  const warmEvents = WARM ? concurrency * (OUTPUT_TOKENS + 1) : 0;
  return { ...r, serverUsPerEvent: ((mock.cpuMs() - before) * 1000) / (r.events + warmEvents) };
}

function clientRun(kind, url, concurrency, requests) {
  const [cmd, args] = pinned(0, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--worker', kind, url, String(concurrency), String(requests)]);
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${kind} client failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function main() {
  const rows = [];
  for (const [concurrency, itl] of levels) {
    const mock = await startMock(itl);
    try {
      const requests = concurrency * 2;
      clientRun('gpuops', mock.url, Math.min(concurrency, 50), 100); // warm the server's JIT and caches
      const g = [];
      const b = [];
      for (let i = 0; i < runs; i++) {
        b.push(client('naive', mock, concurrency, requests));
        g.push(client('gpuops', mock, concurrency, requests));
      }
      const med = (xs, k) => +median(xs.map((x) => x[k])).toFixed(3);
      const row = {
        concurrency, itlMs: itl, offeredEventsPerSecond: Math.round((concurrency * 1000) / itl), requests, runs,
        gpuops: { eventsPerSecond: Math.round(med(g, 'eventsPerSecond')), addedTtftP50Ms: med(g, 'addedP50'), addedTtftP99Ms: med(g, 'addedP99'), lagP50Ms: med(g, 'lagP50'), lagP99Ms: med(g, 'lagP99'), cpuPercent: med(g, 'cpuPercent'), serverUsPerEvent: med(g, 'serverUsPerEvent'), okMin: Math.min(...g.map((x) => x.ok)) },
        baseline: { eventsPerSecond: Math.round(med(b, 'eventsPerSecond')), addedTtftP50Ms: med(b, 'addedP50'), addedTtftP99Ms: med(b, 'addedP99'), lagP50Ms: med(b, 'lagP50'), lagP99Ms: med(b, 'lagP99'), cpuPercent: med(b, 'cpuPercent'), serverUsPerEvent: med(b, 'serverUsPerEvent'), okMin: Math.min(...b.map((x) => x.ok)) },
      };
      row.ratioAddedP99 = +(row.gpuops.addedTtftP99Ms / row.baseline.addedTtftP99Ms).toFixed(2);
      row.ratioLagP99 = +(row.gpuops.lagP99Ms / row.baseline.lagP99Ms).toFixed(2);
      row.ratioCpuPerEvent = +((row.gpuops.cpuPercent / row.gpuops.eventsPerSecond) / (row.baseline.cpuPercent / row.baseline.eventsPerSecond)).toFixed(2);
      rows.push(row);
      console.log(JSON.stringify(row));
    } finally {
      mock.stop();
    }
  }
  console.log(`\nNode ${process.version}, ${haveTaskset ? 'client pinned to core 0, mock-llm to core 1' : 'no taskset: processes not pinned'}, ${runs} interleaved runs per level, medians, ${WARM ? `connections opened by an unmeasured warm-up wave, stream starts spread ${RAMP_PER_STREAM_MS} ms apart` : 'cold: the first wave opens its connections, all streams start at once'}`);
  console.log('| streams | ITL ms | offered events/s | client | events/s | added TTFT p50 / p99 ms | receive lag p50 / p99 ms | client CPU % | CPU µs per event | mock-llm CPU µs per event |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    for (const [name, x] of [['gpuops', r.gpuops], ['fetch() baseline', r.baseline]]) {
      // CPU share / events per second: what one event costs the client, so what one core could take.
      const usPerEvent = ((x.cpuPercent / 100) / x.eventsPerSecond) * 1e6;
      console.log(`| ${r.concurrency} | ${r.itlMs} | ${r.offeredEventsPerSecond} | ${name} | ${x.eventsPerSecond} | ${x.addedTtftP50Ms} / ${x.addedTtftP99Ms} | ${x.lagP50Ms} / ${x.lagP99Ms} | ${x.cpuPercent} | ${usPerEvent.toFixed(1)} | ${x.serverUsPerEvent.toFixed(1)} |`);
    }
    console.log(`| | | | ratios gpuops/baseline | | p99 ${r.ratioAddedP99} | p99 ${r.ratioLagP99} | CPU per event ${r.ratioCpuPerEvent} |`);
  }
}

if (process.argv[2] === '--worker') await worker();
else await main();
