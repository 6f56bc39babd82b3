import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporter, type RunningExporter } from '../../src/observe/exporter/server.js';
import { cli } from '../support/cli.js';
import { FAKE_SMI, fakeEnv } from './exporter-support.js';

// A real Prometheus (Debian's package) scrapes the exporter and an inference server's /metrics, evaluates the
// generated rules, and the idle-GPU and TPM alerts fire. Everything on 127.0.0.1, bounded in time.

const dir = mkdtempSync(join(tmpdir(), 'gpuops-prom-'));
let exporter: RunningExporter;
let inference: { url: string; close(): Promise<void> };
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

/** vLLM's metric names with counters that grow at a steady rate: 50 prompt + 100 generated tokens a second. */
async function vllmLikeServer(): Promise<{ url: string; close(): Promise<void> }> {
  const t0 = Date.now();
  const server: Server = createServer((_req, res) => {
    const s = (Date.now() - t0) / 1000;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end([
      '# TYPE vllm:prompt_tokens_total counter', `vllm:prompt_tokens_total{model_name="llama-3-8b"} ${Math.floor(50 * s)}`,
      '# TYPE vllm:generation_tokens_total counter', `vllm:generation_tokens_total{model_name="llama-3-8b"} ${Math.floor(100 * s)}`,
      '# TYPE vllm:num_requests_waiting gauge', 'vllm:num_requests_waiting{model_name="llama-3-8b"} 0', '',
    ].join('\n'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`, close: () => new Promise((r) => server.close(() => r())) };
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${promUrl}${path}`);
  return ((await res.json()) as { data: T }).data;
}

beforeAll(async () => {
  exporter = await startExporter({ port: 0, nvidiaSmi: FAKE_SMI, env: fakeEnv('h100-idle'), intervalMs: 1000, xmlIntervalMs: 0, xidLog: null, hostname: 'gpu-vm-01' });
  inference = await vllmLikeServer();
  writeFileSync(join(dir, 'gpuops.yaml'), 'alerts:\n  tpmLimit: 1000\n  idleFor: 3s\n  for: 1s\n  exporterJob: gpuops-exporter\n');
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
    static_configs: [{ targets: ['${target(inference.url)}'] }]
`);
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  prometheus.stderr!.on('data', (d: Buffer) => (promLog += d.toString()));
}, 30_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await Promise.all([exporter?.close(), inference?.close()]);
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
    // The server makes 150 tokens a second = 9,000 a minute. rate() over 1m reads low until a minute of samples
    // exists, so the bound is the alert's threshold (800) from below and the true rate (plus scrape jitter) from above.
    expect(tpm.result.map((x) => x.metric.model_name)).toEqual(['llama-3-8b']);
    expect(Number(tpm.result[0]!.value[1])).toBeGreaterThan(800);
    expect(Number(tpm.result[0]!.value[1])).toBeLessThan(9000 * 1.2);
    const fb = await api<Vector>('/api/v1/query?query=DCGM_FI_DEV_FB_FREE');
    expect(fb.result.map((x) => [x.metric.modelName, x.value[1]])).toEqual([['NVIDIA H100 80GB HBM3', '81081']]);
  }, 60_000);
});
