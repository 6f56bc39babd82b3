import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startMockLlm } from '../../src/observe/mock/server.js';
import { cli } from '../support/cli.js';

// The README's "Monday-morning request, end to end": the jobs must meet. A plan file feeds provision,
// the IaC provision writes passes the guard rules when read back from disk, and mock-llm feeds bench.
const dir = mkdtempSync(join(tmpdir(), 'gpuops-monday-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = { today: '2026-11-27', now: '2026-11-27T10:00:00Z' };

describe('the Monday-morning request, end to end offline', () => {
  const planFile = join(dir, 'plan.yaml');
  const infra = join(dir, 'infra');

  it('plan reads the request in plain words and writes a plan file with a recommendation', async () => {
    const r = await cli(['plan', '8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday', '--region', 'eastus2', '-o', 'yaml'], ctx);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    writeFileSync(planFile, r.stdout);
    const plan = parse(r.stdout) as {
      request: { gpus: number; gpu: string; interconnect: string; deadline: string };
      recommended: { sku: string; count: number; region: string };
      candidates: { sku: string; gpus: number }[];
      fileQuotaBy: string;
    };
    expect(plan.request).toMatchObject({ gpus: 8, gpu: 'a100', interconnect: 'nvlink', deadline: '2026-12-02T09:00:00Z' });
    // NVLink across all 8 GPUs means one 8-GPU VM, never eight 1-GPU VMs.
    expect(plan.recommended.count).toBe(1);
    expect(plan.candidates[0]).toMatchObject({ sku: plan.recommended.sku, gpus: 8 });
    // 72 hours before the deadline.
    expect(plan.fileQuotaBy).toBe('2026-11-29T09:00:00Z');
  });

  it('provision --plan writes Terraform whose self-check and audit from disk both find nothing', async () => {
    const r = await cli(['provision', '--blueprint', 'training', '--plan', planFile, '--name', 'ft-llama', '--owner', 'alice@example.com',
      '--cost-center', 'ml-research', '--expires', '2026-12-31', '--format', 'terraform', '--out', infra], ctx);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(readdirSync(infra).sort()).toEqual(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
    const plan = parse(readFileSync(planFile, 'utf8')) as { recommended: { sku: string } };
    expect(readFileSync(join(infra, 'variables.tf'), 'utf8')).toContain(`"${plan.recommended.sku}"`);

    const audit = await cli(['audit', '--terraform-dir', infra, '-o', 'json'], ctx);
    expect(audit.code).toBe(0);
    const report = audit.json<{ summary: { gpuVms: number; findings: Record<string, number> }; findings: unknown[] }>();
    expect(report.summary.gpuVms).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it('the same IaC without auto-shutdown is caught by the guard rule for it, and only by it', async () => {
    const noShutdown = join(dir, 'infra-no-shutdown');
    const r = await cli(['provision', '--blueprint', 'training', '--plan', planFile, '--name', 'ft-llama', '--owner', 'alice@example.com',
      '--cost-center', 'ml-research', '--expires', '2026-12-31', '--format', 'terraform', '--allow-no-shutdown', '--out', noShutdown], ctx);
    expect(r.code).toBe(0);
    const audit = await cli(['audit', '--terraform-dir', noShutdown, '-o', 'json'], ctx);
    const ids = audit.json<{ findings: { ruleId: string }[] }>().findings.map((f) => f.ruleId);
    expect(ids).toEqual(['GPU003']);
  });

  it('alert rules are written, and bench measures TPM against mock-llm with the server\'s own counts', async () => {
    const rules = join(dir, 'rules.yaml');
    const a = await cli(['alerts', '--target', 'prometheus', '--tpm-limit', '300000', '--out', rules], ctx);
    expect(a.code).toBe(0);
    expect(readFileSync(rules, 'utf8')).toContain('record: gpuops:inference_tokens_per_minute');

    const mock = await startMockLlm({ ttftMs: 20, itlMs: 2, outputTokens: { fixed: 16 } });
    try {
      const b = await cli(['bench', `${mock.url}/v1`, '--concurrency', '4', '--requests', '12', '--input-tokens', '32', '--no-history', '-o', 'json'], ctx);
      expect(b.stderr).not.toMatch(/^error/m);
      expect(b.code).toBe(0);
      const run = b.json<{ requests: { ok: number }; promptTokens: number; outputTokens: number; tokenSource: { usage: number }; tokensPerMinute: number; durationS: number }>();
      expect(run.requests.ok).toBe(12);
      const served = mock.requests();
      // Token counts are the server's own (usage), not the client's estimate.
      expect(run.tokenSource.usage).toBe(12);
      expect(run.promptTokens).toBe(served.reduce((n, q) => n + q.promptTokens, 0));
      expect(run.outputTokens).toBe(12 * 16);
      // TPM is those tokens over the run's duration (durationS is printed rounded to 1 ms).
      const tpm = ((run.promptTokens + run.outputTokens) / run.durationS) * 60;
      expect(Math.abs(run.tokensPerMinute / tpm - 1)).toBeLessThan(0.005);
    } finally {
      await mock.close();
    }
  });
});
