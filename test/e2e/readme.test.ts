import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

// The README shows real output; this keeps it real.
const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The text of the README code block that starts with `$ <command>`. */
function shown(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  expect(start, `README has no block for "$ ${command}"`).toBeGreaterThan(-1);
  const body = readme.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('```'));
}

describe('README examples match what the CLI prints', () => {
  it('gpuops recon --region eastus2 (offline)', async () => {
    const r = await cli(['recon', '--region', 'eastus2']);
    expect(shown('gpuops recon --region eastus2')).toBe(r.stderr + r.stdout);
  });

  it('gpuops skus --region eastus2 --gpu a100 --sort price', async () => {
    const r = await cli(['skus', '--region', 'eastus2', '--gpu', 'a100', '--sort', 'price']);
    expect(shown('gpuops skus --region eastus2 --gpu a100 --sort price')).toBe(r.stdout);
  });

  it('gpuops explain tpm', async () => {
    const r = await cli(['explain', 'tpm']);
    expect(shown('gpuops explain tpm')).toBe(r.stdout);
  });
});
