// Bicep writer: emits what the Bicep formatter leaves (two-space indent, one property per line,
// arrays one item per line, single-quoted strings).

/** A raw Bicep expression, written as is: `location`, `vnet.id`, `'${name}-vnet'`. */
export interface BicepExpr {
  readonly bicep: string;
}

/** A raw Bicep expression. */
export const bx = (text: string): BicepExpr => ({ bicep: text });

export type BicepValue = string | number | boolean | null | BicepExpr | readonly BicepValue[] | { readonly [key: string]: BicepValue };

/** One declaration: param, var, resource, output. */
export type BicepDecl =
  | { kind: 'param'; name: string; type: string; default?: BicepValue; description?: string; decorators?: string[] }
  | { kind: 'var'; name: string; value: BicepValue }
  | { kind: 'resource'; symbol: string; type: string; apiVersion: string; body: Record<string, BicepValue>; loop?: string; existing?: boolean; comment?: string }
  | { kind: 'output'; name: string; type: string; value: BicepValue }
  | { kind: 'module'; symbol: string; path: string; body: Record<string, BicepValue>; comment?: string }
  | { kind: 'targetScope'; value: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isExpr(v: unknown): v is BicepExpr {
  return typeof v === 'object' && v !== null && 'bicep' in v;
}

/** A single-quoted Bicep string: `'`, `\` and `${` escaped. */
export function bquote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\$\{/g, '\\${')}'`;
}

function pad(n: number): string {
  return '  '.repeat(n);
}

/** A value as Bicep text at `depth` (continuation lines indented). */
export function bvalue(v: BicepValue, depth: number): string {
  if (v === null) return 'null';
  if (isExpr(v)) return v.bicep;
  if (typeof v === 'string') return bquote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${pad(depth + 1)}${bvalue(x, depth + 1)}`).join('\n')}\n${pad(depth)}]`;
  }
  const entries = Object.entries(v as Record<string, BicepValue>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, x]) => `${pad(depth + 1)}${IDENT.test(k) ? k : bquote(k)}: ${bvalue(x, depth + 1)}`);
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

function decl(d: BicepDecl): string {
  switch (d.kind) {
    case 'targetScope':
      return `targetScope = ${bquote(d.value)}`;
    case 'param': {
      const decorators = [...(d.description ? [`@description(${bquote(d.description)})`] : []), ...(d.decorators ?? [])];
      const head = `param ${d.name} ${d.type}${d.default === undefined ? '' : ` = ${bvalue(d.default, 0)}`}`;
      return [...decorators, head].join('\n');
    }
    case 'var':
      return `var ${d.name} = ${bvalue(d.value, 0)}`;
    case 'output':
      return `output ${d.name} ${d.type} = ${bvalue(d.value, 0)}`;
    case 'module':
      return `${d.comment ? `// ${d.comment}\n` : ''}module ${d.symbol} '${d.path}' = ${bvalue(d.body, 0)}`;
    case 'resource': {
      const head = `resource ${d.symbol} '${d.type}@${d.apiVersion}'${d.existing ? ' existing' : ''} =`;
      const comment = d.comment ? `// ${d.comment}\n` : '';
      if (d.loop) return `${comment}${head} [${d.loop}: ${bvalue(d.body, 0)}]`;
      return `${comment}${head} ${bvalue(d.body, 0)}`;
    }
  }
}

/** A whole .bicep file: declarations separated by blank lines, ending in a newline. */
export function writeBicep(decls: readonly BicepDecl[], header?: string): string {
  const head = header ? `${header.split('\n').map((l) => `// ${l}`.trimEnd()).join('\n')}\n\n` : '';
  return `${head}${decls.map(decl).join('\n\n')}\n`;
}
