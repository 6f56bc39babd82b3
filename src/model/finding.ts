/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How to fix a finding: an `az` command and a Terraform (azurerm) snippet. */
export interface Remediation {
  az: string;
  terraform: string;
}

/** A rule's verdict on one resource. Only the engine sets `skipped` (a waiver applies). */
export type Outcome = 'pass' | 'fail' | 'unknown' | 'skipped';

/** One failed check, as `gpuops audit -o json` prints it (the contract in the README). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  resourceId: string;
  resourceType: string;
  /** Resource name, for people. */
  resourceName: string;
  message: string;
  /** The facts the verdict rests on: related ids, values read, thresholds. */
  evidence: Record<string, unknown>;
  remediation: Remediation;
  /** USD per month this problem costs while it lasts (pay-as-you-go x 730 h); null when the price is unknown. */
  monthlyCost?: number | null;
}

/** A check that could not be decided (a value could not be read), or one a waiver skipped. */
export interface UndecidedCheck {
  ruleId: string;
  resourceId: string;
  resourceType: string;
  reason: string;
}

/** The result of `audit()`: the JSON contract of `gpuops audit -o json`. */
export interface AuditReport {
  summary: {
    resources: number;
    gpuVms: number;
    /** GPU scale sets and AKS node pools. */
    gpuPools: number;
    findings: Record<Severity, number>;
    /** Sum over idle, expired-but-allocated and stopped-but-allocated GPU compute (each resource once), USD. */
    estimatedMonthlyWaste: number;
    /** Resources whose waste could not be priced (not in the catalog's prices for their region). */
    unpricedWaste: number;
    skipped: number;
    unknown: number;
    unreadable: number;
  };
  findings: Finding[];
  /** Checks a waiver skipped (never hidden). */
  skipped: (UndecidedCheck & { waiver: { reason: string; expires: string } })[];
  /** Checks that could not be decided: a value could not be read. */
  unknown: UndecidedCheck[];
  /** Input a source could not read; the audit went on without it. */
  unreadable: { source: string; id: string | null; reason: string }[];
  /** Notes for people: expired waivers, sources read, price dates. */
  notes: string[];
}
