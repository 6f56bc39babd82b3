import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { jsonErrorOffset, lineAndColumn } from '../json-position.js';

/** Read a file as text (UTF-8, or UTF-16LE with a BOM as PowerShell's `>` writes); InputError naming the file. */
export async function readInputText(path: string, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(cause)})`;
    throw new InputError(`${what} "${path}" ${problem}`, { cause });
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse JSON text; a bad file's error names it, the line and the column. */
export function parseInputJson(text: string, path: string, what: string, expected: string): unknown {
  if (text.trim() === '') throw new InputError(`${what} "${path}" is empty; ${expected}`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const offset = jsonErrorOffset(text);
    const where = offset === null ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(text, offset));
    const reason = (cause as Error).message.replace(/\s*in JSON at position.*$/s, '');
    throw new InputError(`${what} "${path}" is not valid JSON${where} (${reason}); ${expected}`, { cause });
  }
}
