import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { parseGatewayConfig, type GatewayConfig } from './config.js';

/** Read and validate a gateway config file (YAML or JSON). Errors name the file, the line or the field. */
export async function loadGatewayConfig(path: string): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(cause)})`;
    throw new InputError(`Gateway config "${path}" ${problem}; expected a YAML file`, { cause, suggestion: 'pass --config FILE' });
  }
  if (text.trim() === '') throw new InputError(`Gateway config "${path}" is empty; expected a YAML mapping with listen, upstreams and keys`);
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new InputError(`Gateway config "${path}" is not valid YAML${where} (${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`);
  }
  return parseGatewayConfig(doc.toJS(), path);
}
