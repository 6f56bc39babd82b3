import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// bench and mock-llm are in the CLI's command list: their heavy dependencies must load only when
// they run, or every `gpuops` start-up (target: 300 ms) would pay for them.
const HEAVY = ['undici', 'prom-client', 'gpt-tokenizer', 'better-sqlite3', 'hdr-histogram-js', 'eventsource-parser'];
const src = join(import.meta.dirname, '..', '..', 'src');

/** Files and packages reached from `entry` through static, non-type imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const ts = join(dirname(file), spec.replace(/\.js$/, '.ts'));
        if (existsSync(ts)) visit(ts);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('observe start-up cost', () => {
  it('the CLI entry reaches none of the observe runtime packages statically', () => {
    const { files, packages } = staticGraph(join(src, 'cli', 'main.ts'));
    expect([...files].map((f) => relative(src, f))).toContain(join('cli', 'commands', 'bench.ts'));
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });
});
