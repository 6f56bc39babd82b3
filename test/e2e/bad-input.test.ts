import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-bad-'));
const notJson = join(dir, 'skus.json');
writeFileSync(notJson, '[{"name": "Standard_NC6s_v3",,]\n');
const skus = fixture('eastus2', 'skus.az.json');
const usage = fixture('eastus2', 'usage.az.json');

/** Every bad input: exit 2, a message naming the input, no stack trace. */
async function bad(argv: string[], ...expected: (string | RegExp)[]) {
  const r = await cli(argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r;
}

describe('bad input: clear message, exit 2, nothing on stdout', () => {
  it('a missing file', async () => {
    await bad(['skus', '--region', 'eastus2', '--skus-file', join(dir, 'nope.json')], /nope\.json/, /(not found|does not exist|no such file)/i);
  });

  it('a file that is not JSON names the file and the line', async () => {
    await bad(['skus', '--region', 'eastus2', '--skus-file', notJson], /skus\.json/, /is not valid JSON at line 1, column 30 \(/);
  });

  it('JSON of the wrong shape: a usage export given as a SKU file', async () => {
    await bad(['skus', '--region', 'eastus2', '--skus-file', usage], /usage\.az\.json/, /az vm list-skus/);
  });

  it('a SKU export given as a usage file', async () => {
    await bad(['quota', '--region', 'eastus2', '--skus-file', skus, '--usage-file', skus], /skus\.az\.json/, /az vm list-usage/);
  });

  it('an unknown SKU suggests the nearest names', async () => {
    await bad(['can-deploy', 'Standard_NC24ads_A100_v9', '--region', 'eastus2', '--skus-file', skus, '--usage-file', usage], /"Standard_NC24ads_A100_v9"/, /did you mean Standard_NC24ads_A100_v4/);
    await bad(['can-deploy', 'Standard_NC24ads_A100_v9', '--region', 'eastus2', '--offline'], /did you mean Standard_NC24ads_A100_v4/);
  });

  it('an unknown region, offline and in a file', async () => {
    await bad(['recon', '--region', 'eastus9', '--offline'], /eastus9/, /eastus2/);
    await bad(['skus', '--region', 'westeurope', '--skus-file', skus], /westeurope/, /eastus2/);
  });

  it('--count 0, a bad --min-gpus, a bad -o, a bad --query, a missing --region, an unknown flag or command', async () => {
    await bad(['can-deploy', 'Standard_NC24ads_A100_v4', '--count', '0', '--region', 'eastus2', '--offline'], /--count "0"/, /whole number from 1 to 100,000/);
    await bad(['skus', '--offline', '--min-gpus', 'many'], /--min-gpus "many"/);
    await bad(['skus', '--offline', '-o', 'xml'], /--output "xml"/, /table, json, yaml, csv, tsv, markdown/);
    await bad(['skus', '--offline', '--query', '[?gpu.count >'], /--query/, /JMESPath/);
    await bad(['quota', '--offline'], /--region is required/, /eastus2/);
    await bad(['skus', '--offline', '--frobnicate'], /unknown option '--frobnicate'/);
    await bad(['skuz'], /unknown command 'skuz'/);
    await bad(['explain', 'flux-capacitor'], /flux-capacitor/);
    await bad(['skus', '--offline', '--live'], /contradict/);
  });
});

describe('the installed binary', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'gpuops.js');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, AZURE_CONFIG_DIR: dir } });

  it('exits 2 without a stack trace, and shows one with --debug', () => {
    const r = run('skus', '--region', 'eastus2', '--skus-file', notJson);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .*skus\.json/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const d = run('skus', '--region', 'eastus2', '--skus-file', notJson, '--debug');
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/^\s+at /m);
  });

  it('exits 0 on a deployable answer and 1 on a negative one', () => {
    expect(run('can-deploy', 'Standard_NC24ads_A100_v4', '--count', '2', '--region', 'eastus2', '--skus-file', skus, '--usage-file', usage).status).toBe(0);
    expect(run('can-deploy', 'Standard_NC24ads_A100_v4', '--count', '3', '--region', 'eastus2', '--skus-file', skus, '--usage-file', usage).status).toBe(1);
  });
});
