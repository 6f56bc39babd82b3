import { DEFAULT_CONFIG } from '../guard/config.js';
import { audit } from '../guard/engine.js';
import type { AuditReport } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { OVERRIDES, type Override } from './request.js';

/** The guard rules run over the generated resources before anything is written. */
export interface SelfCheck {
  /** Rule ids that fired, sorted. */
  rules: string[];
  /** Rule ids the overrides asked for (each override turns off one guardrail, which one rule reports). */
  expected: string[];
  /** Rules that fired though no override asked for them: a bug in the generator. */
  unexpected: string[];
  /** Overrides whose rule did not fire: a guardrail still in place though the flag turned it off. */
  missing: string[];
  findings: Array<{ ruleId: string; severity: string; resource: string; message: string }>;
  /** Checks that could not be decided on IaC (values known only after apply). */
  unknown: Array<{ ruleId: string; resource: string; reason: string }>;
  ok: boolean;
}

/**
 * The rule an override makes fire, if the stack has what the rule looks at: GPU rules need GPU compute,
 * and the lock rule looks only at compute tagged workload=training, so not when tags are off too.
 */
export function expectedRule(o: Override, overrides: readonly Override[], hasGpu: boolean): string | null {
  const rule: string = OVERRIDES[o].rule;
  if (rule.startsWith('GPU') && !hasGpu) return null;
  if (o === 'allow-no-lock' && overrides.includes('allow-no-tags')) return null;
  return rule;
}

/** Audit the generated stack's inventory with the default guard rules; findings must be exactly the overrides'. */
export function selfCheck(inventory: Inventory, overrides: readonly Override[], today: string, hasGpu: boolean): SelfCheck {
  const report: AuditReport = audit(inventory, DEFAULT_CONFIG, { today });
  const rules = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const expected = [...new Set(overrides.map((o) => expectedRule(o, overrides, hasGpu)).filter((r): r is string => r !== null))].sort();
  const unexpected = rules.filter((r) => !expected.includes(r));
  const missing = expected.filter((r) => !rules.includes(r));
  return {
    rules, expected, unexpected, missing,
    findings: report.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, resource: f.resourceName, message: f.message })),
    unknown: report.unknown.map((u) => ({ ruleId: u.ruleId, resource: u.resourceId, reason: u.reason })),
    ok: unexpected.length === 0 && missing.length === 0,
  };
}
