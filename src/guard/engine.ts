import { SEVERITIES, type AuditReport, type Finding, type Severity, type UndecidedCheck } from '../model/finding.js';
import type { GpuHost, Inventory, InventoryResource, ResourceKind } from '../model/inventory.js';
import { HOURS_PER_MONTH } from '../plan/cost.js';
import { embeddedCatalog, type GuardCatalog } from './catalog.js';
import { DEFAULT_CONFIG, type GuardConfig, type Waiver } from './config.js';
import { buildIndex } from './inventory-index.js';
import type { AnyRule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import { waiverFor } from './waivers.js';

/** Inputs of an audit besides the inventory; `today` pins time so the result is reproducible. */
export interface AuditOptions {
  today: string;
  catalog?: GuardCatalog;
  rules?: readonly AnyRule[];
}

function isGpuHostWith(catalog: GuardCatalog): (r: GpuHost) => boolean {
  return (r) => r.size !== null && catalog.isGpuSize(r.size);
}

/** The catalog with answers remembered per size (and region): an estate has a few sizes and a million resources. */
function memoized(catalog: GuardCatalog): GuardCatalog {
  const gpu = new Map<string, boolean>();
  const gpuOf = new Map<string, ReturnType<GuardCatalog['gpuOf']>>();
  const price = new Map<string, number | null>();
  const remember = <V>(map: Map<string, V>, key: string, get: () => V): V => {
    let v = map.get(key);
    if (v === undefined && !map.has(key)) map.set(key, (v = get()));
    return v as V;
  };
  return {
    isGpuSize: (size) => remember(gpu, size, () => catalog.isGpuSize(size)),
    gpuOf: (size) => remember(gpuOf, size, () => catalog.gpuOf(size)),
    hourlyPrice: (size, region) => remember(price, `${size}\u0000${region}`, () => catalog.hourlyPrice(size, region)),
    pricesAsOf: catalog.pricesAsOf,
  };
}

function fill(template: string, r: InventoryResource): string {
  return template
    .replaceAll('{name}', r.name)
    .replaceAll('{resourceGroup}', r.resourceGroup ?? '<resource-group>')
    .replaceAll('{subscriptionId}', r.subscriptionId ?? '<subscription-id>')
    .replaceAll('{id}', r.id);
}

/** Rules grouped by the kinds they apply to, so each resource meets only its own rules. */
function rulesByKind(rules: readonly AnyRule[], disabled: ReadonlySet<string>): Map<ResourceKind, AnyRule[]> {
  const map = new Map<ResourceKind, AnyRule[]>();
  for (const rule of rules) {
    if (disabled.has(rule.id)) continue;
    for (const kind of rule.appliesTo) map.set(kind, [...(map.get(kind) ?? []), rule]);
  }
  return map;
}

/**
 * Audit an inventory: one pass over its resources with indexes built once. Findings are sorted by
 * severity, then rule, then resource id; waived checks are listed as skipped, never dropped.
 */
export function audit(inventory: Inventory, config: GuardConfig = DEFAULT_CONFIG, options: AuditOptions): AuditReport {
  const catalog = memoized(options.catalog ?? embeddedCatalog());
  const rules = options.rules ?? (RULES as readonly AnyRule[]);
  const isGpu = isGpuHostWith(catalog);
  const index = buildIndex(inventory, isGpu);
  const ctx: RuleContext = { index, config, catalog, today: options.today };
  const byKind = rulesByKind(rules, new Set(config.disabled));
  const waivers = config.waivers.filter((w) => w.expires >= options.today);

  const findings: Finding[] = [];
  const skipped: AuditReport['skipped'] = [];
  const unknown: UndecidedCheck[] = [];
  const waste = new Map<string, number | null>();
  let gpuVms = 0;
  let gpuPools = 0;

  for (const r of inventory.resources) {
    if (index.duplicates.size > 0 && index.duplicates.has(r)) continue;
    const gpu = (r.kind === 'vm' || r.kind === 'vmss' || r.kind === 'nodePool') && isGpu(r);
    if (gpu) r.kind === 'vm' ? gpuVms++ : gpuPools++;
    for (const rule of byKind.get(r.kind) ?? []) {
      if (rule.gpuOnly && !gpu) continue;
      const result = rule.check(r, ctx);
      if (result === null || result.outcome === 'pass') continue;
      const where = { ruleId: rule.id, resourceId: r.id, resourceType: r.type };
      const waiver: Waiver | undefined = waiverFor(waivers, rule.id, r.id);
      if (waiver) {
        skipped.push({ ...where, reason: `waived: ${waiver.reason}`, waiver: { reason: waiver.reason, expires: waiver.expires } });
        continue;
      }
      if (result.outcome === 'unknown') {
        unknown.push({ ...where, reason: result.reason });
        continue;
      }
      const severity: Severity = config.severity[rule.id] ?? rule.severity;
      const finding: Finding = {
        ruleId: rule.id, severity, resourceId: r.id, resourceType: r.type, resourceName: r.name,
        message: result.message, evidence: result.evidence ?? {},
        remediation: { az: fill(rule.remediation.az, r), terraform: rule.remediation.terraform },
      };
      if (rule.waste) {
        finding.monthlyCost = result.monthlyCost ?? null;
        // One resource's waste counts once even when it is idle and expired at the same time.
        const prior = waste.get(r.id);
        waste.set(r.id, prior === undefined ? finding.monthlyCost : Math.max(prior ?? 0, finding.monthlyCost ?? 0) || null);
      }
      findings.push(finding);
    }
  }

  // Plain code-unit order: ids are ASCII, and localeCompare costs seconds over a few hundred thousand findings.
  const rank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  findings.sort((a, b) => rank[a.severity] - rank[b.severity] || cmp(a.ruleId, b.ruleId) || cmp(a.resourceId, b.resourceId));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const costs = [...waste.values()];
  const notes = [
    ...config.waivers.filter((w) => w.expires < options.today).map((w) => `waiver for ${w.rule} on ${w.resource} expired on ${w.expires} and no longer applies (${w.reason})`),
    ...(config.disabled.length > 0 ? [`rules disabled by the config: ${config.disabled.join(', ')}`] : []),
    `prices: Linux pay-as-you-go from the embedded catalog (read ${catalog.pricesAsOf}); monthly = hourly x ${HOURS_PER_MONTH} h`,
  ];
  return {
    summary: {
      resources: inventory.resources.length - index.duplicates.size,
      gpuVms,
      gpuPools,
      findings: counts,
      estimatedMonthlyWaste: Math.round(costs.reduce<number>((sum, c) => sum + (c ?? 0), 0) * 100) / 100,
      unpricedWaste: costs.filter((c) => c === null).length,
      skipped: skipped.length,
      unknown: unknown.length,
      unreadable: inventory.unreadable.length,
    },
    findings,
    skipped,
    unknown,
    unreadable: inventory.unreadable,
    notes,
  };
}
