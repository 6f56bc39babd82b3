import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../../errors.js';
import { configThresholds, DEFAULT_THRESHOLDS, resolveThresholds, type RawThresholds, type Thresholds } from '../../observe/alerts/thresholds.js';
import type { CliContext, CommandResult, GlobalOptions } from '../context.js';
import { choiceFlag } from '../flags.js';
import type { CommandSpec } from './spec.js';

// yaml loads only when this command runs (start-up budget of the CLI).
const require = createRequire(import.meta.url);

const TARGETS = ['prometheus', 'azure-monitor', 'grafana'] as const;
const FORMATS = ['terraform', 'bicep'] as const;

interface AlertFlags {
  target: (typeof TARGETS)[number];
  format?: (typeof FORMATS)[number];
  scope?: string;
  deployment?: string;
  tpmLimit?: string;
  ttftSlo?: string;
  idleFor?: string;
  config?: string;
  out?: string;
  force?: boolean;
}

const FLAG_NAMES: Record<string, string> = { tpmLimit: '--tpm-limit', ttftSloMs: '--ttft-slo', idleForMs: '--idle-for' };

/** Thresholds: defaults, then gpuops.yaml (`--config`, or ./gpuops.yaml when present), then flags. */
function thresholds(o: AlertFlags, notes: string[]): Thresholds {
  const file = o.config ?? (existsSync('gpuops.yaml') ? 'gpuops.yaml' : undefined);
  let t = DEFAULT_THRESHOLDS;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new InputError(`--config ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): expected a readable gpuops.yaml`, { cause: err });
    }
    const { parseDocument } = require('yaml') as typeof import('yaml');
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
      throw new InputError(`${file} is not valid YAML${at}: ${e.message.split('\n')[0]}`);
    }
    t = resolveThresholds(t, configThresholds(doc.toJS(), file), (k) => `${file} alerts.${k.replace(/Ms$/, '')}`);
    if (o.config === undefined) notes.push(`thresholds from ./gpuops.yaml`);
  }
  const raw: RawThresholds = { tpmLimit: o.tpmLimit, ttftSloMs: o.ttftSlo, idleForMs: o.idleFor };
  return resolveThresholds(t, raw, (k) => FLAG_NAMES[k] ?? k);
}

