// Numbers, repeats and partial exports in input files (recon truth pass, cases 4 and 6).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../src/azure/files.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-files-truth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(content: unknown): string {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

function sku(name: string, caps: Record<string, string>, family = 'StandardNCADSA100v4Family') {
  return {
    resourceType: 'virtualMachines', name, family, locations: ['eastus2'],
    locationInfo: [{ location: 'eastus2', zones: ['1', '2'] }],
    capabilities: Object.entries(caps).map(([k, v]) => ({ name: k, value: v })),
    restrictions: [],
  };
}
const good = { vCPUs: '24', MemoryGB: '220', GPUs: '1' };

async function error(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('numbers in a SKUs file', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['negative vCPUs', { ...good, vCPUs: '-24' }, /capability vCPUs is "-24"; expected a whole number from 1 to 100000/],
    ['zero vCPUs', { ...good, vCPUs: '0' }, /capability vCPUs is "0"/],
    ['endless vCPUs', { ...good, vCPUs: '1e308' }, /capability vCPUs is "1e308"/],
    ['fractional vCPUs', { ...good, vCPUs: '2.5' }, /capability vCPUs is "2.5"/],
    ['words for GPUs', { ...good, GPUs: 'eight' }, /capability GPUs is "eight", not a finite decimal number/],
    ['negative GPUs', { ...good, GPUs: '-1' }, /capability GPUs is "-1"/],
    ['empty MemoryGB', { ...good, MemoryGB: '' }, /capability MemoryGB is "", not a finite decimal number/],
    ['Infinity MemoryGB', { ...good, MemoryGB: 'Infinity' }, /capability MemoryGB is "Infinity", not a finite decimal number/],
    ['hexadecimal vCPUs', { ...good, vCPUs: '0x18' }, /capability vCPUs is "0x18", not a finite decimal number/],
    ['absurd MemoryGB', { ...good, MemoryGB: '99999999999' }, /capability MemoryGB is "99999999999"; expected a number from 0 to 10000000/],
  ];
  for (const [what, caps, message] of cases) {
    it(`refuses ${what}, naming the file, the record and the field`, async () => {
      const path = write([sku('Standard_D2s_v3', { vCPUs: '2' }), sku('Standard_NC24ads_A100_v4', caps)]);
      const e = await error(fileSource({ skusFile: path }).listSkus('eastus2'));
      expect(e.message).toContain(`SKUs file "${path}" has a bad record at index 1 (Standard_NC24ads_A100_v4)`);
      expect(e.message).toMatch(message);
      expect(e.exitCode).toBe(2);
    });
  }

  it('accepts fractional memory (MemoryGB "0.75" is real)', async () => {
    const path = write([sku('Standard_B1ls', { vCPUs: '1', MemoryGB: '0.5' })]);
    expect((await fileSource({ skusFile: path }).listSkus('eastus2')).skus[0]!.memoryGiB).toBe(0.5);
  });

  it('two records of one size in one region with different values: names both and stops', async () => {
    const path = write([sku('Standard_NC24ads_A100_v4', good), sku('Standard_NC24ads_A100_v4', { ...good, vCPUs: '48' })]);
    const e = await error(fileSource({ skusFile: path }).listSkus('eastus2'));
    expect(e.message).toContain('record at index 1 (Standard_NC24ads_A100_v4)');
    expect(e.message).toContain('repeats the size of the record at index 0');
  });

  it('an identical repeat is harmless and listed once', async () => {
    const path = write([sku('Standard_NC24ads_A100_v4', good), sku('Standard_NC24ads_A100_v4', good)]);
    expect((await fileSource({ skusFile: path }).listSkus('eastus2')).skus.map((s) => s.name)).toEqual(['Standard_NC24ads_A100_v4']);
  });
});

describe('numbers in a usage file', () => {
  const usage = (value: string, current: unknown, limit: unknown) => ({ name: { value, localizedValue: value }, currentValue: current, limit, unit: 'Count' });
  const cases: [string, unknown, unknown, RegExp][] = [
    ['a negative limit', '0', '-48', /field "limit" is "-48"; expected a whole number of at least 0/],
    ['a negative current value', -1, 10, /field "currentValue" is -1/],
    ['an endless limit', 0, 1e308, /field "limit" is 1e\+308/],
    ['a fractional limit', '0', '10.5', /field "limit" is "10.5"/],
  ];
  for (const [what, current, limit, message] of cases) {
    it(`refuses ${what}`, async () => {
      const path = write([usage('cores', '0', '100'), usage('standardNCADSA100v4Family', current as string, limit as string)]);
      const e = await error(fileSource({ usageFile: path }).listQuota('eastus2'));
      expect(e.message).toContain(`Usage file "${path}" has a bad record at index 1 (standardNCADSA100v4Family)`);
      expect(e.message).toMatch(message);
    });
  }

  it('the same quota twice with other numbers: names both and stops', async () => {
    const path = write([usage('cores', '0', '100'), usage('Cores', '0', '350')]);
    const e = await error(fileSource({ usageFile: path }).listQuota('eastus2'));
    expect(e.message).toContain('index 1 (Cores)');
    expect(e.message).toContain('entry at index 0');
  });
});

describe('incomplete exports', () => {
  it('a REST page whose nextLink is set is named incomplete; null nextLink is complete', async () => {
    const paged = write({ value: [sku('Standard_NC24ads_A100_v4', good)], nextLink: 'https://management.azure.com/next?page=2' });
    const whole = write({ value: [sku('Standard_NC24ads_A100_v4', good)], nextLink: null });
    expect((await fileSource({ skusFile: paged }).listSkus('eastus2')).export).toEqual({
      file: paged, incomplete: 'it is one page of a paged REST list (its nextLink is set), so the export is incomplete',
    });
    expect((await fileSource({ skusFile: whole }).listSkus('eastus2')).export).toEqual({ file: whole });
  });

  it('a usage page with a nextLink is named incomplete too', async () => {
    const paged = write({ value: [{ name: { value: 'cores' }, currentValue: 0, limit: 10 }], nextLink: 'https://x/next' });
    expect((await fileSource({ usageFile: paged }).listQuota('eastus2')).export?.incomplete).toMatch(/nextLink/);
  });
});
