import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExporter } from '../../src/observe/exporter/server.js';
import { cli } from '../support/cli.js';
import { FAKE_SMI, fakeEnv, gpuValues, KERN_LOG, parseExposition } from './exporter-support.js';

const once = (scenario: string, extra: string[] = [], env: Record<string, string> = {}) =>
  cli(['exporter', '--once', '--nvidia-smi', FAKE_SMI, '--xid-log', 'none', '--hostname', 'gpu-vm-01', ...extra], { env: fakeEnv(scenario, env) });

// Expected values are read off the captures in test/fixtures/nvidia-smi by hand (MiB, W, MHz, C, %).
describe('gpuops exporter --once against captured nvidia-smi output', () => {
  it('H100 80GB HBM3 under load: dcgm names, values and labels', async () => {
    const r = await once('h100');
    expect(r.code).toBe(0);
    const s = parseExposition(r.stdout);
    expect(gpuValues(s, '0')).toEqual({
      DCGM_FI_DEV_SM_CLOCK: 1980, DCGM_FI_DEV_MEM_CLOCK: 2619, DCGM_FI_DEV_MEMORY_TEMP: 54, DCGM_FI_DEV_GPU_TEMP: 59,
      DCGM_FI_DEV_POWER_USAGE: 631.95, DCGM_FI_DEV_POWER_MGMT_LIMIT: 700, DCGM_FI_DEV_GPU_UTIL: 100, DCGM_FI_DEV_MEM_COPY_UTIL: 11,
      DCGM_FI_DEV_ENC_UTIL: 0, DCGM_FI_DEV_DEC_UTIL: 0, DCGM_FI_DEV_FB_FREE: 61263, DCGM_FI_DEV_FB_USED: 19818, DCGM_FI_DEV_FB_RESERVED: 479,
      DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: 0, DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: 0, DCGM_FI_DEV_ECC_SBE_AGG_TOTAL: 0, DCGM_FI_DEV_ECC_DBE_AGG_TOTAL: 0,
      DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS: 0, DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS: 0, DCGM_FI_DEV_ROW_REMAP_FAILURE: 0,
      gpuops_gpu_memory_used_ratio: 0.24299, // 19818 / 81559
    });
    const util = s.find((x) => x.name === 'DCGM_FI_DEV_GPU_UTIL')!;
    expect(util.labels).toEqual({ gpu: '0', UUID: 'GPU-00000000-0000-0000-0000-000000000000', pci_bus_id: '00000000:00:09.0', device: 'nvidia0',
      modelName: 'NVIDIA H100 80GB HBM3', Hostname: 'gpu-vm-01', DCGM_FI_DRIVER_VERSION: '590.48.01' });
    expect(r.stdout).toContain('# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n');
    expect(r.stdout).toContain('# TYPE DCGM_FI_DEV_ECC_DBE_VOL_TOTAL counter\n');
    // From -q -x: the three processes and their VRAM, every clock event reason inactive.
    expect(s.filter((x) => x.name === 'gpuops_gpu_process_memory_used_bytes').map((x) => [x.labels.pid, x.labels.process_name, x.value / 1048576]))
      .toEqual([['11327', '/root/tools/memhog', 2566], ['11328', '/root/tools/memhog', 1542], ['11345', './gpu_burn', 15690]]);
    const reasons = s.filter((x) => x.name === 'gpuops_gpu_clock_event_reason_active');
    expect(reasons).toHaveLength(9);
    expect(reasons.every((x) => x.value === 0)).toBe(true);
    expect(s.filter((x) => x.name === 'gpuops_exporter_nvidia_smi_up').map((x) => [x.labels.query, x.value])).toEqual([['query-gpu', 1], ['q-x', 1]]);
  });

  it('H200 and L40S: their own numbers; L40S memory temperature N/A gives no sample; -q -x failing leaves the CSV metrics', async () => {
    const h200 = gpuValues(parseExposition((await once('h200')).stdout), '0');
    expect([h200.DCGM_FI_DEV_FB_USED, h200.DCGM_FI_DEV_FB_FREE, h200.DCGM_FI_DEV_POWER_USAGE, h200.DCGM_FI_DEV_MEM_CLOCK, h200.DCGM_FI_DEV_MEMORY_TEMP]).toEqual([32362, 110796, 627.4, 3201, 40]);
    const r = await once('l40s');
    expect(r.code).toBe(0);
    const s = parseExposition(r.stdout);
    const l40s = gpuValues(s, '0');
    expect([l40s.DCGM_FI_DEV_GPU_UTIL, l40s.DCGM_FI_DEV_ENC_UTIL, l40s.DCGM_FI_DEV_FB_USED, l40s.DCGM_FI_DEV_POWER_MGMT_LIMIT, l40s.DCGM_FI_DEV_SM_CLOCK]).toEqual([9, 60, 1235, 350, 2520]);
    expect(s.some((x) => x.name === 'DCGM_FI_DEV_MEMORY_TEMP')).toBe(false);
    expect(s.find((x) => x.name === 'gpuops_exporter_nvidia_smi_up' && x.labels.query === 'q-x')!.value).toBe(0);
    expect(r.stderr).toMatch(/nvidia-smi -q -x failed: exit 15/);
  });

  it('H100 with MIG and no -q -x: [N/A] utilisation gives no sample, never 0', async () => {
    const s = parseExposition((await once('h100-mig')).stdout);
    const names = new Set(s.filter((x) => x.labels.gpu === '0').map((x) => x.name));
    for (const n of ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_MEM_COPY_UTIL', 'DCGM_FI_DEV_ENC_UTIL', 'DCGM_FI_DEV_DEC_UTIL', 'DCGM_FI_DEV_ROW_REMAP_FAILURE']) expect(names.has(n)).toBe(false);
    expect(gpuValues(s, '0').DCGM_FI_DEV_FB_USED).toBe(11125);
  });

  it('A100 with MIG: framebuffer per GPU instance with GPU_I_ID, not for the whole GPU', async () => {
    const s = parseExposition((await once('a100-mig')).stdout);
    const fb = s.filter((x) => x.name === 'DCGM_FI_DEV_FB_USED');
    expect(fb.map((x) => [x.labels.GPU_I_ID, x.value])).toEqual([['3', 12], ['4', 12], ['5', 12], ['6', 12]]);
    expect(s.filter((x) => x.name === 'DCGM_FI_DEV_FB_FREE').map((x) => x.value)).toEqual([19955, 19955, 19955, 19955]);
    expect(Object.keys(fb[0]!.labels)).toEqual(['gpu', 'UUID', 'pci_bus_id', 'device', 'modelName', 'GPU_I_ID', 'Hostname', 'DCGM_FI_DRIVER_VERSION']);
    expect(gpuValues(s, '0').DCGM_FI_DEV_GPU_TEMP).toBe(27);
  });

  it('Xid errors from a kernel log: the last value per GPU, counts per Xid, and a GPU that is not in nvidia-smi', async () => {
    const r = await once('h100', ['--xid-log', KERN_LOG]);
    const s = parseExposition(r.stdout);
    expect(s.filter((x) => x.name === 'DCGM_FI_DEV_XID_ERRORS').map((x) => [x.labels.pci_bus_id, x.value])).toEqual([['00000000:00:09.0', 79], ['0:3b:00', 48]]);
    expect(s.filter((x) => x.name === 'gpuops_xid_errors_total').map((x) => [x.labels.gpu ?? '', x.labels.xid, x.value])).toEqual([['0', '13', 1], ['0', '79', 1], ['', '48', 1]]);
    // Lines already in the file at start-up are history: not dated, so the Xid alert does not fire for them.
    expect(s.some((x) => x.name === 'gpuops_xid_last_seen_timestamp_seconds')).toBe(false);
  });

  it('8 GPUs: one series per GPU', async () => {
    const s = parseExposition((await once('h100', [], { FAKE_NVIDIA_SMI_GPUS: '8' })).stdout);
    expect(s.filter((x) => x.name === 'DCGM_FI_DEV_GPU_UTIL').map((x) => x.labels.device)).toEqual(['nvidia0', 'nvidia1', 'nvidia2', 'nvidia3', 'nvidia4', 'nvidia5', 'nvidia6', 'nvidia7']);
    expect(s.find((x) => x.name === 'gpuops_exporter_gpus')!.value).toBe(8);
  });

  it('an older driver that rejects fields: asks again without them and says so', async () => {
    const r = await once('h100', [], { FAKE_NVIDIA_SMI_UNKNOWN: 'memory.reserved,temperature.memory' });
    expect(r.code).toBe(0);
    const v = gpuValues(parseExposition(r.stdout), '0');
    expect(v.DCGM_FI_DEV_FB_RESERVED).toBeUndefined();
    expect(v.DCGM_FI_DEV_MEMORY_TEMP).toBeUndefined();
    expect(v.DCGM_FI_DEV_FB_USED).toBe(19818);
    expect(r.stderr).toContain('nvidia-smi does not know the field "memory.reserved"');
    expect(r.stderr).toContain('nvidia-smi does not know the field "temperature.memory"');
  });

  it('the output passes promtool check metrics (only the dcgm naming lints it always reports)', async () => {
    const r = await once('a100-mig', ['--xid-log', KERN_LOG]);
    let lint = '';
    try {
      execFileSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (err) {
      lint = String((err as { stdout?: string }).stdout) + String((err as { stderr?: string }).stderr);
    }
    const problems = lint.split('\n').filter((l) => l.trim() !== '' && !/label names should be written in 'snake_case'/.test(l) && !/^DCGM_\w+ counter metrics should have "_total" suffix$/.test(l));
    expect(problems).toEqual([]);
  });
});

describe('gpuops exporter when nvidia-smi fails', () => {
  it('driver not loaded: exit 1 with the driver message, only the exporter health served', async () => {
    const r = await once('fail');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nvidia-smi --query-gpu failed: exit 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver");
    const s = parseExposition(r.stdout);
    expect(s.filter((x) => x.name.startsWith('DCGM_'))).toEqual([]);
    expect(s.filter((x) => x.name === 'gpuops_exporter_nvidia_smi_failures_total').map((x) => x.value)).toEqual([1, 1]);
  });

  it('no such binary: says what to install or pass', async () => {
    const r = await cli(['exporter', '--once', '--nvidia-smi', '/nonexistent/nvidia-smi', '--xid-log', 'none'], { env: fakeEnv('h100') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"/nonexistent/nvidia-smi" was not found (install the NVIDIA driver, or pass --nvidia-smi PATH)');
  });

  it('a hung nvidia-smi is killed at the interval', async () => {
    const t0 = Date.now();
    const r = await once('hang', ['--interval', '1s', '--xml-interval', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no answer within 1 s (killed)');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('output that is not CSV is a failure, not numbers', async () => {
    const r = await once('garbage');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--query-gpu output could not be read \(line 1: expected \d+ comma-separated values/);
    expect(r.stderr).toMatch(/-q -x output could not be read/);
  });

  it('an unreadable kernel log keeps the exporter going and says why', async () => {
    const r = await once('h100', ['--xid-log', '/nonexistent/kern.log']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Xid errors will not be reported: cannot read /nonexistent/kern.log: ENOENT');
    expect(parseExposition(r.stdout).find((x) => x.name === 'gpuops_exporter_xid_source_up')!.value).toBe(0);
  });
});

describe('gpuops exporter bad input: exit 2 naming the input', () => {
  it.each([
    [['--port', '70000'], '--port "70000" is not valid: expected a whole number from 0 to 65535'],
    [['--port', '-1'], '--port "-1" is not valid'],
    [['--port', '1.5'], '--port "1.5" is not valid'],
    [['--interval', '15'], '--interval "15" is not a duration: expected a number with a unit, e.g. 500ms, 15s, 5m, 1h'],
    [['--interval', '500ms'], '--interval "500ms" is out of range: expected between 1s and 1h'],
    [['--interval', '1e9s'], '--interval "1e9s" is not a duration'],
    [['--xml-interval', '10ms'], '--xml-interval "10ms" is out of range: expected 0 (off) or between 1s and 24h'],
    [['--nvidia-smi', ''], '--nvidia-smi is empty'],
    [['--xid-log', ''], '--xid-log is empty'],
    [['--hostname', ' '], '--hostname is empty'],
    [['--once', '--print-systemd-unit'], '--once and --print-systemd-unit cannot be used together'],
    [['--listen', '999.1.1.1', '--port', '0'], '--listen "999.1.1.1": no such address on this machine'],
  ])('%j', async (args, message) => {
    const r = await cli(['exporter', '--nvidia-smi', FAKE_SMI, ...args], { env: fakeEnv('h100') });
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a port in use', async () => {
    const { createServer } = await import('node:net');
    const holder = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const r = await cli(['exporter', '--port', String(port), '--nvidia-smi', FAKE_SMI, '--xid-log', 'none'], { env: fakeEnv('h100') });
      expect([r.code, r.stderr]).toEqual([2, `error: --port ${port}: the port is already in use on 127.0.0.1\nhint: stop what holds it (\`ss -ltnp\`), or pass another --port\n`]);
    } finally {
      holder.close();
    }
  });
});

describe('the exporter server', () => {
  it('runs nvidia-smi once per interval, never per scrape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuops-smi-calls-'));
    const log = join(dir, 'calls.log');
    const exporter = await startExporter({ port: 0, nvidiaSmi: FAKE_SMI, env: fakeEnv('h100', { FAKE_NVIDIA_SMI_LOG: log }), intervalMs: 60_000, xmlIntervalMs: 60_000, xidLog: null });
    try {
      let body = '';
      for (let i = 0; i < 100 && !(body.includes('DCGM_FI_DEV_GPU_UTIL') && body.includes('gpuops_gpu_process_memory_used_bytes')); i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = await (await fetch(exporter.url)).text();
      }
      for (let i = 0; i < 30; i++) body = await (await fetch(exporter.url)).text();
      expect(body).toContain('DCGM_FI_DEV_GPU_UTIL{gpu="0"');
      expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['q-x', 'query-gpu']);
    } finally {
      await exporter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with a failing nvidia-smi stays up and serves its own health', async () => {
    const exporter = await startExporter({ port: 0, nvidiaSmi: FAKE_SMI, env: fakeEnv('fail'), intervalMs: 1000, xmlIntervalMs: 0, xidLog: null, log: () => {} });
    try {
      let s = parseExposition('');
      for (let i = 0; i < 100 && !s.some((x) => x.name === 'gpuops_exporter_nvidia_smi_up'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        s = parseExposition(await (await fetch(exporter.url)).text());
      }
      expect(s.find((x) => x.name === 'gpuops_exporter_nvidia_smi_up' && x.labels.query === 'query-gpu')!.value).toBe(0);
      expect(s.filter((x) => x.name.startsWith('DCGM_'))).toEqual([]);
    } finally {
      await exporter.close();
    }
  });
});

describe('gpuops exporter as a service', () => {
  it('--print-systemd-unit runs this exporter with the given flags', async () => {
    const r = await cli(['exporter', '--print-systemd-unit', '--port', '9500', '--interval', '5s', '--listen', '0.0.0.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ExecStart=\S+ \S+bin\/gpuops\.js exporter --port 9500 --listen 0\.0\.0\.0 --interval 5s --xml-interval 1m --nvidia-smi nvidia-smi --xid-log \/dev\/kmsg$/m);
    expect(r.stdout).toContain('[Install]\nWantedBy=multi-user.target\n');
  });

  it('serves /metrics until SIGTERM (the built CLI, as systemd runs it)', async () => {
    const child = spawn(process.execPath, ['bin/gpuops.js', 'exporter', '--port', '0', '--nvidia-smi', FAKE_SMI, '--xid-log', 'none', '--interval', '1s'],
      { env: fakeEnv('h100'), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        const timer = setTimeout(() => reject(new Error(`no start-up line: ${err}`)), 15_000);
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /serving (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(err);
          if (m) { clearTimeout(timer); resolve(m[1]!); }
        });
      });
      let body = '';
      for (let i = 0; i < 50 && !body.includes('DCGM_FI_DEV_GPU_UTIL'); i++) {
        body = await (await fetch(url)).text();
        if (!body.includes('DCGM_FI_DEV_GPU_UTIL')) await new Promise((r) => setTimeout(r, 200));
      }
      expect(body).toContain('DCGM_FI_DEV_GPU_UTIL{gpu="0"');
      expect((await fetch(url.replace('/metrics', '/nope'))).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('README', () => {
  it('every line of the `gpuops exporter --once` example is what the exporter prints for the H100 capture', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('$ gpuops exporter --once\n');
    expect(start).toBeGreaterThan(-1);
    const shown = readme.slice(start).split('\n').slice(1);
    const lines = shown.slice(0, shown.indexOf('```'));
    expect(lines.length).toBeGreaterThan(5);
    const out = (await once('h100', ['--xid-log', KERN_LOG])).stdout.split('\n');
    expect(lines.filter((l) => !out.includes(l))).toEqual([]);
  });
});

describe('start-up cost', () => {
  it.each(['exporter.ts', 'alerts.ts'])('src/cli/commands/%s loads the exporter, XML parser, YAML and generators only when it runs', (file) => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'cli', 'commands', file), 'utf8');
    const eager = source.split('\n').filter((l) => /^\s*import\b(?!\s+type\b).*from\s+['"](fast-xml-parser|yaml|.*observe\/exporter\/|.*observe\/alerts\/(prometheus-rules|azure-monitor|grafana|scope))/.test(l));
    expect(eager).toEqual([]);
  });
});
