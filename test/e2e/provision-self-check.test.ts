import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { INFERENCE, MONDAY, provision } from '../support/provision.js';

interface AuditJson {
  summary: { findings: Record<string, number>; gpuVms: number };
  findings: Array<{ ruleId: string; resourceName: string }>;
  unknown: unknown[];
}

/** `gpuops audit --terraform-dir DIR -o json` on a provisioned directory. */
async function auditDir(dir: string): Promise<AuditJson> {
  const r = await cli(['audit', '--terraform-dir', dir, '-o', 'json']);
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.code).toBe(0);
  return r.json<AuditJson>();
}

const ruleIds = (a: AuditJson) => [...new Set(a.findings.map((f) => f.ruleId))].sort();
const without = (args: string[], flag: string) => args.filter((a, i) => a !== flag && args[i - 1] !== flag);

describe('self-check: a default provision passes the guard rules, in provision and in audit --terraform-dir', () => {
  it.each([
    ['training', ['--blueprint', 'training', ...MONDAY]],
    ['training --scale-set', ['--blueprint', 'training', ...MONDAY, '--scale-set']],
    ['training on InfiniBand H100', ['--blueprint', 'training', ...MONDAY, '--sku', 'Standard_ND96isr_H100_v5', '--count', '2']],
    ['inference', ['--blueprint', 'inference', ...INFERENCE]],
    ['inference with GPU VMs', ['--blueprint', 'inference', ...INFERENCE, '--sku', 'Standard_NC40ads_H100_v5']],
    ['aks', ['--blueprint', 'aks', ...MONDAY]],
    ['aks --spot', ['--blueprint', 'aks', ...MONDAY, '--spot']],
  ])('%s: zero findings', async (_name, args) => {
    const { run, dir } = await provision([...args, '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.json<{ selfCheck: { rules: string[]; ok: boolean } }>().selfCheck).toMatchObject({ rules: [], ok: true });
    const audit = await auditDir(dir);
    expect(audit.findings).toEqual([]);
    expect(audit.unknown).toEqual([]);
  });

  it('the audit sees the GPU compute it should (8 VMs for the Monday request)', async () => {
    const { dir } = await provision(['--blueprint', 'training', ...MONDAY]);
    expect((await auditDir(dir)).summary.gpuVms).toBe(8);
  });

  // Each override turns off one guardrail; the audit then reports exactly that rule, on the GPU compute or the account.
  it.each([
    ['--allow-no-tags', 'training', [], 'GPU001'],
    ['--allow-no-shutdown', 'training', ['--shutdown'], 'GPU003'],
    ['--allow-no-shutdown', 'aks', ['--shutdown'], 'GPU003'],
    ['--allow-no-budget', 'training', ['--budget'], 'GPU005'],
    ['--allow-no-budget', 'aks', ['--budget'], 'GPU005'],
    ['--allow-no-lock', 'training', [], 'GPU012'],
    ['--allow-public-network', 'inference', [], 'AI001'],
    ['--allow-key-auth', 'inference', [], 'AI003'],
  ])('%s on %s: exactly %s', async (flag, blueprint, drop, rule) => {
    const base = blueprint === 'inference' ? INFERENCE : MONDAY;
    const args = drop.reduce((a, f) => without(a, f), base);
    const { run, dir } = await provision(['--blueprint', blueprint, ...args, flag, '-o', 'json']);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`override ${flag}:`);
    expect(run.json<{ selfCheck: { rules: string[] } }>().selfCheck.rules).toEqual([rule]);
    expect(ruleIds(await auditDir(dir))).toEqual([rule]);
  });

  it('the README of the output names each override that is in effect', async () => {
    const { files } = await provision(['--blueprint', 'inference', ...INFERENCE, '--allow-key-auth']);
    expect(files['README.md']).toMatch(/- OFF: key \(local\) auth disabled .*turned off with `--allow-key-auth` \(gpuops audit reports AI003\)/);
    expect(files['main.tf']).toMatch(/# Overrides: --allow-key-auth\n/);
    expect(files['main.tf']).toMatch(/local_auth_enabled\s+= true/);
  });
});
