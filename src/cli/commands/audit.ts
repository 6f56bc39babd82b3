import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { InputError } from '../../errors.js';
import { SEVERITIES, type AuditReport, type Severity } from '../../model/finding.js';
import { render } from '../../render/index.js';
import type { CommandResult } from '../context.js';
import { choiceFlag, numberFlag } from '../flags.js';
import { readInventory, type InventoryFlags } from '../inventory-source.js';
import type { CommandSpec } from './spec.js';

interface AuditOptions extends InventoryFlags {
  config?: string;
  failOn?: Severity;
  listRules?: boolean;
}

const collect = (value: string, prior: string[] = []) => [...prior, value];

/** Options shared by `audit` and `inventory`: where the estate is read from. */
export function inventoryOptions(cmd: import('commander').Command): void {
  cmd
    .option('--from <file>', 'an az or terraform JSON export (repeat for several): az graph query, az consumption budget list, az lock list, az monitor metrics list, a gpuops inventory export bundle, terraform show -json', collect)
    .option('--terraform-dir <dir>', 'a directory of Terraform .tf files (e.g. the --out of gpuops provision), read as HCL before apply')
    .option('--sample', 'a fictional estate shipped with gpuops (no Azure account needed)')
    .option('--live', 'read Azure: Resource Graph, budgets, locks and Azure Monitor metrics (DefaultAzureCredential)')
    .option('--subscription <id>', 'subscription to read live (repeat for several; default: AZURE_SUBSCRIPTION_ID, then the az CLI default)', collect)
    .addOption(new Option('--metrics-hours <h>', 'live: hours of utilisation metrics to read').default(72).argParser(hoursFlag));
}

function hoursFlag(value: string): number {
  const h = numberFlag('--metrics-hours')(value);
  // Azure Monitor keeps platform metrics for 93 days.
  if (h < 1 || h > 24 * 93) throw new InputError(`--metrics-hours "${value}" is not valid: expected hours from 1 to ${24 * 93}`);
  return h;
}

function version(): string {
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}

/** `gpuops audit`: GPU sprawl, idle GPUs, exposed inference endpoints, missing guardrails. */
export const auditCommand: CommandSpec<AuditOptions> = {
  name: 'audit',
  summary: 'audit an Azure estate for idle or expired GPUs, missing tags/auto-shutdown/budgets/locks, and exposed AI endpoints',
  examples: [
    'gpuops audit --sample',
    'gpuops audit --from resources.json --from budgets.json --from locks.json --fail-on high',
    'gpuops audit --from plan.json -o sarif > gpuops.sarif',
    'gpuops audit --terraform-dir ./infra',
    'gpuops audit --live --subscription 00000000-0000-0000-0000-000000000000 -o markdown',
    'gpuops audit --list-rules',
  ],
  options: (cmd) => {
    inventoryOptions(cmd);
    cmd
      .option('--config <file>', 'gpuops.yaml: required tags, thresholds, allowed sizes, severities, waivers (default: ./gpuops.yaml if present)')
      .addOption(new Option('--fail-on <severity>', `exit 1 when a finding is at or above this severity: ${SEVERITIES.join('|')}`).argParser(choiceFlag('--fail-on', SEVERITIES)))
      .option('--list-rules', 'list the rules and exit');
  },
  async run(_args, opts, ctx): Promise<CommandResult> {
    const { RULES } = await import('../../guard/rules/index.js');
    if (opts.listRules) {
      const rows = RULES.map((r) => ({ id: r.id, severity: r.severity, appliesTo: r.appliesTo.join(', '), title: r.title }));
      return { data: rows };
    }
    if (opts.output === 'sarif' && opts.query) throw new InputError('--query selects from the JSON output and cannot be combined with -o sarif; use -o json with --query');
    const today = ctx.today ?? new Date().toISOString().slice(0, 10);
    const { readGuardConfig } = await import('../../guard/config-file.js');
    const { DEFAULT_CONFIG } = await import('../../guard/config.js');
    const configPath = opts.config ?? (existsSync('gpuops.yaml') ? 'gpuops.yaml' : undefined);
    const config = configPath ? await readGuardConfig(configPath) : DEFAULT_CONFIG;
    const { inventory, note } = await readInventory(opts, ctx, today);
    const { audit } = await import('../../guard/engine.js');
    const report = audit(inventory, config, { today });
    const notes = [
      ...(note ? [note] : []),
      ...(configPath ? [`config: ${configPath}`] : []),
      `read: ${inventory.sources.join('; ')}`,
      ...report.notes,
    ];
    if (report.unreadable.length > 0) notes.push(`${report.unreadable.length} input record(s) could not be read and were left out (listed in "unreadable")`);
    const failAt = opts.failOn ? SEVERITIES.indexOf(opts.failOn) : -1;
    const failed = failAt >= 0 && report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= failAt);
    const { auditTable, auditMarkdown, findingRows } = await import('../audit-views.js');
    const { toSarif } = await import('../../guard/sarif.js');
    return {
      data: report,
      table: (d) => auditTable(d as AuditReport),
      formats: {
        markdown: (d) => auditMarkdown(d as AuditReport),
        sarif: (d) => JSON.stringify(toSarif(d as AuditReport, RULES, version()), null, 2),
        csv: (d) => render('csv', findingRows(d as AuditReport)),
        tsv: (d) => render('tsv', findingRows(d as AuditReport)),
      },
      notes,
      exitCode: failed ? 1 : 0,
    };
  },
};
