import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model/finding.js';
import { cli, fixture } from '../support/cli.js';

const pairs = (r: AuditReport) => r.findings.map((f) => `${f.ruleId} ${f.resourceName}`).sort();
const contoso = readdirSync(fixture('guard', 'contoso')).map((f) => fixture('guard', 'contoso', f));
const tf = (f: string) => fixture('guard', 'terraform', f);

// What the sample estate plants (see its header comment); every other resource in it is compliant.
const PLANTED = [
  'AI001 oai-chat-prod', 'AI002 oai-chat-prod', 'AI003 oai-chat-prod',
  'GPU001 viz-a10', 'GPU002 notebook-a100',
  'GPU003 gpufixed', 'GPU003 nd-weekend-01', 'GPU003 nd-weekend-02', 'GPU003 nd-weekend-03', 'GPU003 nd-weekend-04',
  'GPU005 finetune-llama', 'GPU005 notebook-a100', 'GPU005 stopped-t4', 'GPU005 viz-a10',
  'GPU006 inference-monthly',
  'GPU007 nd-weekend-01', 'GPU007 nd-weekend-02', 'GPU007 nd-weekend-03', 'GPU007 nd-weekend-04',
  'GPU008 stopped-t4', 'GPU009 viz-a10', 'GPU010 viz-a10', 'GPU012 finetune-llama',
  'ML001 mlw-research', 'ML002 mlw-research', 'ML003 chat-endpoint', 'ML004 gpu-cluster',
  'STG001 stckptresearch', 'STG002 stckptresearch',
].sort();

