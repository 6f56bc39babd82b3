// Terraform writer: emits HCL the way `terraform fmt` leaves it (two-space indent, `=` aligned within a
// run of single-line attributes, a blank line around multi-line attributes and nested blocks).

/** A raw expression, written as is: `var.name`, `azurerm_resource_group.main.id`, `"${var.name}-vnet"`. */
export interface Expr {
  readonly expr: string;
}

/** A raw HCL expression. */
export const hcl = (text: string): Expr => ({ expr: text });

/** A nested block (`os_disk { ... }`), as opposed to a map attribute (`tags = { ... }`). */
export class Block {
  constructor(readonly body: Body) {}
}

export type Value = string | number | boolean | Expr | readonly Value[] | { readonly [key: string]: Value };
/** Ordered entries; a key may repeat for repeated blocks. */
export type Body = ReadonlyArray<readonly [string, Value | Block]>;

/** A top-level block: `resource "type" "name" { ... }`, `variable "x" { ... }`, `terraform { ... }`. */
export interface TopBlock {
  keyword: string;
  labels: string[];
  body: Body;
  /** One comment line above the block (without `# `). */
  comment?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isExpr(v: unknown): v is Expr {
  return typeof v === 'object' && v !== null && 'expr' in v && Object.keys(v).length === 1;
}

/** A quoted HCL string: quotes and backslashes escaped, `${` and `%{` kept literal. */
export function quote(s: string): string {
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${body}"`;
}

function key(k: string): string {
  return IDENT.test(k) && !k.includes('-') ? k : quote(k);
}

function isMultiline(v: Value): boolean {
  if (isExpr(v) || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && !isExpr(x)) || inline(v).length > 80;
  return Object.keys(v).length > 0;
}

/** A value that fits on one line. */
function inline(v: Value): string {
  if (isExpr(v)) return v.expr;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  return Object.keys(v).length === 0 ? '{}' : '{ … }';
}

function pad(n: number): string {
  return '  '.repeat(n);
}

/** Lines of a multi-line value, starting after `key = `. */
function multiline(v: Value, depth: number): string[] {
  if (Array.isArray(v)) {
    return ['[', ...v.map((x) => `${pad(depth + 1)}${isMultiline(x) ? multiline(x, depth + 1).join('\n') : inline(x)},`), `${pad(depth)}]`];
  }
  const entries = Object.entries(v as Record<string, Value>).map(([k, x]) => [key(k), x] as const);
  return ['{', ...attributeLines(entries, depth + 1), `${pad(depth)}}`];
}

/** Attribute lines with `=` aligned over each run of single-line attributes. */
function attributeLines(entries: ReadonlyArray<readonly [string, Value]>, depth: number): string[] {
  const out: string[] = [];
  let run: Array<readonly [string, string]> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, text] of run) out.push(`${pad(depth)}${k.padEnd(width)} = ${text}`);
    run = [];
  };
  for (const [k, v] of entries) {
    if (isMultiline(v)) {
      flush();
      out.push(`${pad(depth)}${k} = ${multiline(v, depth).join('\n')}`);
    } else {
      run.push([k, inline(v)]);
    }
  }
  flush();
  return out;
}

/** The lines of a body at `depth`: runs of attributes, blank lines around multi-line items and blocks. */
function bodyLines(body: Body, depth: number): string[] {
  const groups: string[][] = [];
  let run: Array<readonly [string, Value]> = [];
  const flush = () => {
    if (run.length > 0) groups.push(attributeLines(run, depth));
    run = [];
  };
  for (const [k, v] of body) {
    if (v instanceof Block) {
      flush();
      groups.push(v.body.length === 0 ? [`${pad(depth)}${k} {}`] : [`${pad(depth)}${k} {`, ...bodyLines(v.body, depth + 1), `${pad(depth)}}`]);
    } else if (isMultiline(v)) {
      flush();
      groups.push(attributeLines([[key(k), v]], depth));
    } else {
      run.push([key(k), v]);
    }
  }
  flush();
  return groups.flatMap((g, i) => (i === 0 ? g : ['', ...g]));
}

/** One top-level block as text. */
export function writeBlock(b: TopBlock): string {
  const head = [b.keyword, ...b.labels.map(quote)].join(' ');
  const lines = bodyLines(b.body, 1);
  const comment = b.comment ? `# ${b.comment}\n` : '';
  return lines.length === 0 ? `${comment}${head} {}\n` : `${comment}${head} {\n${lines.join('\n')}\n}\n`;
}

/** A whole .tf file: blocks separated by one blank line, ending in a newline. */
export function writeFile(blocks: readonly TopBlock[], header?: string): string {
  const text = blocks.map(writeBlock).join('\n');
  return header ? `${header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n')}\n\n${text}` : text;
}
