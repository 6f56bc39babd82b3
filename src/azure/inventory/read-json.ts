import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { jsonErrorWhere } from '../json-position.js';

/** Read a file as text (UTF-8, or UTF-16LE with a BOM as PowerShell's `>` writes); InputError naming the file, binary files included. */
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
  // A binary file is described, never echoed (the JSON parser's message would quote its bytes), as src/azure/files.ts does.
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(`${what} "${path}" is a binary file (a NUL byte at offset ${nul}), not JSON text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InputError(`${what} "${path}" is not UTF-8 text (a binary file?)`, { cause });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse JSON text; a bad file's error names it, the line and the column. */
export function parseInputJson(text: string, path: string, what: string, expected: string): unknown {
  if (text.trim() === '') throw new InputError(`${what} "${path}" is empty; ${expected}`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const where = jsonErrorWhere(text);
    const reason = (cause as Error).message.replace(/\s*in JSON at position.*$/s, '');
    throw new InputError(`${what} "${path}" is not valid JSON${where} (${reason}); ${expected}`, { cause });
  }
}
