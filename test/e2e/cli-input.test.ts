// Bad input and the command line: empty values, conflicts, standard input, control characters,
// write errors (recon truth pass, "Bad input and the command line").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VmSku } from '../../src/model/sku.js';
import { cli, fixture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-cli-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SKUS = fixture('eastus2', 'skus.az.json');
const USAGE = fixture('eastus2', 'usage.az.json');

async function bad(argv: string[], env: Record<string, string> = {}) {
  const r = await cli(argv, { env });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r.stderr;
}

describe('empty values are refused, not ignored', () => {
  for (const flag of ['--region', '--skus-file', '--usage-file', '--subscription', '--query']) {
    it(`${flag} ''`, async () => {
      const argv = ['skus', '--region', 'eastus2', flag, ''];
      expect(await bad(argv, { AZURE_DEFAULTS_LOCATION: 'westus2' })).toContain(`error: ${flag} is empty`);
    });
  }
});

describe('conflicts', () => {
  it('--live with an input file', async () => {
    expect(await bad(['skus', '--region', 'eastus2', '--live', '--skus-file', SKUS])).toContain('--live and --skus-file contradict each other');
    expect(await bad(['quota', '--region', 'eastus2', '--live', '--usage-file', USAGE])).toContain('--live and --usage-file contradict each other');
  });

  it('both files from standard input', async () => {
    expect(await bad(['recon', '--region', 'eastus2', '--skus-file', '-', '--usage-file', '-'])).toContain('standard input can be read only once');
  });
});

describe('AZURE_SUBSCRIPTION_ID', () => {
  it('is validated as a GUID before any credential or network call', async () => {
    const stderr = await bad(['skus', '--region', 'eastus2'], { AZURE_SUBSCRIPTION_ID: 'my-sub' });
    expect(stderr).toContain('AZURE_SUBSCRIPTION_ID "my-sub" is not a subscription id (a GUID');
  });
});

describe('regions', () => {
  for (const region of ['east/us', '../x', 'eastus2;rm', '2eastus']) {
    it(`--region ${JSON.stringify(region)} is refused`, async () => {
      expect(await bad(['skus', '--offline', '--region', region])).toContain('is not valid: expected an Azure region name');
    });
  }
});

describe('standard input', () => {
  it('--skus-file - reads the export from stdin', async () => {
    const text = readFileSync(SKUS);
    const r = await cli(['skus', '--skus-file', '-', '--region', 'eastus2', '-o', 'json'], { stdin: async () => text });
    expect(r.code).toBe(0);
    expect(r.json<VmSku[]>().map((s) => s.name)).toContain('Standard_NC24ads_A100_v4');
  });

  it('names standard input in errors', async () => {
    const r = await cli(['skus', '--skus-file', '-', '--region', 'eastus2'], { stdin: async () => Buffer.from('not json') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SKUs file "-" (standard input) is not valid JSON');
  });
});

describe('control characters and binary files', () => {
  it('an SKU name cannot retitle or clear the terminal: escapes in tables, messages and JSON', async () => {
    const records = JSON.parse(readFileSync(SKUS, 'utf8')) as { name: string }[];
    const evil = 'Standard_NC24ads_A100_v4\u001b]0;pwned\u0007\u001b[2J\u009b1m\u202e';
    const path = join(dir, 'evil.json');
    writeFileSync(path, JSON.stringify(records.map((r) => (r.name === 'Standard_NC24ads_A100_v4' ? { ...r, name: evil } : r))));
    for (const output of ['table', 'json', 'csv', 'tsv', 'yaml', 'markdown']) {
      const r = await cli(['skus', '--region', 'eastus2', '--skus-file', path, '--all', '-o', output]);
      expect(r.code, output).toBe(0);
      expect(r.stdout, output).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    }
    const json = await cli(['skus', '--region', 'eastus2', '--skus-file', path, '--all', '-o', 'json']);
    expect(json.json<VmSku[]>().map((s) => s.name)).toContain(evil);
    const table = await cli(['skus', '--region', 'eastus2', '--skus-file', path, '--all']);
    expect(table.stdout).toContain('Standard_NC24ads_A100_v4\\x1b]0;pwned\\x07');
    const err = await cli(['can-deploy', evil, '--region', 'eastus2', '--offline']);
    expect(err.code).toBe(2);
    expect(err.stderr).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(err.stderr).toContain('\\x1b');
  });

  it('a binary file is described, not echoed', async () => {
    const path = join(dir, 'binary.json');
    writeFileSync(path, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x1b, 0x5b, 0x32, 0x4a]));
    const stderr = await bad(['skus', '--region', 'eastus2', '--skus-file', path]);
    expect(stderr).toContain('is a binary file (a NUL byte at offset 3), not JSON text');
    expect(stderr).not.toContain('\u001b');
    const latin = join(dir, 'latin1.json');
    writeFileSync(latin, Buffer.from([0x5b, 0xe9, 0x5d]));
    expect(await bad(['skus', '--region', 'eastus2', '--skus-file', latin])).toContain('is not UTF-8 text');
  });
});

describe('help and hints', () => {
  it('--help lists the allowed values of every enumerated flag', async () => {
    const skus = (await cli(['skus', '--help'])).stdout;
    expect(skus).toContain('table|json|yaml|csv|tsv|markdown');
    expect(skus).toContain('name|price|vram|gpus');
    expect(skus).toContain('NC|ND|NV|NG|NCC');
    expect((await cli(['can-deploy', '--help'])).stdout).toContain('1, 2 or 3');
  });

  it('every help example pastes into bash as it is: no backtick inside double quotes', async () => {
    for (const command of ['recon', 'skus', 'quota', 'can-deploy', 'explain']) {
      const examples = (await cli([command, '--help'])).stdout.split('\n').filter((l) => l.trim().startsWith('$ '));
      expect(examples.length, command).toBeGreaterThan(0);
      for (const e of examples) expect(e, command).not.toMatch(/"[^"']*`[^"']*"/);
    }
  });

  it('--sort price without a region says why there are no prices', async () => {
    const r = await cli(['skus', '--offline', '--sort', 'price', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('prices are per region and no --region was given');
  });
});

describe('write errors on standard output', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'gpuops.js');
  it.runIf(existsSync('/dev/full'))('a full disk is one clear line and exit 1, no stack trace', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, 'skus', '--offline', '--region', 'eastus2'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH, AZURE_CONFIG_DIR: dir } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('error: cannot write the output to standard output (no space left on the device)');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      closeSync(fd);
    }
  });
});

