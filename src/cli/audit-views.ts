import { SEVERITIES, type AuditReport, type Finding } from '../model/finding.js';
import { plainTable } from '../render/index.js';

/** Most rows per severity in the table view. */
const TABLE_ROWS = 500;

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function headline(r: AuditReport): string[] {
  const s = r.summary;
  const counts = SEVERITIES.map((sev) => `${s.findings[sev]} ${sev}`).join(', ');
  return [
    `Estimated monthly waste: ${usd(s.estimatedMonthlyWaste)}${s.unpricedWaste > 0 ? ` (+ ${s.unpricedWaste} resource(s) with no price in the catalog)` : ''}`,
    `${s.resources} resources, ${s.gpuVms} GPU VMs, ${s.gpuPools} GPU pools; findings: ${counts}`,
  ];
}

function cost(f: Finding): string {
  return f.monthlyCost === undefined ? '' : f.monthlyCost === null ? 'price unknown' : `${usd(f.monthlyCost)}/mo`;
}

/** Table view: the waste on top, then findings grouped by severity, then what was skipped or undecided. */
export function auditTable(r: AuditReport): string {
  const lines = headline(r);
  for (const sev of SEVERITIES) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    lines.push('', `${sev.toUpperCase()} (${group.length})`);
    // A table is for people (and cli-table3 overflows the stack past ~100k rows): the JSON has them all.
    const shown = group.slice(0, TABLE_ROWS);
    lines.push(plainTable(['rule', 'resource', 'finding', 'cost'], shown.map((f) => [f.ruleId, f.resourceName, f.message, cost(f)])));
    if (group.length > shown.length) lines.push(`… and ${group.length - shown.length} more ${sev} finding(s): -o json, -o csv or --query list them all`);
  }
  if (r.findings.length === 0) lines.push('', 'No findings.');
  if (r.skipped.length > 0) lines.push('', `Skipped by waivers (${r.skipped.length}):`, ...r.skipped.slice(0, TABLE_ROWS).map((s) => `  - ${s.ruleId} ${s.resourceId}: ${s.waiver.reason} (until ${s.waiver.expires})`));
  if (r.unknown.length > 0) lines.push('', `Could not decide (${r.unknown.length}):`, ...r.unknown.slice(0, TABLE_ROWS).map((u) => `  - ${u.ruleId} ${u.resourceId}: ${u.reason}`));
  if (r.unreadable.length > 0) lines.push('', `Unreadable input (${r.unreadable.length}), left out of the audit:`, ...r.unreadable.slice(0, TABLE_ROWS).map((u) => `  - ${u.source}: ${u.id ?? '?'}: ${u.reason}`));
  lines.push('', 'Fix commands: -o json (remediation.az and remediation.terraform per finding); -o markdown for a ticket.');
  return lines.join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Markdown for a ticket: summary, one table per severity, then how to fix each rule once. */
export function auditMarkdown(r: AuditReport): string {
  const lines = ['# GPU estate audit', '', ...headline(r).map((l) => `- ${l}`)];
  for (const sev of SEVERITIES) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    lines.push('', `## ${sev[0]!.toUpperCase()}${sev.slice(1)} (${group.length})`, '', '| rule | resource | finding | monthly cost |', '|---|---|---|---|');
    for (const f of group) lines.push(`| ${f.ruleId} | \`${md(f.resourceName)}\` | ${md(f.message)} | ${cost(f)} |`);
  }
  const seen = new Map<string, Finding>();
  for (const f of r.findings) if (!seen.has(f.ruleId)) seen.set(f.ruleId, f);
  if (seen.size > 0) {
    lines.push('', '## How to fix');
    for (const [id, f] of seen) lines.push('', `### ${id}`, '', '```sh', f.remediation.az, '```', '', '```hcl', f.remediation.terraform, '```');
  }
  if (r.skipped.length > 0) lines.push('', '## Waived', '', ...r.skipped.map((s) => `- ${s.ruleId} \`${s.resourceId}\`: ${s.waiver.reason} (until ${s.waiver.expires})`));
  return lines.join('\n');
}

/** Rows for csv/tsv: one per finding. */
export function findingRows(r: AuditReport): Record<string, unknown>[] {
  return r.findings.map((f) => ({
    ruleId: f.ruleId, severity: f.severity, resourceName: f.resourceName, resourceId: f.resourceId, resourceType: f.resourceType,
    message: f.message, monthlyCost: f.monthlyCost ?? null,
  }));
}
