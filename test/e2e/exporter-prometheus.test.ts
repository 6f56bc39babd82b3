import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporter, type RunningExporter } from '../../src/observe/exporter/server.js';
import { startMockLlm, type MockLlm } from '../../src/observe/mock/server.js';
import { cli } from '../support/cli.js';
import { FAKE_SMI, fakeEnv } from './exporter-support.js';

// A real Prometheus (Debian's package) scrapes the exporter and mock-llm's vLLM-named /metrics while a client
// sends it chat completions, evaluates the generated rules, and the idle-GPU and TPM alerts fire. Everything on
// 127.0.0.1, bounded in time.

const dir = mkdtempSync(join(tmpdir(), 'gpuops-prom-'));
let exporter: RunningExporter;
let llm: MockLlm;
let load: { stop(): Promise<number> };
let prometheus: ChildProcess;
let promUrl: string;
let promLog = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Chat completions against mock-llm, one after another, until stopped: they move its token counters. */
function traffic(llm: MockLlm): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    while (running) {
      const res = await fetch(`${llm.url}/v1/chat/completions`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'llama-3-8b', messages: [{ role: 'user', content: 'How many GPUs do I need?' }], max_tokens: 40 }),
      });
      await res.text();
      sent += 1;
    }
  })();
  return { stop: async () => { running = false; await loop; return sent; } };
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${promUrl}${path}`);
  return ((await res.json()) as { data: T }).data;
}

beforeAll(async () => {
  exporter = await startExporter({ port: 0, nvidiaSmi: FAKE_SMI, env: fakeEnv('h100-idle'), intervalMs: 1000, xmlIntervalMs: 0, xidLog: null, hostname: 'gpu-vm-01' });
  llm = await startMockLlm({ models: ['llama-3-8b'], ttftMs: 5, itlMs: 1, outputTokens: { fixed: 40 } });
  load = traffic(llm);
  writeFileSync(join(dir, 'gpuops.yaml'), 'alerts:\n  tpmLimit: 100\n  idleFor: 3s\n  for: 1s\n  exporterJob: gpuops-exporter\n');
  const r = await cli(['alerts', '--config', join(dir, 'gpuops.yaml'), '--out', join(dir, 'rules.yml')]);
  expect(r.code).toBe(0);
  const target = (url: string) => new URL(url).host;
  writeFileSync(join(dir, 'prometheus.yml'), `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: gpuops-exporter
    static_configs: [{ targets: ['${target(exporter.url)}'] }]
  - job_name: vllm
    static_configs: [{ targets: ['${new URL(llm.url).host}'] }]
`);
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  prometheus.stderr!.on('data', (d: Buffer) => (promLog += d.toString()));
}, 30_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await load?.stop();
  await Promise.all([exporter?.close(), llm?.close()]);
  await new Promise((r) => (prometheus && prometheus.exitCode === null ? prometheus.once('exit', r) : r(null)));
  rmSync(dir, { recursive: true, force: true });
}, 20_000);

describe('a real Prometheus with the exporter and the generated rules', () => {
  it('scrapes dcgm names from the exporter, records TPM, and fires GpuIdleWhileAllocated and InferenceTpmNearLimit', async () => {
    type Alert = { labels: Record<string, string>; state: string };
    let firing: Alert[] = [];
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      try {
        firing = (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.filter((a) => a.state === 'firing');
      } catch {
        firing = []; // not listening yet
      }
      const names = new Set(firing.map((a) => a.labels.alertname));
      if (names.has('GpuIdleWhileAllocated') && names.has('InferenceTpmNearLimit')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(firing.map((a) => a.labels.alertname).sort(), promLog).toEqual(['GpuIdleWhileAllocated', 'InferenceTpmNearLimit']);
    const idle = firing.find((a) => a.labels.alertname === 'GpuIdleWhileAllocated')!;
    expect([idle.labels.gpu, idle.labels.UUID, idle.labels.Hostname, idle.labels.job]).toEqual(['0', 'GPU-00000000-0000-0000-0000-000000000000', 'gpu-vm-01', 'gpuops-exporter']);
    expect(firing.find((a) => a.labels.alertname === 'InferenceTpmNearLimit')!.labels.model_name).toBe('llama-3-8b');

    type Vector = { result: { metric: Record<string, string>; value: [number, string] }[] };
    const tpm = await api<Vector>('/api/v1/query?query=gpuops:inference_tokens_per_minute');
    // Over the alert's threshold (80% of 100) by construction of the test; the exact rate depends on the machine.
    expect(tpm.result.map((x) => x.metric.model_name)).toEqual(['llama-3-8b']);
    expect(Number(tpm.result[0]!.value[1])).toBeGreaterThan(80);
    // Cross-check the recorded value against mock-llm's own count of what it served, over the same minute.
    const served = await api<Vector>('/api/v1/query?query=60 * sum(rate(vllm:generation_tokens_total[1m]))');
    expect(Number(served.result[0]!.value[1])).toBeLessThanOrEqual(Number(tpm.result[0]!.value[1]));
    const fb = await api<Vector>('/api/v1/query?query=DCGM_FI_DEV_FB_FREE');
    expect(fb.result.map((x) => [x.metric.modelName, x.value[1]])).toEqual([['NVIDIA H100 80GB HBM3', '81081']]);
  }, 60_000);
});
