import { withDefaults, type GuardConfigFile } from '../../src/guard/config.js';
import { audit } from '../../src/guard/engine.js';
import type { AuditReport } from '../../src/model/finding.js';
import type { Inventory } from '../../src/model/inventory.js';
import { TEST_CATALOG } from './inventory.js';

export const TODAY = '2026-11-27';

/** Audit with the test catalog and today pinned. */
export function run(inv: Inventory, config: GuardConfigFile = {}): AuditReport {
  return audit(inv, withDefaults(config), { today: TODAY, catalog: TEST_CATALOG });
}

/** Names of the resources a rule fails, sorted. */
export function failing(ruleId: string, inv: Inventory, config: GuardConfigFile = {}): string[] {
  return run(inv, config).findings.filter((f) => f.ruleId === ruleId).map((f) => f.resourceName).sort();
}

/** Names of the resources a rule could not decide on, sorted. */
export function undecided(ruleId: string, inv: Inventory, config: GuardConfigFile = {}): string[] {
  const names = new Map(inv.resources.map((r) => [r.id, r.name]));
  return run(inv, config).unknown.filter((u) => u.ruleId === ruleId).map((u) => names.get(u.resourceId)!).sort();
}
