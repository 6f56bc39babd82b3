import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { sizeKey } from '../model/names.js';
import type { ReconSource, SourceInfo } from '../model/source.js';
import { jsonErrorWhere } from './json-position.js';
import { checkSkus, checkUsages } from './file-checks.js';
import { ResourceSkuSchema, sameRegion, skuInRegion, skuRegions, toVmSku, type RawResourceSku } from './resource-sku.js';
import { isoSeconds } from './time.js';
import { toQuotaUsage, UsageSchema, type RawUsage } from './usage.js';

type FileKind = 'skus' | 'usage';

const LABEL: Record<FileKind, string> = { skus: 'SKUs file', usage: 'Usage file' };
const EXPECTED: Record<FileKind, string> = {
  skus: 'expected the output of `az vm list-skus --all -o json` or a Resource SKUs REST page { "value": [...] }',
  usage: 'expected the output of `az vm list-usage --location <region> -o json` or a Compute Usages REST page { "value": [...] }',
};
const WHAT: Record<FileKind, string> = { skus: 'Resource SKU records', usage: 'Compute usage entries' };

/** The file name `-` means standard input, as in most command-line tools. */
export const STDIN = '-';

/** A file name as messages show it. */
function shown(path: string): string {
  return path === STDIN ? '"-" (standard input)' : JSON.stringify(path);
}

function fail(kind: FileKind, path: string, problem: string, options: { suggestion?: string; cause?: unknown } = {}): never {
  throw new InputError(`${LABEL[kind]} ${shown(path)} ${problem}; ${EXPECTED[kind]}`, options);
}

