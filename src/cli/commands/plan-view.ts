import type { Plan, PlanCandidate } from '../../model/workload-plan.js';
import { blockingReason } from '../../plan/candidates.js';
import { plainTable } from '../../render/index.js';

const usd = (n: number | null): string => (n === null ? '-' : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const yesNo = (b: boolean | null): string => (b === null ? '?' : b ? 'yes' : 'no');

function quotaCell(c: PlanCandidate): string {
  if (c.quota === null) return 'unknown';
  if (c.quota.deployable === true) return 'ok';
  if (c.quota.deployable === null) return 'unknown';
  const blocked = blockingReason(c);
  return blocked ? blocked.code : `short ${c.quota.shortfallVcpus} vCPUs`;
}

function requestLine(p: Plan): string {
  const r = p.request;
  const parts = [
    `${r.gpus} x ${r.gpu ?? 'any'} GPUs`, r.interconnect === 'any' ? null : r.interconnect,
    r.scratchGiB === null ? null : `${r.scratchGiB} GiB NVMe per VM`, r.purpose, r.hours === null ? null : `${r.hours} h`,
    r.spot ? 'Spot' : null, r.region, r.deadline ? `deadline ${r.deadline}` : null,
  ];
  return parts.filter(Boolean).join(', ');
}

function recommendation(p: Plan): string[] {
  const best = p.candidates.find((c) => p.recommended && c.sku === p.recommended.sku && c.region === p.recommended.region && c.count === p.recommended.count);
  if (!best) return ['Recommended: none (see warnings)'];
  const cost = best.totalCost === null ? '' : `, ${usd(best.totalCost)} USD for ${p.request.hours} h`;
  const lines = [`Recommended: ${best.count} x ${best.sku} in ${best.region} (${best.gpus} GPUs), ${usd(best.pricePerHour)} USD/h${cost}; quota: ${quotaCell(best)}`];
  for (const n of best.notes) lines.push(`  - ${n}`);
  if (best.quotaRequests.length > 0) {
    lines.push('', `Quota requests to file${p.fileQuotaBy ? ` by ${p.fileQuotaBy}` : ''}:`);
    best.quotaRequests.forEach((q, i) => {
      const body = best.quotaRequestBodies[i]!;
      lines.push(`  - ${q.name}: ${q.currentLimit ?? 'none'} -> ${q.newLimit}`, `    ${q.command}`, `    or PUT ${body.url}`, `       ${JSON.stringify(body.body)}`);
    });
  }
  return lines;
}

function guardrailLines(p: Plan): string[] {
  const g = p.guardrails;
  const t = g.tags;
  const l = g.checkpoints.lifecycle;
  return [
    'Guardrails:',
    `  tags        owner=${t.owner ?? '(unset)'} cost-center=${t['cost-center'] ?? '(unset)'} expires=${t.expires} workload=${t.workload}`,
    `  shutdown    daily at ${g.shutdown.time} ${g.shutdown.timezone} (${g.shutdown.note})`,
    `  budget      ${g.budget.amount === null ? 'amount unknown' : `${usd(g.budget.amount)} ${g.budget.currency}`}, a monthly budget (${g.budget.basis}); alerts at ${g.budget.thresholds.map((x) => `${x.percent}% ${x.type.toLowerCase()}`).join(', ')}`,
    `  checkpoints Blob container "${g.checkpoints.container}": cool after ${l.coolAfterDays} days, archive after ${l.archiveAfterDays}, delete after ${l.deleteAfterDays}`,
  ];
}

/** The plan for people; `-o yaml` is the file `gpuops provision --plan` reads. */
export function planText(p: Plan): string {
  const lines = [`Plan for: ${requestLine(p)}`];
  if (p.reading) {
    lines.push('Read the request as:');
    for (const r of p.reading) lines.push(`  "${r.text}" -> ${r.meaning}`);
  }
  lines.push('', ...recommendation(p), '');
  const shown = p.candidates.slice(0, 15);
  lines.push(`Candidates, best first (${p.candidates.length}${p.candidates.length > shown.length ? `, first ${shown.length} shown; -o json for all` : ''}):`);
  lines.push(plainTable(
    ['#', 'SKU', 'region', 'VMs', 'GPUs', 'NVLink', 'IB', 'NVMe GiB/VM', 'meets', 'quota', '$/h', 'total $'],
    shown.map((c, i) => [String(i + 1), c.sku, c.region, String(c.count), String(c.gpus), yesNo(c.nvlink), yesNo(c.infiniband),
      c.nvmeGiBPerVm === null ? '?' : String(Math.round(c.nvmeGiBPerVm)), yesNo(c.meetsRequirements), quotaCell(c), usd(c.pricePerHour), usd(c.totalCost)]),
  ));
  if (p.warnings.length > 0) lines.push('', 'Warnings:', ...p.warnings.map((w) => `  - ${w}`));
  lines.push('', ...guardrailLines(p), `source: ${p.source}`);
  return lines.join('\n');
}
