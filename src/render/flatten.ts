/** Flatten nested objects to dotted keys; arrays of scalars join with ";", arrays of objects become JSON. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    out[prefix || 'value'] = value;
    return out;
  }
  if (Array.isArray(value)) {
    out[prefix || 'value'] = value.every((v) => v === null || typeof v !== 'object')
      ? value.join(';')
      : JSON.stringify(value);
    return out;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 && prefix) out[prefix] = '';
  for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function cellValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

/** Rows and the union of their columns, in first-seen order. */
export function toRows(data: unknown): { columns: string[]; rows: Record<string, unknown>[] } {
  const list = Array.isArray(data) ? data : [data];
  // A row that is itself an array (`--query "[].[name, vcpus]"`) is one cell per element, as in az.
  const rows = list.map((item) => (Array.isArray(item) ? Object.fromEntries(item.map((v, i) => [String(i), cellValue(v)])) : flatten(item)));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  return { columns, rows };
}

/** A cell as people read it: null is "unknown", booleans are yes/no. */
export function cell(v: unknown): string {
  if (v === null) return 'unknown';
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}
