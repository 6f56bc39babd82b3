import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { MONDAY, provision, tempDir } from '../support/provision.js';

// --plan reads `gpuops plan -o yaml` output (fixture in DESIGN.md's plan shape); flags override it.
describe('provision --plan', () => {
  it('a plan file gives the same stack as the Monday-morning flags', async () => {
    const fromPlan = await provision(['--plan', fixture('provision', 'plan.yaml'), '--name', 'ft-llama']);
    const fromFlags = await provision(['--blueprint', 'training', ...MONDAY, '--hours', '48']);
    expect(fromPlan.run.stderr).not.toMatch(/^error/m);
    expect(fromPlan.run.code).toBe(0);
    expect(fromPlan.files).toEqual(fromFlags.files);
  });

  it('flags override the plan', async () => {
    const { run, files } = await provision(['--plan', fixture('provision', 'plan.yaml'), '--name', 'ft-llama', '--count', '2', '--budget', '800', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.json<{ count: number }>().count).toBe(2);
    expect(files['variables.tf']).toMatch(/variable "vm_count" \{[^}]*default\s+= 2\n/);
    expect(files['variables.tf']).toMatch(/variable "budget_amount" \{[^}]*default\s+= 800\n/);
  });

  it.each([
    ['not YAML', 'request: [unclosed', /--plan .* is not valid YAML or JSON/],
    ['empty', '', /--plan .* is empty/],
    ['no region', 'request:\n  gpus: 8\ncandidates: []\n', /--plan .*: field request\.region is not valid/],
    ['a negative count', 'request:\n  region: eastus2\ncandidates:\n  - sku: Standard_NC24ads_A100_v4\n    count: -1\n', /field candidates\.0\.count is not valid/],
    ['no candidates', 'request:\n  region: eastus2\ncandidates: []\n', /has no recommended size and no candidates/],
    ['a budget that is a string', 'request:\n  region: eastus2\ncandidates:\n  - sku: Standard_NC24ads_A100_v4\n    count: 1\nguardrails:\n  budget: lots\n', /field guardrails\.budget is not valid/],
  ])('a plan file that is %s: exit 2 naming the field', async (_name, text, message) => {
    const file = join(tempDir(), 'plan.yaml');
    writeFileSync(file, text);
    const { run } = await provision(['--plan', file, '--blueprint', 'training', '--name', 'x-plan', '--owner', 'a@example.com', '--cost-center', 'c', '--expires', '2026-12-31', '--budget', '10']);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });

  it('a missing plan file: exit 2 naming it', async () => {
    const { run } = await provision(['--plan', join(tempDir(), 'nope.yaml'), '--name', 'x-plan']);
    expect(run.stderr).toMatch(/--plan .*nope\.yaml cannot be read: ENOENT/);
    expect(run.code).toBe(2);
  });
});
