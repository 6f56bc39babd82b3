import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../support/cli.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

function shown(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  expect(start, `README has no block for "$ ${command}"`).toBeGreaterThan(-1);
  const body = readme.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('```'));
}

describe('README observe examples match what the CLI prints', () => {
  it('gpuops bench compare (two recorded results in test/fixtures/observe)', async () => {
    const r = await cli(['bench', 'compare', fixture('observe', 'bench-c1.json'), fixture('observe', 'bench-c8.json')]);
    expect(r.code).toBe(0);
    expect(shown('gpuops bench compare bench-c1.json bench-c8.json')).toBe(r.stdout);
  });

  it('every bench and mock-llm flag the README names exists', async () => {
    const start = readme.indexOf('## The observe job: `gpuops bench`');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
    const flags = new Set([...section.matchAll(/`(--[a-z][a-z-]*)/g)].map((m) => m[1]!));
    const help = (await cli(['bench', '--help'])).stdout + (await cli(['mock-llm', '--help'])).stdout;
    expect([...flags].filter((f) => !help.includes(f))).toEqual([]);
    expect(flags.size).toBeGreaterThan(25);
  });
});