/** Reads standard input whole, for a file named `-`. */
export type StdinReader = () => Promise<Buffer>;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readBytes(kind: FileKind, path: string, stdin: StdinReader): Promise<Buffer> {
  if (path === STDIN) return stdin();
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(cause)})`;
    return fail(kind, path, problem, { cause });
  }
}

/** A file's bytes as text, or what is wrong with them ("is a binary file …"), for the caller's message. */
export function decodeText(bytes: Buffer, what = 'JSON'): { text: string } | { problem: string } {
  // Windows PowerShell's `>` writes UTF-16LE with a BOM; other tools may add a UTF-8 BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le') };
  // A binary file is described, never echoed (a parser's message would quote its bytes).
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { problem: `is a binary file (a NUL byte at offset ${nul}), not ${what} text` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'is not UTF-8 text (a binary file?)' };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

async function readText(kind: FileKind, path: string, stdin: StdinReader = readStdin): Promise<string> {
  const decoded = decodeText(await readBytes(kind, path, stdin));
  return 'text' in decoded ? decoded.text : fail(kind, path, decoded.problem);
}

function parseJson(kind: FileKind, path: string, text: string): unknown {
  if (text.trim() === '') return fail(kind, path, 'is empty');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const where = jsonErrorWhere(text);
    // V8 appends "in JSON at position N (line L column C)"; the position is given above in our words.
    const reason = (cause as Error).message.replace(/\s*in JSON at position.*$/s, '');
    return fail(kind, path, `is not valid JSON${where} (${reason})`, { cause });
  }
}

/** The records of a file, and why it is visibly incomplete (a REST page with a nextLink). */
interface Records {
  records: unknown[];
  incomplete?: string;
}

function recordsOf(kind: FileKind, path: string, doc: unknown): Records {
  if (Array.isArray(doc)) return { records: doc };
  if (doc !== null && typeof doc === 'object' && Array.isArray((doc as { value?: unknown }).value)) {
    const { value, nextLink } = doc as { value: unknown[]; nextLink?: unknown };
    if (nextLink === undefined || nextLink === null || nextLink === '') return { records: value };
    return { records: value, incomplete: `it is one page of a paged REST list (its nextLink is set), so the export is incomplete` };
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
  return validateAt(kind, path, records, records.map((_, i) => i), schema);
}

/** Validate the records at `indexes`; errors name the record's index in the whole file. */
function validateAt<T>(kind: FileKind, path: string, records: unknown[], indexes: readonly number[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const index of indexes) {
    const record = records[index];
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

async function readRecords(kind: FileKind, path: string, stdin?: StdinReader): Promise<Records> {
  const read = recordsOf(kind, path, parseJson(kind, path, await readText(kind, path, stdin)));
  checkKind(kind, path, read.records);
  return read;
}

/** Resource SKU records from an `az vm list-skus -o json` export or a REST page; InputError if not. */
export async function readSkusFile(path: string): Promise<RawResourceSku[]> {
  const records = validate('skus', path, (await readRecords('skus', path)).records, ResourceSkuSchema);
  checkSkus(path, records, records.map((_, i) => i));
  return records;
}

/** Compute usage entries from an `az vm list-usage -o json` export or a REST page; InputError if not. */
export async function readUsageFile(path: string): Promise<RawUsage[]> {
  const usages = validate('usage', path, (await readRecords('usage', path)).records, UsageSchema);
  checkUsages(path, usages);
  return usages;
}

async function mtime(path: string | undefined): Promise<string | undefined> {
  if (!path || path === STDIN) return undefined;
  return stat(path).then((s) => isoSeconds(s.mtime), () => undefined);
}

function noRegion(path: string, region: string, records: RawResourceSku[]): never {
  const regions = [...new Set(records.flatMap(skuRegions))].sort();
  const has = regions.length === 0 ? 'no Resource SKU records at all' : `records for ${regions.length > 10 ? `${regions.slice(0, 10).join(', ')} and ${regions.length - 10} more` : regions.join(', ')}`;
  throw new InputError(`SKUs file ${shown(path)} has no SKUs in region "${region}"; it has ${has}`, {
    code: 'UNKNOWN_REGION',
    suggestion: `${regions.length > 0 ? `pick a region the file has, e.g. ${regions[0]}, or ` : ''}export this one with: az vm list-skus --location ${region} --all -o json`,
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
export function fileSource(opts: { skusFile?: string; usageFile?: string; stdin?: StdinReader }): ReconSource {
  const { skusFile, usageFile, stdin } = opts;
  if (skusFile === STDIN && usageFile === STDIN) {
    throw new InputError('--skus-file and --usage-file cannot both be "-": standard input can be read only once', {
      suggestion: 'save one of the two exports to a file',
    });
  }
  const name = (path: string) => (path === STDIN ? 'standard input' : path);
  const detail = [skusFile && `SKUs from ${name(skusFile)}`, usageFile ? `quota from ${name(usageFile)}` : 'no usage file (quota unknown)']
    .filter(Boolean)
    .join('; ');
  const info: SourceInfo = { kind: 'file', detail, asOf: isoSeconds(), offline: true };
  let raw: Promise<Records> | undefined;
  let usage: Promise<{ usages: RawUsage[]; incomplete?: string }> | undefined;
  const sourceFor = async (path: string | undefined): Promise<SourceInfo> => ({ ...info, asOf: (await mtime(path)) ?? info.asOf });
  return {
    info,
    async listSkus(region) {
      if (!skusFile) {
        throw new InputError('No SKUs file was given to the file source', { code: 'BAD_USAGE', suggestion: 'pass the output of `az vm list-skus --all -o json`' });
      }
      const { records, incomplete } = await (raw ??= readRecords('skus', skusFile, stdin));
      // Validate only the region's records: a whole-cloud `az vm list-skus --all` export holds tens of
      // thousands, and a record of another region cannot change this answer.
      const indexes: number[] = [];
      records.forEach((r, i) => mentionsRegion(r, region) && indexes.push(i));
      const candidates = validateAt('skus', skusFile, records, indexes, ResourceSkuSchema);
      const inRegion = candidates.filter((r) => skuInRegion(r, region));
      if (inRegion.length === 0) noRegion(skusFile, region, validate('skus', skusFile, records, ResourceSkuSchema));
      checkSkus(skusFile, candidates, indexes);
      const names = new Set<string>();
      const list = inRegion.flatMap((r) => {
        const sku = toVmSku(r, region);
        // An identical repeat (checked above) adds nothing.
        if (!sku || names.has(sizeKey(sku.name))) return [];
        names.add(sizeKey(sku.name));
        return [sku];
      });
      const exported = incomplete ? { file: skusFile, incomplete } : { file: skusFile };
      return { region, skus: list, source: await sourceFor(skusFile), export: exported };
    },
    async listQuota(region) {
      // An `az vm list-usage` export does not name its region; the caller vouches for it.
      if (!usageFile) return { region, usages: null, source: await sourceFor(usageFile) };
      const read = await (usage ??= readRecords('usage', usageFile, stdin).then(({ records, incomplete }) => {
        const usages = validate('usage', usageFile, records, UsageSchema);
        checkUsages(usageFile, usages);
        return incomplete ? { usages, incomplete } : { usages };
      }));
      const exported = read.incomplete ? { file: usageFile, incomplete: read.incomplete } : { file: usageFile };
      return { region, usages: read.usages.map(toQuotaUsage), source: await sourceFor(usageFile), export: exported };
    },
  };
}
