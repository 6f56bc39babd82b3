import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { jsonErrorWhere } from '../../azure/json-position.js';
import { InputError } from '../../errors.js';

// Reading the files `size --config` and `plan --request` take: errors name the file, the line and column.

async function text(path: string, kind: string, format: string): Promise<string> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new InputError(`${kind} ${path} ${why}`, { cause });
  }
  // azure/files.js brings zod; it loads only when a file is read, not at start-up.
  const { decodeText } = await import('../../azure/files.js');
  const decoded = decodeText(raw, format);
  if ('problem' in decoded) throw new InputError(`${kind} ${path} ${decoded.problem}`);
  if (decoded.text.trim() === '') throw new InputError(`${kind} ${path} is empty`);
  return decoded.text;
}

/** A JSON file, parsed; InputError with the line and column of the first error. */
export async function jsonFile(path: string, kind: string): Promise<unknown> {
  const body = await text(path, kind, 'JSON');
  try {
    return JSON.parse(body);
  } catch (cause) {
    const where = jsonErrorWhere(body);
    throw new InputError(`${kind} ${path} is not valid JSON${where}`, { cause });
  }
}

/** A YAML (or JSON) file, parsed; InputError with the line and column of the first error. */
export async function yamlFile(path: string, kind: string): Promise<unknown> {
  const body = await text(path, kind, 'YAML');
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const doc = yaml.parseDocument(body);
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new InputError(`${kind} ${path} is not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, { cause: err });
  }
  return doc.toJS();
}
