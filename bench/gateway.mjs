#!/usr/bin/env node
// Gateway benchmark (issue #10). Every figure is taken against the same streaming upstream three ways in
// the same run: direct, through a bare pass-through proxy written with node:http (the floor for this
// runtime), and through `gpuops gateway` (limits on, memory store, access log on). Upstream, bare proxy
// and gateway each run in their own process; the client runs here. Run after `npm run build`:
//   node bench/gateway.mjs            (BENCH_QUICK=1 for a short smoke run)
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, percentile as pct } from './lib.mjs';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const KEY = 'bench-key-0123456789';
const role = process.argv[2] ?? 'main';
const quick = process.env.BENCH_QUICK === '1';
// BENCH_ONLY=sequential,concurrent,throughput,memory runs only the named parts (default: all).
const only = new Set((process.env.BENCH_ONLY ?? 'sequential,concurrent,throughput,memory').split(','));

const send = (msg) => process.send?.(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- upstream: an OpenAI-compatible SSE server
async function upstream() {
  const held = new Set();
  const chunk = (i, last) => `data: {"id":"cmpl-b","object":"chat.completion.chunk","created":1700000000,"model":"bench","choices":[{"index":0,"delta":{"content":"tok${i} "},"logprobs":null,"finish_reason":${last ? '"length"' : 'null'}}],"usage":null}\n\n`;
  const server = createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(parts).toString());
      const n = body.max_tokens ?? 16;
      const gap = body.bench_gap_ms ?? 0;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk(0, n === 1));
      if (body.bench_hold) {
        // Memory run: keep the stream open until the client says so.
        held.add(res);
        return;
      }
      for (let i = 1; i < n; i++) {
        // One write per event, yielding between them, as a token-by-token server does.
        await (gap ? sleep(gap) : new Promise(setImmediate));
        if (res.destroyed) return;
        res.write(chunk(i, i === n - 1));
      }
      if (body.stream_options?.include_usage) res.write(`data: {"id":"cmpl-b","object":"chat.completion.chunk","created":1700000000,"model":"bench","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":${n},"total_tokens":${12 + n}}}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  server.keepAliveTimeout = 120_000;
  server.maxConnections = 100_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  process.on('message', (m) => {
    if (m === 'release') {
      for (const res of held) res.end('data: [DONE]\n\n');
      held.clear();
    }
  });
  send({ port: server.address().port });
}

// ---------------------------------------------------------------- bare pass-through proxy (node:http only)
async function bare(upPort) {
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 1024 });
  const server = createServer((req, res) => {
    const up = request({ host: '127.0.0.1', port: upPort, path: req.url, method: req.method, headers: req.headers, agent }, (ur) => {
      res.writeHead(ur.statusCode, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.keepAliveTimeout = 120_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  send({ port: server.address().port });
}

// ---------------------------------------------------------------- gpuops gateway
async function gateway(upPort) {
  const { parseGatewayConfig } = await import(join(root, 'dist/gateway/config.js'));
  const { startGateway } = await import(join(root, 'dist/gateway/server.js'));
  const dir = mkdtempSync(join(tmpdir(), 'gpuops-bench-gw-'));
  const config = parseGatewayConfig({
    listen: '127.0.0.1:0',
    upstreams: [{ name: 'bench', url: `http://127.0.0.1:${upPort}/v1`, api: 'openai' }],
    keys: [{ name: 'bench', hash: `sha256:${createHash('sha256').update(KEY).digest('hex')}`, tpm: 1e15, rpm: 1e15 }],
    limits: { store: 'memory' },
    accessLog: join(dir, 'access.jsonl'),
    timeouts: { keepAlive: 120_000 },
  }, 'bench');
  const gw = await startGateway(config);
  send({ port: gw.port });
}

// ---------------------------------------------------------------- memory reports for the main process
// A child whose parent is gone (the run was interrupted) exits instead of lingering.
if (role !== 'main') {
  process.on('disconnect', () => process.exit(0));
  // An orderly exit, so that a --cpu-prof profile is written.
  process.on('SIGTERM', () => process.exit(0));
}
process.on('message', (m) => {
  if (m === 'cpu') send({ cpu: process.cpuUsage() });
  if (m === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    setTimeout(() => send({ memory: process.memoryUsage() }), 200);
  }
});

