import { createRequire } from 'node:module';
import type TableType from 'cli-table3';
import { InputError } from '../errors.js';
import { cell, toRows } from './flatten.js';

export { cell };

// yaml and cli-table3 cost ~60 ms to load; only the format in use is loaded (start-up target: 300 ms).
const require = createRequire(import.meta.url);
const toYaml = (data: unknown): string => (require('yaml') as typeof import('yaml')).stringify(data);

/** Output formats every command supports; `json` is the stable contract. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv', 'tsv', 'markdown', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Parse `-o`, naming the valid formats when it is wrong. */
export function parseFormat(value: string): OutputFormat {
  const f = value.toLowerCase();
  if ((OUTPUT_FORMATS as readonly string[]).includes(f)) return f as OutputFormat;
  throw new InputError(`--output "${value}" is not a known format; expected one of: ${OUTPUT_FORMATS.join(', ')}`);
}

/** A plain table: no colours, so output is the same on a TTY, in a pipe and with NO_COLOR. */
export function plainTable(head: string[], rows: string[][]): string {
  const Table = require('cli-table3') as typeof TableType;
  const t = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const r of rows) t.push(r);
  return t.toString();
}

/** Generic table of any JSON value: rows of objects, or key/value pairs of one object. */
export function genericTable(data: unknown): string {
  if (data === null || typeof data !== 'object') return cell(data);
  if (!Array.isArray(data)) {
    const { rows } = toRows(data);
    const r = rows[0] ?? {};
    return plainTable(['field', 'value'], Object.entries(r).map(([k, v]) => [k, cell(v)]));
  }
  if (data.length === 0) return '(no rows)';
  const { columns, rows } = toRows(data);
  return plainTable(columns, rows.map((r) => columns.map((c) => cell(r[c]))));
}

function quoteCsv(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function delimited(data: unknown, sep: ',' | '\t'): string {
  const { columns, rows } = toRows(data);
  const esc = (v: unknown) => {
    const s = v === null ? '' : v === undefined ? '' : String(v);
    return sep === ',' ? quoteCsv(s) : s.replace(/[\t\n\r]/g, ' ');
  };
  // tsv has no header, like `az -o tsv`, so it can be read straight into shell variables.
  const lines = rows.map((r) => columns.map((c) => esc(r[c])).join(sep));
  return (sep === ',' ? [columns.join(','), ...lines] : lines).join('\n');
}

/** A GitHub-flavoured markdown table, for pasting a result into a ticket or a pull request. */
function markdown(data: unknown): string {
  const { columns, rows } = toRows(data);
  const esc = (v: unknown) => cell(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => esc(r[c])).join(' | ')} |`),
  ].join('\n');
}

/** Render a command result in the chosen format; `table` uses the command's own view when given. */
export function render(format: OutputFormat, data: unknown, table?: (data: unknown) => string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(data, null, 2);
    case 'yaml':
      return toYaml(data).trimEnd();
    case 'csv':
      return delimited(data, ',');
    case 'tsv':
      return delimited(data, '\t');
    case 'markdown':
      return markdown(data);
    case 'table':
      return table ? table(data) : genericTable(data);
    case 'sarif':
      // Only commands that produce findings supply a SARIF view (CommandResult.formats).
      throw new InputError('--output sarif is only supported by `gpuops audit`; pick another format for this command');
  }
}
