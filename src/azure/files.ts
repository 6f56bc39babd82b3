import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import type { ReconSource, SourceInfo } from '../model/source.js';
import { jsonErrorOffset, lineAndColumn } from './json-position.js';
import { isoSeconds } from './time.js';
import { ResourceSkuSchema, sameRegion, skuInRegion, skuRegions, toVmSku, type RawResourceSku } from './resource-sku.js';
import { toQuotaUsage, UsageSchema, type RawUsage } from './usage.js';

type FileKind = 'skus' | 'usage';

const LABEL: Record<FileKind, string> = { skus: 'SKUs file', usage: 'Usage file' };
const EXPECTED: Record<FileKind, string> = {
  skus: 'expected the output of `az vm list-skus --all -o json` or a Resource SKUs REST page { "value": [...] }',
  usage: 'expected the output of `az vm list-usage --location <region> -o json` or a Compute Usages REST page { "value": [...] }',
};
const WHAT: Record<FileKind, string> = { skus: 'Resource SKU records', usage: 'Compute usage entries' };

function fail(kind: FileKind, path: string, problem: string, options: { suggestion?: string; cause?: unknown } = {}): never {
  throw new InputError(`${LABEL[kind]} "${path}" ${problem}; ${EXPECTED[kind]}`, options);
}

async function readText(kind: FileKind, path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(cause)})`;
    return fail(kind, path, problem, { cause });
  }
  // Windows PowerShell's `>` writes UTF-16LE with a BOM; other tools may add a UTF-8 BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(kind: FileKind, path: string, text: string): unknown {
  if (text.trim() === '') return fail(kind, path, 'is empty');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const offset = jsonErrorOffset(text);
    const where = offset === null ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(text, offset));
    // V8 appends "in JSON at position N (line L column C)"; the position is given above in our words.
    const reason = (cause as Error).message.replace(/\s*in JSON at position.*$/s, '');
    return fail(kind, path, `is not valid JSON${where} (${reason})`, { cause });
  }
}

function recordsOf(kind: FileKind, path: string, doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc !== null && typeof doc === 'object' && Array.isArray((doc as { value?: unknown }).value)) {
    return (doc as { value: unknown[] }).value;
  }
  const shape = doc === null ? 'null' : typeof doc === 'object' ? 'an object without a "value" array' : `a ${typeof doc}`;
  return fail(kind, path, `holds ${shape} at the top level`);
}

/** Which kind of record this looks like, by the fields only that kind has. */
function kindOf(record: unknown): FileKind | null {
  if (record === null || typeof record !== 'object') return null;
  if ('resourceType' in record || 'capabilities' in record || 'locationInfo' in record) return 'skus';
  if ('currentValue' in record || 'limit' in record) return 'usage';
  return null;
}

function checkKind(kind: FileKind, path: string, records: unknown[]): void {
  const seen = records.length > 0 ? kindOf(records[0]) : kind;
  if (seen === null || seen === kind) return;
  const other = kind === 'skus' ? 'usage' : 'skus';
  fail(kind, path, `holds ${WHAT[seen]}, not ${WHAT[kind]}`, {
    suggestion: `pass "${path}" as the ${LABEL[other].toLowerCase()} instead`,
  });
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function validate<T>(kind: FileKind, path: string, records: unknown[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const [index, record] of records.entries()) {
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.length > 0 ? `field "${formatPath(issue.path)}"` : 'the record';
      fail(kind, path, `has a bad record at index ${index}: ${field}: ${issue.message}`);
    }
    out.push(result.data);
  }
  return out;
}

async function readRecords(kind: FileKind, path: string): Promise<unknown[]> {
  const records = recordsOf(kind, path, parseJson(kind, path, await readText(kind, path)));
  checkKind(kind, path, records);
  return records;
}

/** Resource SKU records from an `az vm list-skus -o json` export or a REST page; InputError if not. */
export async function readSkusFile(path: string): Promise<RawResourceSku[]> {
  return validate('skus', path, await readRecords('skus', path), ResourceSkuSchema);
}

/** Compute usage entries from an `az vm list-usage -o json` export or a REST page; InputError if not. */
export async function readUsageFile(path: string): Promise<RawUsage[]> {
  return validate('usage', path, await readRecords('usage', path), UsageSchema);
}

async function mtime(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  return stat(path).then((s) => isoSeconds(s.mtime), () => undefined);
}

function noRegion(path: string, region: string, records: RawResourceSku[]): never {
  const regions = [...new Set(records.flatMap(skuRegions))].sort();
  const has = regions.length === 0 ? 'no Resource SKU records at all' : `records for ${regions.length > 10 ? `${regions.slice(0, 10).join(', ')} and ${regions.length - 10} more` : regions.join(', ')}`;
  throw new InputError(`SKUs file "${path}" has no SKUs in region "${region}"; it has ${has}`, {
    code: 'UNKNOWN_REGION',
    suggestion: `export that region with \`az vm list-skus --location ${region} --all -o json\`${regions.length > 0 ? ` or pick a region the file has, e.g. ${regions[0]}` : ''}`,
  });
}

/** Cheap pre-check on an unvalidated record: does any location field name the region? */
function mentionsRegion(record: unknown, region: string): boolean {
  if (record === null || typeof record !== 'object') return true; // let validation report it
  const { locations, locationInfo } = record as { locations?: unknown; locationInfo?: unknown };
  const names = [
    ...(Array.isArray(locations) ? locations : []),
    ...(Array.isArray(locationInfo) ? locationInfo.map((l: unknown) => (l as { location?: unknown } | null)?.location) : []),
  ];
  if (names.length === 0) return true;
  return names.some((n) => typeof n !== 'string' || sameRegion(n, region));
}

/** A ReconSource over exported files; never touches the network. */
export function fileSource(opts: { skusFile?: string; usageFile?: string }): ReconSource {
  const { skusFile, usageFile } = opts;
  const detail = [skusFile && `SKUs from ${skusFile}`, usageFile ? `quota from ${usageFile}` : 'no usage file (quota unknown)']
    .filter(Boolean)
    .join('; ');
  const info: SourceInfo = { kind: 'file', detail, asOf: isoSeconds(), offline: true };
  let raw: Promise<unknown[]> | undefined;
  const sourceFor = async (path: string | undefined): Promise<SourceInfo> => ({ ...info, asOf: (await mtime(path)) ?? info.asOf });
  return {
    info,
    async listSkus(region) {
      if (!skusFile) {
        throw new InputError('No SKUs file was given to the file source', { code: 'BAD_USAGE', suggestion: 'pass the output of `az vm list-skus --all -o json`' });
      }
      const records = await (raw ??= readRecords('skus', skusFile));
      // Validate only the region's records: a whole-cloud `az vm list-skus --all` export holds tens of
      // thousands, and a record of another region cannot change this answer.
      const candidates = records.filter((r) => mentionsRegion(r, region));
      const inRegion = validate('skus', skusFile, candidates, ResourceSkuSchema).filter((r) => skuInRegion(r, region));
      if (inRegion.length === 0) noRegion(skusFile, region, validate('skus', skusFile, records, ResourceSkuSchema));
      const list = inRegion.flatMap((r) => toVmSku(r, region) ?? []);
      return { region, skus: list, source: await sourceFor(skusFile) };
    },
    async listQuota(region) {
      // An `az vm list-usage` export does not name its region; the caller vouches for it.
      const usages = usageFile ? (await readUsageFile(usageFile)).map(toQuotaUsage) : null;
      return { region, usages, source: await sourceFor(usageFile) };
    },
  };
}
