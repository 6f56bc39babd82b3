import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/provision.js';

function dirWith(files: Record<string, string>): string {
  const d = join(tempDir(), 'tf');
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

describe('gpuops audit --terraform-dir: bad input exits 2 naming it', () => {
  it.each([
    ['a directory that does not exist', () => join(tempDir(), 'nope'), /--terraform-dir .*nope cannot be read: ENOENT/],
    ['a directory with no .tf files', () => dirWith({ 'notes.txt': 'x' }), /--terraform-dir .* has no \.tf files/],
    ['a file, not a directory', () => { const d = dirWith({ 'main.tf': '' }); return join(d, 'main.tf'); }, /--terraform-dir .*main\.tf is a file; expected a directory/],
    ['a directory named like a .tf file', () => { const d = dirWith({ 'main.tf': '' }); mkdirSync(join(d, 'old.tf')); return d; }, /--terraform-dir .*: old\.tf cannot be read: EISDIR/],
    ['invalid HCL', () => dirWith({ 'main.tf': 'resource "azurerm_resource_group" "x" {\n  name = \n' }), /main\.tf is not valid HCL/],
  ])('%s', async (_name, make, message) => {
    const r = await cli(['audit', '--terraform-dir', make()]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });

  it('with --sample: two sources, exit 2', async () => {
    const r = await cli(['audit', '--terraform-dir', dirWith({ 'main.tf': '' }), '--sample']);
    expect(r.stderr).toMatch(/different sources/);
    expect(r.code).toBe(2);
  });

  it('reports a count it cannot resolve as unreadable and goes on', async () => {
    const d = dirWith({ 'main.tf': 'resource "azurerm_linux_virtual_machine" "gpu" {\n  count = length(var.names)\n  name  = "vm"\n  size  = "Standard_NC24ads_A100_v4"\n}\n' });
    const r = await cli(['audit', '--terraform-dir', d, '-o', 'json']);
    expect(r.code).toBe(0);
    const report = r.json<{ unreadable: Array<{ reason: string }>; summary: { gpuVms: number } }>();
    expect(report.unreadable.map((u) => u.reason)).toEqual(['count could not be resolved before apply; read as one instance']);
    expect(report.summary.gpuVms).toBe(1);
  });
});
