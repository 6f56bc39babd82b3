import type { AuditReport, Severity } from '../model/finding.js';
import type { AnyRule } from './rule.js';

// SARIF 2.1.0 for code scanning. A finding has no file and line (it is about a cloud resource), so its
// location is logical: the resource id, with the Terraform address where the resource came from a plan.

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads `security-severity` (0-10) to rank alerts.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** The audit as a SARIF 2.1.0 log with one run; every rule is listed, whether or not it found anything. */
export function toSarif(report: AuditReport, rules: readonly AnyRule[], version: string): Record<string, unknown> {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'gpuops',
          version,
          informationUri: 'https://www.npmjs.com/package/gpuops',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
            shortDescription: { text: r.title },
            fullDescription: { text: r.rationale },
            help: {
              text: `${r.rationale}\n\n${r.semantics.join('\n')}\n\nFix (az): ${r.remediation.az}\n\nFix (Terraform):\n${r.remediation.terraform}`,
              markdown: `${r.rationale}\n\n${r.semantics.map((s) => `- ${s}`).join('\n')}\n\n**az**\n\n\`\`\`sh\n${r.remediation.az}\n\`\`\`\n\n**Terraform**\n\n\`\`\`hcl\n${r.remediation.terraform}\n\`\`\``,
            },
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { tags: ['azure', r.id.startsWith('GPU') ? 'gpu' : r.id.startsWith('AI') ? 'ai' : r.id.startsWith('ML') ? 'ml' : 'storage'], 'security-severity': SECURITY_SEVERITY[r.severity], xref: r.xref },
          })),
        },
      },
      invocations: [{ executionSuccessful: true }],
      results: report.findings.map((f) => ({
        ruleId: f.ruleId,
        ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ logicalLocations: [{ fullyQualifiedName: f.resourceId, name: f.resourceName, kind: 'resource' }] }],
        partialFingerprints: { 'gpuopsResource/v1': `${f.ruleId}:${f.resourceId.toLowerCase()}` },
        properties: {
          severity: f.severity, resourceType: f.resourceType, evidence: f.evidence, remediation: f.remediation,
          ...(f.monthlyCost !== undefined ? { monthlyCost: f.monthlyCost } : {}),
        },
      })),
    }],
  };
}
