import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../../errors.js';
import { formatDuration, parseDuration } from '../../observe/alerts/duration.js';
import { portFlag } from '../../observe/bench/units.js';
import type { CliContext, CommandResult, GlobalOptions } from '../context.js';
import type { CommandSpec } from './spec.js';

interface ExporterFlags {
  port: number;
  listen: string;
  interval: string;
  xmlInterval: string;
  nvidiaSmi: string;
  xidLog: string;
  hostname?: string;
  once?: boolean;
  printSystemdUnit?: boolean;
}

const DAY = 86_400_000;

function settings(o: ExporterFlags) {
  const intervalMs = parseDuration('--interval', o.interval, { min: 1000, max: 3_600_000 });
  const xmlIntervalMs = o.xmlInterval.trim() === '0' ? 0 : parseDuration('--xml-interval', o.xmlInterval, { min: 0, max: DAY });
  if (xmlIntervalMs > 0 && xmlIntervalMs < 1000) throw new InputError(`--xml-interval "${o.xmlInterval}" is out of range: expected 0 (off) or between 1s and 24h`);
  if (o.nvidiaSmi.trim() === '') throw new InputError('--nvidia-smi is empty: expected the path of the nvidia-smi binary (default: nvidia-smi on PATH)');
  if (o.xidLog.trim() === '') throw new InputError('--xid-log is empty: expected /dev/kmsg, a kernel log file, or "none"');
  if (o.hostname !== undefined && o.hostname.trim() === '') throw new InputError('--hostname is empty: expected the name to put in the Hostname label');
  return { intervalMs, xmlIntervalMs, nvidiaSmi: o.nvidiaSmi, xidLog: o.xidLog === 'none' ? null : o.xidLog, hostname: o.hostname };
}

async function unit(o: ExporterFlags, s: ReturnType<typeof settings>): Promise<CommandResult> {
  const { systemdUnit } = await import('../../observe/exporter/systemd-unit.js');
  const args = ['--port', String(o.port), '--listen', o.listen, '--interval', formatDuration(s.intervalMs),
    '--xml-interval', s.xmlIntervalMs === 0 ? '0' : formatDuration(s.xmlIntervalMs), '--nvidia-smi', s.nvidiaSmi, '--xid-log', s.xidLog ?? 'none'];
  const text = systemdUnit({ node: process.execPath, script: fileURLToPath(new URL('../../../bin/gpuops.js', import.meta.url)), args });
  return { data: text, table: () => text };
}

async function once(s: ReturnType<typeof settings>, ctx: CliContext): Promise<CommandResult> {
  const { Collector } = await import('../../observe/exporter/collector.js');
  const { collectorOptions } = await import('../../observe/exporter/server.js');
  const { renderExposition } = await import('../../observe/exporter/exposition.js');
  const notes: string[] = [];
  const collector = new Collector(collectorOptions({ ...s, env: ctx.env, log: (m) => notes.push(m) }));
  await collector.sampleOnce();
  collector.stop();
  const snapshot = collector.snapshot();
  const text = renderExposition(snapshot, Date.now());
  // Exit 1 when nvidia-smi gave no GPU sample, so scripts (and a textfile collector's cron job) notice.
  return { data: text, table: () => text, notes, exitCode: snapshot.health.csv.up ? 0 : 1 };
}

async function serve(o: ExporterFlags, s: ReturnType<typeof settings>, ctx: CliContext): Promise<CommandResult> {
  const { startExporter } = await import('../../observe/exporter/server.js');
  const exporter = await startExporter({ ...s, port: o.port, listen: o.listen, env: ctx.env, log: (m) => ctx.stderr(`gpuops exporter: ${m}\n`) });
  ctx.stderr(`gpuops exporter: serving ${exporter.url} (nvidia-smi every ${formatDuration(s.intervalMs)}` +
    `${s.xmlIntervalMs ? `, -q -x every ${formatDuration(s.xmlIntervalMs)}` : ''}); Ctrl-C stops it\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await exporter.close();
  return { data: { stopped: signal, url: exporter.url }, table: () => `gpuops exporter: stopped (${signal})` };
}

/** `gpuops exporter`: GPU metrics from nvidia-smi for Prometheus, with dcgm-exporter's names. */
export const exporterCommand: CommandSpec<ExporterFlags> = {
  name: 'exporter',
  summary: 'Prometheus exporter for GPU VMs: dcgm-exporter metric names from nvidia-smi, no DCGM needed',
  options(cmd: Command) {
    cmd
      .addOption(new Option('--port <n>', 'TCP port to serve /metrics on').default(9400).argParser(portFlag('--port')))
      .option('--listen <address>', 'address to bind; 0.0.0.0 exposes it to the network', '127.0.0.1')
      .option('--interval <duration>', 'how often to run nvidia-smi --query-gpu (scrapes serve the last sample)', '15s')
      .option('--xml-interval <duration>', 'how often to run nvidia-smi -q -x for throttle reasons, ECC detail, MIG and processes (0: never)', '60s')
      .option('--nvidia-smi <path>', 'the nvidia-smi binary', 'nvidia-smi')
      .option('--xid-log <path>', 'kernel log to read NVRM Xid errors from (a syslog file works too), or "none"', '/dev/kmsg')
      .option('--hostname <name>', 'value of the Hostname label (default: this machine\'s host name)')
      .option('--once', 'sample once, print the metrics to stdout and exit')
      .option('--print-systemd-unit', 'print a systemd unit that runs the exporter with these flags, and exit');
  },
  examples: [
    'gpuops exporter',
    'gpuops exporter --listen 0.0.0.0 --port 9400 --interval 5s',
    'gpuops exporter --once',
    'gpuops exporter --print-systemd-unit | sudo tee /etc/systemd/system/gpuops-exporter.service',
  ],
  async run(_args: string[], o: ExporterFlags & GlobalOptions, ctx: CliContext): Promise<CommandResult> {
    const s = settings(o);
    if (o.once && o.printSystemdUnit) throw new InputError('--once and --print-systemd-unit cannot be used together: pick one');
    if (o.printSystemdUnit) return unit(o, s);
    if (o.once) return once(s, ctx);
    return serve(o, s, ctx);
  },
};
