import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Offline start-up must stay under 300 ms: no module in src/azure may load an @azure/* package eagerly.
describe('src/azure imports', () => {
  const dir = new URL('../../src/azure/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s imports @azure/* only as types or dynamically', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8');
    const eager = source.split('\n').filter((line) => /^\s*(import|export)\b(?!\s+type\b).*from\s+['"]@azure\//.test(line));
    expect(eager).toEqual([]);
  });
});
