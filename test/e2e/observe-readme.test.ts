import { describe, expect, it } from 'vitest';
import { readme, shown } from '../support/readme.js';
import { cli, fixture } from '../support/cli.js';

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
