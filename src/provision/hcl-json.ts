import { Block, type Body, type TopBlock, type Value } from './hcl.js';

type Json = Record<string, unknown>;

// The JSON hcl2json would give for the blocks the HCL writer writes, built without parsing: provision's
// self-check reads it (no 2 MB wasm parser on every run); a test checks it equals hcl2json's parse.

function isExpr(v: unknown): v is { expr: string } {
  return typeof v === 'object' && v !== null && 'expr' in v && Object.keys(v).length === 1;
}

/** A literal string as hcl2json returns it: template markers stay escaped. */
function literal(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function value(v: Value): unknown {
  if (isExpr(v)) return /^"[^"]*"$/.test(v.expr) ? v.expr.slice(1, -1) : `\${${v.expr}}`;
  if (typeof v === 'string') return literal(v);
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(value);
  return Object.fromEntries(Object.entries(v as Record<string, Value>).map(([k, x]) => [k, value(x)]));
}

function body(b: Body): Json {
  const out: Json = {};
  for (const [k, v] of b) {
    if (v instanceof Block) out[k] = [...((out[k] as unknown[]) ?? []), body(v.body)];
    else out[k] = value(v);
  }
  return out;
}

/** hcl2json's shape for top-level blocks: resource/data by type and name, variable/output by name, locals and terraform as lists. */
export function hclJson(blocks: readonly TopBlock[]): Json {
  const out: Record<string, unknown> = {};
  for (const b of blocks) {
    const content = body(b.body);
    if (b.keyword === 'resource' || b.keyword === 'data') {
      const byType = ((out[b.keyword] ??= {}) as Record<string, Record<string, unknown[]>>);
      (byType[b.labels[0]!] ??= {})[b.labels[1]!] = [content];
    } else if (b.labels.length === 1) {
      ((out[b.keyword] ??= {}) as Record<string, unknown[]>)[b.labels[0]!] = [content];
    } else {
      ((out[b.keyword] ??= []) as unknown[]).push(content);
    }
  }
  return out;
}
