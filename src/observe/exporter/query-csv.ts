import { isUnavailable, LABEL_FIELDS } from './fields.js';

/** One GPU as `nvidia-smi --query-gpu` reported it; a field it could not read is absent (never 0). */
export interface GpuReading {
  index: string;
  uuid: string;
  name: string;
  busId: string;
  driver: string;
  /** Field name -> raw text as nvidia-smi printed it (units off), only for fields it could read. */
  values: Record<string, string>;
}

/** A query-gpu answer that could not be read; `line` is 1-based. */
export class QueryParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

/** Parse `--format=csv,noheader,nounits` output for `fields` (in the order they were asked). */
export function parseQueryCsv(text: string, fields: readonly string[]): GpuReading[] {
  const lines = text.split(/\r?\n/);
  const gpus: GpuReading[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    // nvidia-smi separates with ", " and never quotes; names such as "NVIDIA H100 80GB HBM3" have no commas.
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== fields.length) {
      throw new QueryParseError(`expected ${fields.length} comma-separated values, found ${cells.length}`, i + 1);
    }
    const values: Record<string, string> = {};
    fields.forEach((f, k) => {
      if (!isUnavailable(cells[k]!)) values[f] = cells[k]!;
    });
    for (const f of ['index', 'uuid'] as const) {
      if (values[f] === undefined) throw new QueryParseError(`the GPU has no ${f}`, i + 1);
    }
    if (!/^\d+$/.test(values.index!)) throw new QueryParseError(`index "${values.index}" is not a whole number`, i + 1);
    if (gpus.some((g) => g.uuid === values.uuid || g.index === values.index)) {
      throw new QueryParseError(`GPU ${values.index} (${values.uuid}) is listed twice`, i + 1);
    }
    gpus.push({
      index: values.index!, uuid: values.uuid!, name: values.name ?? '', busId: values['pci.bus_id'] ?? '',
      driver: values.driver_version ?? '', values: Object.fromEntries(Object.entries(values).filter(([k]) => !(LABEL_FIELDS as readonly string[]).includes(k))),
    });
  });
  return gpus;
}

/** A query value as a number: finite and plain decimal, else null (logged by the caller, never a guess). */
export function numericValue(raw: string | undefined): number | null {
  if (raw === undefined || !/^-?\d+(\.\d+)?$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** `Yes`/`No` (also `Enabled`/`Disabled`, `Active`/`Not Active`) as 1/0; anything else null. */
export function yesNoValue(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const v = raw.toLowerCase();
  if (v === 'yes' || v === 'enabled' || v === 'active') return 1;
  if (v === 'no' || v === 'disabled' || v === 'not active') return 0;
  return null;
}

/** The field nvidia-smi rejected, from its `Field "x" is not a valid field to query.` message. */
export function rejectedField(output: string): string | null {
  const m = /Field "([^"]+)" is not a valid field to query/.exec(output);
  return m ? m[1]! : null;
}