// ---------------------------------------------------------------- client side
function startChild(name, args = []) {
  // BENCH_PROF_DIR=DIR writes a CPU profile of the gateway process there (node --cpu-prof).
  const prof = name === (process.env.BENCH_PROF_ROLE ?? 'gateway') && process.env.BENCH_PROF_DIR ? ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', process.env.BENCH_PROF_DIR] : [];
  const child = fork(here, [name, ...args.map(String)], { execArgv: ['--expose-gc', ...prof], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve({ child, port: m.port }));
  });
}

/** The child's CPU time so far (user + system), in microseconds. */
function cpuOf(child) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m.cpu) {
        child.off('message', on);
        resolve(m.cpu.user + m.cpu.system);
      }
    };
    child.on('message', on);
    child.send('cpu');
  });
}

function memoryOf(child) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m.memory) {
        child.off('message', on);
        resolve(m.memory);
      }
    };
    child.on('message', on);
    child.send('memory');
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 20_000, keepAliveMsecs: 60_000 });
const BODY = (extra) => JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'Write a haiku about load balancers.' }], stream: true, ...extra });

/** One streamed request; resolves with its TTFT (ms to the first body byte) and the events received. */
function stream(port, extra, ag = agent) {
  const body = BODY(extra);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttft = null;
    let events = 0;
    let prevLf = false;
    const req = request({ host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent: ag, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${KEY}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
      res.on('data', (c) => {
        ttft ??= performance.now() - t0;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) {
          if ((i > 0 ? c[i - 1] === 10 : prevLf)) events++;
        }
        prevLf = c[c.length - 1] === 10;
      });
      res.on('end', () => resolve({ ttft, events: events - 1, end: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const r3 = (x) => Math.round(x * 1000) / 1000;

async function sequentialTtft(targets) {
  const rounds = quick ? 3 : 7;
  const perRound = quick ? 10 : 25;
  for (const t of targets) for (let i = 0; i < 15; i++) await stream(t.port, { max_tokens: 4 });
  const medians = Object.fromEntries(targets.map((t) => [t.name, []]));
  // CPU time of each proxy process over the measured requests (the upstream's is the same for all three).
  const proxies = targets.filter((t) => t.name !== 'direct');
  const cpu0 = await Promise.all(proxies.map((t) => cpuOf(t.child)));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < perRound; i++) {
      // Interleaved: each target is measured right after the others, under the same noise.
      for (const t of targets) medians[t.name].push({ r, ttft: (await stream(t.port, { max_tokens: 4 })).ttft });
    }
  }
  const cpu1 = await Promise.all(proxies.map((t) => cpuOf(t.child)));
  const cpuUs = Object.fromEntries(proxies.map((t, i) => [t.name, Math.round((cpu1[i] - cpu0[i]) / (rounds * perRound))]));
  const roundMedian = (name, r) => median(medians[name].filter((x) => x.r === r).map((x) => x.ttft));
  const out = {};
  for (const t of targets) {
    const rm = Array.from({ length: rounds }, (_, r) => roundMedian(t.name, r));
    const added = Array.from({ length: rounds }, (_, r) => roundMedian(t.name, r) - roundMedian('direct', r));
    out[t.name] = { ttftMs: r3(median(rm)), addedMs: r3(median(added)), ...(t.name in cpuUs ? { cpuUsPerRequest: cpuUs[t.name] } : {}) };
  }
  return { rounds, perRound, ...out };
}

async function concurrentTtft(targets, concurrency) {
  const seconds = quick ? 1 : 3;
  const rounds = quick ? 1 : 3;
  const ttfts = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const until = performance.now() + seconds * 1000;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) ttfts[t.name].push((await stream(t.port, { max_tokens: 16, bench_gap_ms: 2 })).ttft);
      }));
    }
  }
  const out = {};
  for (const t of targets) {
    const x = ttfts[t.name];
    out[t.name] = { requests: x.length, p50Ms: r3(pct(x, 50)), p99Ms: r3(pct(x, 99)), addedP50Ms: r3(pct(x, 50) - pct(ttfts.direct, 50)), addedP99Ms: r3(pct(x, 99) - pct(ttfts.direct, 99)) };
  }
  return { concurrency, seconds, rounds, ...out };
}

async function throughput(targets, streams, tokens) {
  const rounds = quick ? 1 : 3;
  const rates = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const t0 = performance.now();
      const res = await Promise.all(Array.from({ length: streams }, () => stream(t.port, { max_tokens: tokens })));
      const secs = (performance.now() - t0) / 1000;
      const events = res.reduce((s, x) => s + x.events, 0);
      if (events !== streams * tokens) throw new Error(`${t.name}: ${events} events, expected ${streams * tokens}`);
      rates[t.name].push(events / secs);
    }
  }
  const out = {};
  for (const t of targets) out[t.name] = { tokensPerSecond: Math.round(median(rates[t.name])), vsDirect: r3(median(rates[t.name]) / median(rates.direct)) };
  return { streams, tokensPerStream: tokens, rounds, ...out };
}