describe('gpuops audit --sample', () => {
  it('finds every planted problem and nothing on the compliant resources', async () => {
    const r = await cli(['audit', '--sample', '-o', 'json']);
    expect(r.code).toBe(0);
    const report = r.json<AuditReport>();
    expect(pairs(report)).toEqual(PLANTED);
    expect(report.unknown).toEqual([]);
    expect(report.summary).toMatchObject({ gpuVms: 10, gpuPools: 3, unreadable: 0, findings: { critical: 4, high: 21, medium: 3, low: 1 } });
    expect(r.stderr).toContain('note: sample: a fictional estate');
  });

  it('prices the waste from the catalog: idle H100s, the expired A100 and the stopped T4, each once', async () => {
    const report = (await cli(['audit', '--sample', '-o', 'json'])).json<AuditReport>();
    // Independent figures: eastus ND96isr_H100_v5 $98.32/h, eastus2 NC24ads_A100_v4 $3.673/h, NC4as_T4_v3 $0.526/h (catalog 2026-06-18).
    const expected = Math.round((4 * 98.32 + 3.673 + 0.526) * 730 * 100) / 100;
    expect(report.summary.estimatedMonthlyWaste).toBeCloseTo(expected, 1);
    const idle = report.findings.find((f) => f.ruleId === 'GPU007')!;
    expect(idle.monthlyCost).toBeCloseTo(98.32 * 730, 1);
    expect(idle.evidence).toMatchObject({ basis: 'gpu', metric: 'DCGM_FI_DEV_GPU_UTIL', windowHours: 59 });
    expect(idle.evidence.costOverWindow).toBeCloseTo(98.32 * 59, 1);
  });

  it('the same estate as az export files gives the same findings', async () => {
    const args = contoso.flatMap((f) => ['--from', f]);
    const r = await cli(['audit', ...args, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(pairs(r.json<AuditReport>())).toEqual(PLANTED);
  });

  it('--fail-on sets exit 1 only when a finding is at or above the severity', async () => {
    expect((await cli(['audit', '--sample', '--fail-on', 'critical', '-o', 'json'])).code).toBe(1);
    const plan = await cli(['audit', '--from', tf('estate.plan.json'), '--fail-on', 'critical', '-o', 'json']);
    expect(plan.code).toBe(0);
    expect((await cli(['audit', '--from', tf('estate.plan.json'), '--fail-on', 'HIGH', '-o', 'json'])).code).toBe(1);
  });

  it('shows the waste on top and groups by severity in the table', async () => {
    const r = await cli(['audit', '--sample']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Estimated monthly waste: \$\d{3},\d{3}\.\d{2}$/);
    const order = ['CRITICAL (4)', 'HIGH (21)', 'MEDIUM (3)', 'LOW (1)'].map((h) => lines.indexOf(h));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
  });

  it('-o markdown is a ticket with a fix per rule; -o csv has one row per finding', async () => {
    const md = (await cli(['audit', '--sample', '-o', 'markdown'])).stdout;
    expect(md.startsWith('# GPU estate audit\n')).toBe(true);
    expect(md).toContain('### GPU010\n\n```sh\naz network nsg rule update');
    const csv = (await cli(['audit', '--sample', '-o', 'csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe('ruleId,severity,resourceName,resourceId,resourceType,message,monthlyCost');
    expect(csv).toHaveLength(PLANTED.length + 1);
  });
});

describe('the same estate as Resource Graph output and as a Terraform plan', () => {
  const graph = ['estate.graph.json', 'estate.budgets.json', 'estate.locks.json', 'estate.management-policy.json'].flatMap((f) => ['--from', tf(f)]);
  it('gives the same findings where both carry the facts', async () => {
    const fromGraph = (await cli(['audit', ...graph, '-o', 'json'])).json<AuditReport>();
    const fromPlan = (await cli(['audit', '--from', tf('estate.plan.json'), '-o', 'json'])).json<AuditReport>();
    const expected = [
      'AI001 oai-public', 'AI002 oai-public', 'AI003 oai-public', 'GPU001 vm-train', 'GPU003 vm-train', 'GPU006 budget-gpu',
      'GPU009 vm-train', 'GPU010 vm-train', 'ML004 gpu-cluster',
    ];
    expect(pairs(fromGraph)).toEqual(expected);
    expect(pairs(fromPlan)).toEqual(expected);
    // A plan knows no power state: nothing about idleness is claimed from it, not even "unknown".
    expect(fromPlan.unknown).toEqual([]);
    expect(fromGraph.unknown.map((u) => u.ruleId)).toEqual(['GPU007', 'GPU007']);
  });
  it('resolves unknown-until-apply ids through configuration references, into child modules', async () => {
    const plan = (await cli(['audit', '--from', tf('estate.plan.json'), '-o', 'json'])).json<AuditReport>();
    const pip = plan.findings.find((f) => f.ruleId === 'GPU009')!;
    expect(pip.resourceId).toBe('terraform:azurerm_linux_virtual_machine.train');
    expect(pip.evidence).toEqual({ nicIds: ['terraform:azurerm_network_interface.train'], publicIpIds: ['terraform:azurerm_public_ip.train'] });
    const ssh = plan.findings.find((f) => f.ruleId === 'GPU010')!;
    expect(ssh.evidence).toMatchObject({ nsgIds: ['terraform:azurerm_network_security_group.open'], rules: ['ssh-any'], subnetId: 'terraform:azurerm_subnet.gpu' });
  });
  it('inventory export writes a bundle that audits the same', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'gpuops-guard-'));
    try {
      const out = join(dir, 'estate.json');
      const w = await cli(['inventory', 'export', ...graph, '--out', out, '-o', 'json']);
      expect(w.code).toBe(0);
      // 15 Resource Graph rows, 2 subnets inside the VNet row, a budget, a lock, a lifecycle policy.
      expect(w.json()).toMatchObject({ out, resources: 20, unreadable: 0 });
      const again = (await cli(['audit', '--from', out, '-o', 'json'])).json<AuditReport>();
      expect(pairs(again)).toEqual(pairs((await cli(['audit', ...graph, '-o', 'json'])).json<AuditReport>()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
