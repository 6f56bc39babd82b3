import type { Remediation, Severity } from '../model/finding.js';
import type { InventoryResource, ResourceKind, ResourceOf } from '../model/inventory.js';
import type { GuardCatalog } from './catalog.js';
import type { GuardConfig } from './config.js';
import type { InventoryIndex } from './inventory-index.js';

/** A rule's verdict on one resource; `null` from `check` means the rule does not apply to it. */
export type CheckResult =
  | { outcome: 'pass' }
  | { outcome: 'unknown'; reason: string }
  | {
      outcome: 'fail';
      message: string;
      evidence?: Record<string, unknown>;
      /** USD per month; null when the resource's price is unknown. Only for rules with `waste: true`. */
      monthlyCost?: number | null;
    };

/** What a rule may consult besides the resource: indexes built once, the config, the catalog, the date. */
export interface RuleContext {
  index: InventoryIndex;
  config: GuardConfig;
  catalog: GuardCatalog;
  /** ISO date (YYYY-MM-DD) the audit treats as today. */
  today: string;
}

/** A rule: stable id, documentation, and a check over the resource kinds it declares. */
export interface Rule<K extends ResourceKind = ResourceKind> {
  id: string;
  title: string;
  severity: Severity;
  appliesTo: readonly K[];
  /** Run only on GPU compute (a size the catalog knows as carrying GPUs). */
  gpuOnly: boolean;
  /** Its `monthlyCost` counts toward `summary.estimatedMonthlyWaste`. */
  waste: boolean;
  rationale: string;
  /** What exactly passes, fails and is unknown, per resource kind; users rely on these. */
  semantics: string[];
  /** Related checks elsewhere (Checkov, Azure Policy, trivy). */
  xref: string[];
  /** `{name}`, `{resourceGroup}`, `{id}`, `{subscriptionId}` in `az` are filled in per finding. */
  remediation: Remediation;
  check(resource: ResourceOf<K>, ctx: RuleContext): CheckResult | null;
}

/** Define a rule (typed by the kinds it applies to). */
export function defineRule<K extends ResourceKind>(rule: Rule<K>): Rule<K> {
  return Object.freeze(rule);
}

export const pass: CheckResult = Object.freeze({ outcome: 'pass' });
export const unknown = (reason: string): CheckResult => ({ outcome: 'unknown', reason });

/** A rule as the engine holds it, whatever its kinds. */
export type AnyRule = Rule<ResourceKind> & { check(resource: InventoryResource, ctx: RuleContext): CheckResult | null };
