import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-gw-config-'));
const H = `sha256:${'c'.repeat(64)}`;
const head = `listen: 127.0.0.1:8080\nupstreams:\n  - { name: p, url: "http://127.0.0.1:8000/v1", api: openai }\n`;

async function problem(name: string, text: string | Buffer): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    await loadGatewayConfig(file);
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('loadGatewayConfig on hostile files', () => {
  it.each([
    ['empty', '', 'is empty'],
    ['only whitespace', '  \n\n', 'is empty'],
    ['binary', Buffer.from([0, 1, 2, 255, 254]), 'Gateway config'],
    ['a YAML list', '- a\n- b\n', 'expected a mapping'],
    ['a duplicated field', `${head}keys: []\nkeys: []\n`, 'is not valid YAML at line'],
    ['tpm: .inf', `${head}keys:\n  - { name: a, hash: "${H}", tpm: .inf }\n`, 'keys[0].tpm'],
    ['tpm: .nan', `${head}keys:\n  - { name: a, hash: "${H}", tpm: .nan }\n`, 'keys[0].tpm'],
    ['tpm: 1e300', `${head}keys:\n  - { name: a, hash: "${H}", tpm: 1e300 }\n`, 'keys[0].tpm'],
    ['rpm: 0', `${head}keys:\n  - { name: a, hash: "${H}", rpm: 0 }\n`, 'keys[0].rpm: expected a number above 0'],
    ['a hash without quotes that YAML reads as text', `${head}keys:\n  - { name: a, hash: sha256:${'d'.repeat(64)} }\n`, 'accepted'],
    ['a key name that is a number', `${head}keys:\n  - { name: 42, hash: "${H}" }\n`, 'keys[0].name'],
    ['maxBodyBytes of 2 GiB', `${head}keys:\n  - { name: a, hash: "${H}" }\nmaxBodyBytes: 2147483648\n`, 'maxBodyBytes: expected at most 1073741824'],
    ['a negative timeout', `${head}keys:\n  - { name: a, hash: "${H}" }\ntimeouts: { request: -1 }\n`, 'timeouts.request'],
  ])('%s', async (_what, text, expected) => {
    expect(await problem(`${_what.replace(/\W+/g, '-')}.yaml`, text)).toContain(expected);
  });

  it('names a directory given as the file', async () => {
    await expect(loadGatewayConfig(dir)).rejects.toThrow('is a directory');
  });
});