function writeOut(path: string, text: string): string {
  try {
    if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(`--out ${path} is a directory: expected a file name`);
    writeFileSync(path, text);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--out ${path} cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  return resolve(path);
}

function writeDir(dir: string, name: string, text: string, force: boolean): string {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError(`--out ${dir} is a file: expected a directory to write ${name} into`);
    if (readdirSync(dir).length > 0 && !force) throw new InputError(`--out ${dir} is not empty: expected an empty or new directory`, { suggestion: 'pass --force to overwrite the files gpuops writes there' });
  }
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
  } catch (err) {
    throw new InputError(`--out ${dir} cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  return resolve(dir, name);
}

async function prometheus(o: AlertFlags, t: Thresholds, notes: string[]): Promise<CommandResult> {
  const { prometheusRules } = await import('../../observe/alerts/prometheus-rules.js');
  const rules = prometheusRules(t);
  if (t.tpmLimit === null) notes.push('no --tpm-limit: InferenceTpmNearLimit is left out (pass the TPM limit of the deployment to add it)');
  const { stringify } = require('yaml') as typeof import('yaml');
  const text = `# Prometheus rules written by gpuops alerts --target prometheus. Check: promtool check rules FILE\n${stringify(rules, { lineWidth: 0 })}`;
  if (o.out) {
    const file = writeOut(o.out, text);
    const count = rules.groups.flatMap((g) => g.rules);
    return { data: { target: 'prometheus', files: [file] }, table: () => `wrote ${file}: ${count.filter((r) => 'record' in r).length} recording rules, ${count.filter((r) => 'alert' in r).length} alerts`, notes };
  }
  return { data: rules, table: () => text, notes };
}

async function azureMonitor(o: AlertFlags, t: Thresholds, notes: string[]): Promise<CommandResult> {
  if (!o.scope) throw new InputError('--target azure-monitor needs --scope: the resource id of the Azure OpenAI account', { suggestion: 'az cognitiveservices account show -n NAME -g GROUP --query id -o tsv' });
  const { parseAccountScope } = await import('../../observe/alerts/scope.js');
  const scope = parseAccountScope(o.scope);
  if (t.tpmLimit === null) throw new InputError('--target azure-monitor needs --tpm-limit: the tokens-per-minute limit of the deployment (its quota), e.g. --tpm-limit 120000');
  if (o.deployment !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(o.deployment)) {
    throw new InputError(`--deployment "${o.deployment}" is not a deployment name: expected 1-64 letters, digits, . _ -`);
  }
  const { bicepAlerts, metricAlerts, terraformAlerts } = await import('../../observe/alerts/azure-monitor.js');
  const alerts = metricAlerts(scope, { ...t, tpmLimit: t.tpmLimit }, o.deployment ?? null);
  const format = o.format ?? 'terraform';
  const text = format === 'bicep' ? bicepAlerts(scope, alerts) : terraformAlerts(scope, alerts);
  if (o.out) {
    const file = writeDir(o.out, format === 'bicep' ? 'main.bicep' : 'main.tf', text, o.force ?? false);
    return { data: { target: 'azure-monitor', format, files: [file], alerts }, table: () => `wrote ${file}: an action group and ${alerts.length} metric alerts`, notes };
  }
  return { data: { target: 'azure-monitor', format, alerts, text }, table: () => text, notes };
}

async function grafana(o: AlertFlags, notes: string[]): Promise<CommandResult> {
  const { grafanaDashboard } = await import('../../observe/alerts/grafana.js');
  const dashboard = grafanaDashboard();
  const text = `${JSON.stringify(dashboard, null, 2)}\n`;
  if (o.out) {
    const file = writeOut(o.out, text);
    return { data: { target: 'grafana', files: [file] }, table: () => `wrote ${file}: import it in Grafana (Dashboards > New > Import)`, notes };
  }
  return { data: dashboard, table: () => text, notes };
}

/** `gpuops alerts`: Prometheus rules, Azure Monitor IaC or a Grafana dashboard for GPUs and inference. */
export const alertsCommand: CommandSpec<AlertFlags> = {
  name: 'alerts',
  summary: 'alert rules (Prometheus, checked by promtool), Azure Monitor TPM alerts as IaC, a Grafana dashboard',
  options(cmd: Command) {
    cmd
      .addOption(new Option('--target <target>', `what to write: ${TARGETS.join('|')}`).default('prometheus').argParser(choiceFlag('--target', TARGETS)))
      .addOption(new Option('--format <format>', `IaC for azure-monitor: ${FORMATS.join('|')} (default terraform)`).argParser(choiceFlag('--format', FORMATS)))
      .option('--scope <resource-id>', 'azure-monitor: resource id of the Azure OpenAI account (Microsoft.CognitiveServices/accounts)')
      .option('--deployment <name>', 'azure-monitor: only this model deployment (default: every deployment, split by name)')
      .option('--tpm-limit <n>', 'tokens-per-minute limit of the deployment; alerts at 80% of it')
      .option('--ttft-slo <duration>', 'p95 time-to-first-token objective, e.g. 500ms (default 500ms)')
      .option('--idle-for <duration>', 'how long a GPU must be idle before GpuIdleWhileAllocated fires (default 30m, at most 1h)')
      .option('--config <file>', 'gpuops.yaml with an alerts: section of thresholds (default: ./gpuops.yaml when present)')
      .option('--out <path>', 'write to this file (prometheus, grafana) or directory (azure-monitor) instead of stdout')
      .option('--force', 'azure-monitor: write into a non-empty --out directory');
  },
  examples: [
    'gpuops alerts --target prometheus --tpm-limit 120000 --ttft-slo 500ms --out gpuops-rules.yml',
    'gpuops alerts --target azure-monitor --format terraform --scope /subscriptions/<id>/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/my-aoai --tpm-limit 120000 --out alerts/',
    'gpuops alerts --target grafana --out gpuops-dashboard.json',
  ],
  async run(_args: string[], o: AlertFlags & GlobalOptions, _ctx: CliContext): Promise<CommandResult> {
    const notes: string[] = [];
    if (o.target !== 'azure-monitor' && (o.scope !== undefined || o.deployment !== undefined || o.force || o.format !== undefined)) {
      throw new InputError(`--scope, --deployment, --format and --force apply to --target azure-monitor only, not to --target ${o.target}`);
    }
    const t = thresholds(o, notes);
    if (o.target === 'prometheus') return prometheus(o, t, notes);
    if (o.target === 'azure-monitor') return azureMonitor(o, t, notes);
    return grafana(o, notes);
  },
};
