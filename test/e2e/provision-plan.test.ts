import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { provision, tempDir } from '../support/provision.js';

// --plan reads `gpuops plan -o yaml`; test/fixtures/provision/plan.yaml was written by the plan command:
//   gpuops plan --gpus 8 --gpu a100 --purpose fine-tuning --hours 48 --region eastus2 --owner alice@example.com
//     --cost-center ml-research --shutdown-time 19:00 --timezone "W. Europe Standard Time"
//     --skus-file test/fixtures/eastus2/skus.az.json --usage-file test/fixtures/eastus2/usage.az.json -o yaml
const PLAN = fixture('provision', 'plan.yaml');
const planText = readFileSync(PLAN, 'utf8');

describe('provision --plan', () => {
  it('takes the recommended size, the hours and every guardrail from the plan', async () => {
    const { run, files } = await provision(['--plan', PLAN, '--name', 'ft-llama', '-o', 'json']);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    const data = run.json<{ blueprint: string; size: string; count: number; region: string; cost: { perRun: number | null } }>();
    expect(data).toMatchObject({ blueprint: 'training', size: 'Standard_NC96ads_A100_v4', count: 2, region: 'eastus2' });
    expect(data.cost.perRun).not.toBeNull();
    const vars = files['variables.tf']!;
    expect(vars).toMatch(/variable "budget_amount" \{[^}]*default\s+= 1411\n/);
    expect(vars).toMatch(/variable "expires" \{[^}]*default\s+= "2026-11-30"\n/);
    expect(vars).toMatch(/variable "shutdown_timezone" \{[^}]*default\s+= "W\. Europe Standard Time"\n/);
    expect(vars).toMatch(/variable "checkpoint_retention_days" \{[^}]*default\s+= 90\n/);
    expect(files['main.tf']).toMatch(/tier_to_cool_after_days_since_modification_greater_than\s+= 7\n/);
    expect(files['main.tf']).toMatch(/tier_to_archive_after_days_since_modification_greater_than\s+= 30\n/);
  });

  it('flags override the plan', async () => {
    const { run, files } = await provision(['--plan', PLAN, '--name', 'ft-llama', '--count', '1', '--budget', '800', '--checkpoint-days', '60', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.json<{ count: number }>().count).toBe(1);
    expect(files['variables.tf']).toMatch(/variable "vm_count" \{[^}]*default\s+= 1\n/);
    expect(files['variables.tf']).toMatch(/variable "budget_amount" \{[^}]*default\s+= 800\n/);
    expect(files['main.tf']).toMatch(/tier_to_cool_after_days_since_modification_greater_than\s+= 20\n/);
  });

  it.each([
    ['not YAML', 'request: [unclosed', /--plan .* is not valid YAML or JSON/],
    ['empty', '', /--plan .* is empty/],
    ['without its region', planText.replace(/\n {2}region: eastus2\n/, '\n'), /is not a gpuops plan file: request\.region/],
    ['a negative count', planText.replace(/\n {4}count: 2\n/, '\n    count: -2\n'), /is not a gpuops plan file: .*candidates\.0\.count/],
    ['a budget that is a string', planText.replace(/\n {4}amount: 1411\n/, '\n    amount: lots\n'), /is not a gpuops plan file: guardrails\.budget\.amount/],
    ['a lifecycle out of order', planText.replace(/coolAfterDays: 7/, 'coolAfterDays: 70'), /guardrails\.checkpoints\.lifecycle is not valid: expected coolAfterDays < archiveAfterDays < deleteAfterDays/],
  ])('a plan file that is %s: exit 2 naming the field', async (_name, text, message) => {
    const file = join(tempDir(), 'plan.yaml');
    writeFileSync(file, text);
    const { run } = await provision(['--plan', file, '--name', 'x-plan', '--expires', '2026-12-31']);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });

  it('a missing plan file: exit 2 naming it', async () => {
    const { run } = await provision(['--plan', join(tempDir(), 'nope.yaml'), '--name', 'x-plan']);
    expect(run.stderr).toMatch(/--plan .*nope\.yaml cannot be read: ENOENT/);
    expect(run.code).toBe(2);
  });
});
