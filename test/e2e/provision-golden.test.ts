import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { INFERENCE, MONDAY, provision, readTree } from '../support/provision.js';

// A change to the generated IaC must be a deliberate golden update: UPDATE_GOLDEN=1 npx vitest run test/e2e/provision-golden.test.ts
const CASES: Array<[string, string[]]> = [
  ['training-terraform', ['--blueprint', 'training', ...MONDAY, '--hours', '48']],
  ['training-bicep', ['--blueprint', 'training', ...MONDAY, '--hours', '48', '--format', 'bicep']],
  ['inference-terraform', ['--blueprint', 'inference', ...INFERENCE]],
  ['inference-bicep', ['--blueprint', 'inference', ...INFERENCE, '--format', 'bicep']],
];

describe('provision golden files', () => {
  it.each(CASES)('%s matches its golden directory byte for byte', async (name, args) => {
    const { run, files } = await provision(args);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    const golden = fixture('provision', 'golden', name);
    if (process.env.UPDATE_GOLDEN) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(golden, path, '..'), { recursive: true });
        writeFileSync(join(golden, path), text);
      }
    }
    expect(existsSync(golden), `no golden directory ${name}; run with UPDATE_GOLDEN=1 once`).toBe(true);
    expect(files).toEqual(readTree(golden));
  });

  it('same input, same bytes: two runs write identical directories', async () => {
    const a = await provision(['--blueprint', 'training', ...MONDAY]);
    const b = await provision(['--blueprint', 'training', ...MONDAY]);
    expect(a.files).toEqual(b.files);
    expect(Object.keys(a.files).length).toBeGreaterThan(3);
    expect(readFileSync(join(a.dir, 'main.tf'), 'utf8')).toBe(b.files['main.tf']);
  });
});
