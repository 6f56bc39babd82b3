import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { jsonErrorWhere } from '../../azure/json-position.js';
import { InputError } from '../../errors.js';

// Reading the files `size --config` and `plan --request` take: errors name the file, the line and column.

async function text(path: string, kind: string): Promise<string> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new InputError(`${kind} ${path} ${why}`, { cause });
  }
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (body.trim() === '') throw new InputError(`${kind} ${path} is empty`);
  return body;
}

/** A JSON file, parsed; InputError with the line and column of the first error. */
export async function jsonFile(path: string, kind: string): Promise<unknown> {
  const body = await text(path, kind);
  try {
    return JSON.parse(body);
  } catch (cause) {
    const where = jsonErrorWhere(body);
    throw new InputError(`${kind} ${path} is not valid JSON${where}`, { cause });
  }
}

/** A YAML (or JSON) file, parsed; InputError with the line and column of the first error. */
export async function yamlFile(path: string, kind: string): Promise<unknown> {
  const body = await text(path, kind);
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const doc = yaml.parseDocument(body);
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new InputError(`${kind} ${path} is not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, { cause: err });
  }
  return doc.toJS();
}
