import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

/** Fixture path inside the project. */
export const fixture = (...parts: string[]) => join(import.meta.dirname, '..', 'fixtures', ...parts);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: <T = unknown>() => T;
}

// An empty az config dir: tests never pick up a developer's `az login`.
const emptyAzureDir = mkdtempSync(join(tmpdir(), 'gpuops-test-az-'));

/** Run the CLI in-process with no Azure configuration unless the test gives some. */
export async function cli(argv: string[], ctx: Partial<CliContext> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env: { AZURE_CONFIG_DIR: emptyAzureDir, ...(ctx.env ?? {}) },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: '2026-11-27',
    ...Object.fromEntries(Object.entries(ctx).filter(([k]) => k !== 'env')),
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