describe('from the hostile trial', () => {
  it('--count beyond any GPU fleet is refused (it printed 216172782113783780 vCPUs)', async () => {
    expect(await bad(['can-deploy', 'Standard_NC24ads_A100_v4', '--count', '9007199254740991', '--region', 'eastus2', '--offline'])).toContain('expected a whole number from 1 to 100,000');
  });

  it('--zone given twice is refused, not "last one wins"', async () => {
    expect(await bad(['can-deploy', 'Standard_NC24ads_A100_v4', '--zone', '1', '--zone', '2', '--region', 'eastus2', '--offline'])).toContain('--zone is given twice ("1" and "2")');
  });

  it('a 100,000-character SKU argument is refused without echoing it', async () => {
    const stderr = await bad(['can-deploy', 'A'.repeat(100_000), '--region', 'eastus2', '--offline']);
    expect(stderr).toContain('(100000 characters) is not a VM size name');
    expect(stderr.length).toBeLessThan(500);
  });

  it('an empty quota name in a usage file is refused', async () => {
    const path = join(dir, 'empty-name.json');
    writeFileSync(path, JSON.stringify([{ name: { value: '' }, currentValue: 0, limit: 10 }]));
    expect(await bad(['quota', '--region', 'eastus2', '--usage-file', path])).toContain('field "name.value": expected a quota name');
  });

  it('the --query hint pastes into bash: single quotes around backticks', async () => {
    const stderr = await bad(['skus', '--offline', '--query', '[?']);
    expect(stderr).toContain("--query '[?gpu.count>=`8`].name'");
  });
});

describe('hints paste into bash and zsh', () => {
  it('no hint or note wraps a command in backticks (only JMESPath literals, inside single quotes)', async () => {
    const runs = [
      ['skus', '--region', 'narnia', '--skus-file', SKUS],
      ['skus', '--region', 'east/us', '--offline'],
      ['skus', '--region', 'eastus2', '--live', '--subscription', 'nope'],
      ['skus', '--region', 'eastus2'],
      ['explain', 'no-such-term'],
      ['skus', '--offline', '--query', '[?'],
      ['can-deploy', 'Standard_ND96isr_H200_v5', '--region', 'eastus2', '--skus-file', SKUS],
    ];
    for (const argv of runs) {
      const r = await cli(argv);
      const lines = (r.stderr + r.stdout).split('\n').filter((l) => /^(hint|note): |\[NOT_IN_EXPORT\]/.test(l) || l.includes('"message"'));
      for (const line of lines) expect(line.replace(/'[^']*'/g, ''), argv.join(' ')).not.toContain('`');
    }
  });
});
