#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, one after the other (each interleaves its own baseline).
// BENCH_ONLY=recon,audit runs a subset; each one also runs alone as `npm run bench:<name>`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = {
  startup: 'run.mjs', recon: 'recon.mjs', plan: 'plan.mjs', provision: 'provision.mjs', audit: 'audit.mjs',
  client: 'client.mjs', exporter: 'exporter.mjs', gateway: 'gateway.mjs',
};
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : Object.keys(ALL);
const unknown = only.filter((n) => !(n in ALL));
if (unknown.length) {
  console.error(`BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')}; expected some of: ${Object.keys(ALL).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of only) {
  console.log(`\n== ${name} (bench/${ALL[name]})`);
  const r = spawnSync(process.execPath, [join(here, ALL[name])], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`bench ${name} exited ${r.status ?? r.signal}`); }
}
process.exit(failed ? 1 : 0);
