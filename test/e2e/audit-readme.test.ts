import { describe, expect, it } from 'vitest';
import { readme, shown } from '../support/readme.js';
import { CATALOGUE_END, CATALOGUE_START, ruleCatalogueMarkdown } from '../../src/guard/catalogue.js';
import { RULES } from '../../src/guard/rules/index.js';
import { cli } from '../support/cli.js';

describe('README guard section', () => {
  it('the rule catalogue is the one generated from the rules (run `npm run docs:rules` after changing a rule)', () => {
    const start = readme.indexOf(CATALOGUE_START);
    const end = readme.indexOf(CATALOGUE_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + CATALOGUE_START.length, end).trim()).toBe(ruleCatalogueMarkdown(RULES).trim());
    for (const r of RULES) expect(readme).toContain(`#### ${r.id}\n`);
  });
  it('gpuops audit --sample shows what the CLI prints', async () => {
    const r = await cli(['audit', '--sample']);
    expect(shown('gpuops audit --sample')).toBe(r.stderr + r.stdout);
  });
});
