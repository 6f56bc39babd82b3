import { InputError } from '../../errors.js';
import { InventorySchema, type Inventory, type InventoryResource, type Unreadable } from '../../model/inventory.js';
import { applyAutoscale, fromArmRecord, UnreadableRecord } from './arm-record.js';
import { isMetricsDocument, metricsFromDocument } from './metrics.js';
import { parseInputJson, readInputText } from './read-json.js';
import { isTerraformShow, terraformInventory } from './terraform.js';

/** What an input file was recognised as. */
export type InventoryFileKind = 'resource-graph' | 'budgets' | 'locks' | 'metrics' | 'bundle' | 'terraform';

/** Bundle format written by `gpuops inventory export`. */
export const BUNDLE_FORMAT = 'gpuops-inventory/1';

const EXPECTED = 'expected one of: `az graph query -q ... -o json` output, `az consumption budget list -o json`, `az lock list -o json`, '
  + '`az monitor metrics list -o json`, a `gpuops inventory export` bundle, or `terraform show -json` output';

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);

/** ARM records of a list document: a JSON array, `az graph query`'s { data: [...] }, or a REST page { value: [...] }. */
function armRecords(doc: unknown): unknown[] | null {
  const list = Array.isArray(doc) ? doc : Array.isArray(obj(doc)?.data) ? (obj(doc)!.data as unknown[]) : Array.isArray(obj(doc)?.value) ? (obj(doc)!.value as unknown[]) : null;
  if (list === null) return null;
  if (list.length === 0) return list;
  // Decide by the first records: a list of something else (SKUs, usages) is not an inventory, while a
  // few bad records in an inventory are reported one by one.
  const sample = list.slice(0, 20);
  const arm = sample.filter((r) => typeof obj(r)?.id === 'string' && typeof obj(r)?.type === 'string').length;
  return arm * 2 >= sample.length ? list : null;
}

function listKind(records: unknown[]): InventoryFileKind {
  const types = new Set(records.slice(0, 50).map((r) => String(obj(r)?.type ?? '').toLowerCase()));
  if (types.size === 1 && types.has('microsoft.consumption/budgets')) return 'budgets';
  if (types.size === 1 && types.has('microsoft.authorization/locks')) return 'locks';
  return 'resource-graph';
}

/**
 * ARM records to inventory a page at a time, as Resource Graph returns them, so that the raw pages need
 * not all be held at once; a record that cannot be read is reported, never fatal. Autoscale settings are
 * applied in `finish`, to scale sets on any page.
 */
export class RecordConverter {
  private readonly resources: InventoryResource[] = [];
  private readonly unreadable: Unreadable[] = [];
  private readonly autoscale: unknown[] = [];
  private seen = 0;

  constructor(private readonly source: string) {}

  add(records: readonly unknown[]): void {
    for (const record of records) {
      const i = this.seen++;
      try {
        if (String(obj(record)?.type ?? '').toLowerCase() === 'microsoft.insights/autoscalesettings') this.autoscale.push(record);
        for (const r of fromArmRecord(record)) this.resources.push(r);
      } catch (err) {
        if (!(err instanceof UnreadableRecord)) throw err;
        const id = obj(record)?.id;
        this.unreadable.push({ source: this.source, id: typeof id === 'string' ? id : `record ${i}`, reason: err.message });
      }
    }
  }

  finish(): Inventory {
    applyAutoscale(this.resources, this.autoscale);
    return { resources: this.resources, metrics: [], unreadable: this.unreadable, sources: [this.source] };
  }
}

/** Inventory from ARM records; a record that cannot be read is reported, never fatal. */
export function inventoryFromRecords(records: readonly unknown[], source: string): Inventory {
  const converter = new RecordConverter(source);
  converter.add(records);
  return converter.finish();
}

function bundleInventory(doc: Json, path: string): Inventory {
  if (doc.format !== BUNDLE_FORMAT) {
    throw new InputError(`Inventory bundle "${path}" has format ${JSON.stringify(doc.format)}; expected "${BUNDLE_FORMAT}" (written by \`gpuops inventory export\`)`);
  }
  const parsed = InventorySchema.safeParse(doc.inventory);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`Inventory bundle "${path}" is not valid at inventory.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return { ...parsed.data, sources: [`bundle ${path}${typeof doc.exportedAt === 'string' ? ` (exported ${doc.exportedAt})` : ''}`] };
}

/** Recognise a parsed document by its shape and convert it; InputError naming the file when the shape is unknown. */
export function inventoryFromDocument(doc: unknown, path: string): { kind: InventoryFileKind; inventory: Inventory } {
  if (isTerraformShow(doc)) return { kind: 'terraform', inventory: terraformInventory(doc, path) };
  if (typeof obj(doc)?.format === 'string' && 'inventory' in obj(doc)!) return { kind: 'bundle', inventory: bundleInventory(obj(doc)!, path) };
  if (isMetricsDocument(doc)) {
    const { metrics, unreadable } = metricsFromDocument(doc, path);
    return { kind: 'metrics', inventory: { resources: [], metrics, unreadable, sources: [`metrics ${path}`] } };
  }
  const records = armRecords(doc);
  if (records !== null) {
    const kind = listKind(records);
    return { kind, inventory: inventoryFromRecords(records, `${kind} ${path}`) };
  }
  const shape = Array.isArray(doc) ? 'a list of records without "id" and "type"' : obj(doc) ? `an object with keys ${Object.keys(obj(doc)!).slice(0, 5).join(', ') || '(none)'}` : `a ${doc === null ? 'null' : typeof doc}`;
  throw new InputError(`Input file "${path}" holds ${shape}, which gpuops does not recognise; ${EXPECTED}`);
}

/** Read one `--from` file. */
export async function readInventoryFile(path: string): Promise<{ kind: InventoryFileKind; inventory: Inventory }> {
  const text = await readInputText(path, 'Input file');
  return inventoryFromDocument(parseInputJson(text, path, 'Input file', EXPECTED), path);
}
