import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `gpuops skus --offline` must start in under 300 ms: the modules the CLI loads statically (before any
// command runs) must not pull in zod, yaml or the Azure SDKs; audit and inventory load theirs on demand.
const src = join(import.meta.dirname, '..', '..', 'src');

function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    graph.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return graph;
}

describe('CLI start-up import graph', () => {
  const graph = staticGraph(join(src, 'cli', 'main.ts'));
  it('reaches the audit and inventory commands (so the check below covers them)', () => {
    expect([...graph.keys()].some((f) => f.endsWith(join('cli', 'commands', 'audit.ts')))).toBe(true);
    expect([...graph.keys()].some((f) => f.endsWith(join('cli', 'commands', 'inventory.ts')))).toBe(true);
  });
  it('loads no zod, yaml or @azure/* package statically', () => {
    const heavy = [...graph].flatMap(([file, specs]) => specs.filter((s) => s === 'zod' || s === 'yaml' || s.startsWith('@azure/')).map((s) => `${file.slice(src.length)}: ${s}`));
    expect(heavy).toEqual([]);
  });
});
