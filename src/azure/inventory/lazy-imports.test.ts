import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The CLI's cold start must not pay for the Azure SDKs: inventory sources load them only when --live runs.
describe('src/azure/inventory imports', () => {
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  it.each(files)('%s imports @azure/* only as types or dynamically', (file) => {
    const eager = readFileSync(new URL(file, dir), 'utf8').split('\n').filter((l) => /^\s*(import|export)\b(?!\s+type\b).*from\s+['"]@azure\//.test(l));
    expect(eager).toEqual([]);
  });
  it('live.ts does load the SDK clients dynamically (the check above has something to check)', () => {
    expect(readFileSync(new URL('live.ts', dir), 'utf8')).toMatch(/await import\('@azure\/arm-resourcegraph'\)/);
  });
});