/** Open `n` connections, each after one request, and keep them idle. */
async function openIdle(port, n) {
  const ag = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: n + 10, keepAliveMsecs: 60_000, timeout: 600_000 });
  const batch = 500;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/models', agent: ag, headers: { authorization: `Bearer ${KEY}` } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    })));
  }
  return ag;
}

async function memory(t, up, idleConns, activeStreams) {
  const base = (await memoryOf(t.child)).rss;
  const ag = await openIdle(t.port, idleConns);
  const idleRss = (await memoryOf(t.child)).rss;
  ag.destroy();
  await sleep(1000);
  const base2 = (await memoryOf(t.child)).rss;
  const sag = new Agent({ keepAlive: false, maxSockets: Infinity });
  let first = 0;
  const done = [];
  const batch = 500;
  for (let i = 0; i < activeStreams; i += batch) {
    const started = Array.from({ length: Math.min(batch, activeStreams - i) }, () => {
      let resolveFirst;
      const firstSeen = new Promise((r) => (resolveFirst = r));
      const p = new Promise((resolve, reject) => {
        const body = BODY({ max_tokens: 2, bench_hold: true });
        const req = request({ host: '127.0.0.1', port: t.port, path: '/v1/chat/completions', method: 'POST', agent: sag, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${KEY}` } }, (res) => {
          res.once('data', () => {
            first++;
            resolveFirst();
          });
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      });
      done.push(p);
      return firstSeen;
    });
    await Promise.all(started);
  }
  const activeRss = (await memoryOf(t.child)).rss;
  up.child.send('release');
  await Promise.all(done);
  sag.destroy();
  return {
    idleConnections: idleConns, idleKiBPerConnection: Math.round((idleRss - base) / idleConns / 1024 * 10) / 10,
    activeStreams, streamsOpenAtMeasure: first, activeKiBPerStream: Math.round((activeRss - base2) / activeStreams / 1024 * 10) / 10,
    baseRssMiB: Math.round(base / 1048576), activeRssMiB: Math.round(activeRss / 1048576),
  };
}

async function main() {
  const up = await startChild('upstream');
  const bareProxy = await startChild('bare', [up.port]);
  const gw = await startChild('gateway', [up.port]);
  const targets = [{ name: 'direct', port: up.port, child: up.child }, { name: 'bare', ...bareProxy }, { name: 'gateway', ...gw }];
  const results = { node: process.version, date: new Date().toISOString(), quick };
  try {
    if (only.has('sequential')) {
      results.sequentialTtft = await sequentialTtft(targets);
      console.error('sequential TTFT', JSON.stringify(results.sequentialTtft));
    }
    if (only.has('concurrent')) {
      results.concurrent32 = await concurrentTtft(targets, 32);
      console.error('32 concurrent', JSON.stringify(results.concurrent32));
      results.concurrent256 = await concurrentTtft(targets, 256);
      console.error('256 concurrent', JSON.stringify(results.concurrent256));
    }
    if (only.has('throughput')) {
      results.throughput = await throughput(targets, quick ? 200 : 1000, quick ? 50 : 100);
      console.error('throughput', JSON.stringify(results.throughput));
    }
    agent.destroy();
    // Each active stream holds two sockets in the proxy (client and upstream side): keep under the fd limit.
    const fdLimit = Number(process.env.BENCH_FD_LIMIT ?? 20_000);
    const active = quick ? 1000 : Math.min(10_000, Math.floor((fdLimit - 200) / 2));
    const idle = quick ? 1000 : Math.min(10_000, fdLimit - 500);
    results.memory = {};
    for (const t of only.has('memory') ? targets.slice(1) : []) {
      results.memory[t.name] = await memory(t, up, idle, active);
      console.error('memory', t.name, JSON.stringify(results.memory[t.name]));
      await sleep(1000);
    }
  } finally {
    for (const t of targets) t.child.kill();
  }
  const out = join(root, 'bench', 'results');
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'gateway-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  } catch {
    /* results are printed below either way */
  }
  console.log(JSON.stringify(results, null, 2));
}

if (role === 'upstream') await upstream();
else if (role === 'bare') await bare(Number(process.argv[3]));
else if (role === 'gateway') await gateway(Number(process.argv[3]));
else await main();
