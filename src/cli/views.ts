import type { QuotaUsage } from '../model/quota.js';
import { oneGpuOrLess, type VmSku } from '../model/sku.js';
import type { SourceInfo } from '../model/source.js';
import type { DeployAnswer } from '../recon/can-deploy.js';
import type { ReconReport } from '../recon/report.js';
import { totalVram } from '../recon/skus.js';
import { cell, plainTable } from '../render/index.js';

/** "source: …" footer of table views. */
export function sourceLine(info: SourceInfo): string {
  const when = info.kind === 'catalog' ? `facts read ${info.asOf}` : `read ${info.asOf}`;
  return `source: ${info.detail}, ${when}`;
}

function num(v: number | null | undefined, digits = 0): string {
  if (v === null) return 'unknown';
  if (v === undefined) return '';
  return digits > 0 ? v.toFixed(digits) : String(Math.round(v * 100) / 100);
}

/** "4 x A100-80GB-PCIe", "1/6 x A10", "? x V710". */
export function gpuLabel(s: VmSku): string {
  const count = s.gpu.fraction ?? (s.gpu.count === null ? '?' : String(s.gpu.count));
  return `${count} x ${s.gpu.model ?? 'unknown'}`;
}

function availability(s: VmSku, today: string | undefined): string {
  if (s.retirement && today && s.retirement <= today) return `no: retired ${s.retirement}`;
  if (s.available === false) return `no: ${s.restrictions.map((r) => r.reason).join(', ')}`;
  const zoneLimits = s.restrictions.filter((r) => r.type === 'Zone');
  if (s.available === null) return 'unknown (offline)';
  if (zoneLimits.length > 0) return `yes, not zones ${zoneLimits.flatMap((r) => r.zones ?? []).join(',')}`;
  return 'yes';
}

/** NVLink is a per-VM fact: a VM with one GPU (or a slice of one) has no peer to link to. */
function nvlinkCell(s: VmSku): string {
  if (s.nvlink === false && oneGpuOrLess(s.gpu)) return 'n/a, 1 GPU';
  return cell(s.nvlink);
}

/** Table of `gpuops skus`. */
export function skusTable(skus: readonly VmSku[], region: string, today?: string): string {
  if (skus.length === 0) return `no GPU sizes match in ${region}`;
  const perRegion = region === 'all regions';
  const head = ['SKU', 'GPUs', 'VRAM GiB', 'vCPUs', 'RAM GiB', 'NVMe GiB', 'IB', 'NVLink', perRegion ? '$/h (needs --region)' : `$/h ${region}`, 'spot $/h', 'available'];
  const rows = skus.map((s) => [
    s.name, gpuLabel(s), num(totalVram(s)), num(s.vcpus), num(s.memoryGiB), s.nvmeGiB === null ? '-' : String(Math.round(s.nvmeGiB)),
    cell(s.infiniband), nvlinkCell(s), s.price ? s.price.paygPerHour.toFixed(3) : perRegion ? '-' : 'unknown',
    s.price?.spotPerHour !== undefined ? s.price.spotPerHour.toFixed(3) : '-', availability(s, today),
  ]);
  return plainTable(head, rows);
}

/** Table of `gpuops quota`. */
export function quotaTable(rows: readonly (Omit<QuotaUsage, 'used' | 'limit' | 'available'> & { used: number | null; limit: number | null; available: number | null })[]): string {
  if (rows.length === 0) return 'no GPU quota families found';
  return plainTable(['quota family', 'name', 'used', 'limit', 'available'], rows.map((u) => [u.family, u.name, cell(u.used), cell(u.limit), cell(u.available)]));
}

/** Human answer of `gpuops can-deploy`. */
export function deployText(a: DeployAnswer): string {
  const what = `${a.count} x ${a.sku}${a.spot ? ' (Spot)' : ''} in ${a.region}${a.zone ? ` zone ${a.zone}` : ''}`;
  const head =
    a.deployable === true ? `YES: ${what} can be deployed now (${a.vcpusNeeded} vCPUs).`
      : a.deployable === false ? `NO: ${what} cannot be deployed now${a.vcpusNeeded !== null ? ` (${a.vcpusNeeded} vCPUs needed)` : ''}.`
        : `UNKNOWN: whether ${what} can be deployed cannot be told from this source.`;
  const lines = [head];
  if (a.family) lines.push(`  family quota   ${a.family.id}: ${a.family.used} used / ${a.family.limit} limit, ${a.family.available} free`);
  if (a.regional) lines.push(`  regional quota ${a.regional.id}: ${a.regional.used} used / ${a.regional.limit} limit, ${a.regional.available} free`);
  if (a.reasons.length > 0) lines.push('', 'Why:', ...a.reasons.map((r) => `  - [${r.code}] ${r.message}`));
  if (a.quotaRequests.length > 0) {
    lines.push('', `What to do: file these quota requests now; they take ${a.leadTime}.`);
    for (const q of a.quotaRequests) {
      const from = q.currentLimit === null ? 'no entry in the usage data' : String(q.currentLimit);
      lines.push(`  - ${q.name || q.quota}${q.resourceType === 'lowPriority' ? ' (Spot)' : ''}: ${from} -> ${q.newLimit}`, `    ${q.command}`);
    }
    lines.push('  (or Azure portal > Quotas > Compute; az quota needs the quota extension: az extension add --name quota)');
  }
  return lines.join('\n');
}

function skuList(rows: { sku: string; gpus: number | null; gpu: string | null }[]): string {
  return rows.length === 0 ? '  (none)' : rows.map((r) => `  - ${r.sku}: ${r.gpus === null ? '?' : r.gpus} x ${r.gpu ?? 'unknown'}`).join('\n');
}

/** Human report of `gpuops recon`. */
export function reconText(r: ReconReport): string {
  const quotas = r.quotas === null
    ? '  unknown (offline: run with Azure credentials or --usage-file)'
    : r.quotas.map((q) => `  - ${q.family} (${q.name}): ${q.used}/${q.limit} used, ${q.available} free`).join('\n') || '  (no GPU families in the usage data)';
  const single = r.singleA100;
  const verdict = single.deployable === true ? 'yes' : single.deployable === false ? 'no' : 'unknown';
  return [
    `GPU recon for ${r.region}`,
    sourceLine(r.source),
    '',
    '1. Which sizes carry T4s?', skuList(r.t4Skus),
    '2. Which sizes carry A100s?', skuList(r.a100Skus),
    '3. Smallest and largest GPU size by vCPUs?',
    r.vcpuRange ? `  smallest ${r.vcpuRange.min.sku} (${r.vcpuRange.min.vcpus} vCPUs), largest ${r.vcpuRange.max.sku} (${r.vcpuRange.max.vcpus} vCPUs)` : '  (no GPU sizes)',
    '4. NC/ND/NV family quotas?', quotas,
    `5. Can one A100 VM be deployed today? ${verdict}${single.sku ? ` (${single.sku})` : ''}`,
    ...single.reasons.map((x) => `  - [${x.code}] ${x.message}`),
    '6. How many GPUs per VM do the ND sizes offer?', skuList(r.ndGpusPerVm),
    ...(r.restricted.length > 0 ? ['', 'Exist here but restricted for this subscription:', ...r.restricted.map((x) => `  - ${x.sku}: ${x.reason}`)] : []),
  ].join('\n');
}
