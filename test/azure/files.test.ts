import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource, readSkusFile, readUsageFile } from '../../src/azure/files.js';
import { InputError } from '../../src/errors.js';
import { fixturePath, loadFixture } from './fixtures.js';

const AZ_SKUS = fixturePath('skus/az-list-skus.multi-region.json');
const REST_SKUS = fixturePath('skus/rest-eastus.page1.json');
const AZ_USAGE = fixturePath('usage/az-list-usage.eastus.json');
const REST_USAGE = fixturePath('usage/rest-usages.eastus.json');

const dir = mkdtempSync(join(tmpdir(), 'gpuops-files-'));
function writeTemp(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The InputError a promise rejects with. */
async function inputError(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('readSkusFile / readUsageFile', () => {
  it('reads a bare array (az output) and a REST page { value }', async () => {
    expect((await readSkusFile(AZ_SKUS)).map((r) => r.name)).toContain('Standard_NV6ads_A10_v5');
    expect(await readSkusFile(REST_SKUS)).toHaveLength(4);
    expect(await readUsageFile(AZ_USAGE)).toHaveLength(9);
    expect(await readUsageFile(REST_USAGE)).toHaveLength(9);
  });

  it('accepts a UTF-8 BOM and the UTF-16LE that Windows PowerShell redirection writes', async () => {
    const text = JSON.stringify(loadFixture('usage/az-list-usage.eastus.json'));
    expect(await readUsageFile(writeTemp('bom.json', `\uFEFF${text}`))).toHaveLength(9);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await readUsageFile(writeTemp('utf16.json', utf16))).toHaveLength(9);
  });

  it('says so when a usage file is given as the SKUs file', async () => {
    const err = await inputError(readSkusFile(AZ_USAGE));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(`SKUs file "${AZ_USAGE}" holds Compute usage entries, not Resource SKU records`);
    expect(err.message).toContain('expected the output of `az vm list-skus --all -o json` or a Resource SKUs REST page { "value": [...] }');
    expect(err.suggestion).toContain('usage file');
  });

  it('says so when a SKUs file is given as the usage file', async () => {
    const err = await inputError(readUsageFile(REST_SKUS));
    expect(err.message).toContain(`Usage file "${REST_SKUS}" holds Resource SKU records, not Compute usage entries`);
    expect(err.message).toContain('`az vm list-usage --location <region> -o json`');
    expect(err.suggestion).toContain('skus file');
  });

  it('names a missing file and what was expected', async () => {
    const err = await inputError(readSkusFile('no/such/skus.json'));
    expect(err.message).toBe(
      'SKUs file "no/such/skus.json" does not exist; expected the output of `az vm list-skus --all -o json` or a Resource SKUs REST page { "value": [...] }',
    );
  });

  it('gives the line and column of invalid JSON', async () => {
    const path = writeTemp('broken.json', '[\n  {"name": "x",}\n]\n');
    const err = await inputError(readSkusFile(path));
    expect(err.message).toMatch(new RegExp(`^SKUs file "${path}" is not valid JSON at line 2, column 16 \\(`));
    expect(err.message).toContain('expected the output of `az vm list-skus');
  });

  it('rejects an empty file and a top-level object without value', async () => {
    expect((await inputError(readUsageFile(writeTemp('empty.json', ' \n')))).message).toContain('is empty');
    const err = await inputError(readUsageFile(writeTemp('obj.json', '{"items": []}')));
    expect(err.message).toContain('holds an object without a "value" array at the top level');
  });

  it('names the first bad record by index and field', async () => {
    const records = loadFixture<Record<string, unknown>[]>('skus/az-list-skus.multi-region.json');
    delete records[2]!.name;
    const path = writeTemp('bad-record.json', JSON.stringify(records));
    const err = await inputError(readSkusFile(path));
    expect(err.message).toContain(`SKUs file "${path}" has a bad record at index 2: field "name":`);
    const usage = writeTemp('bad-usage.json', JSON.stringify([{ currentValue: '1', limit: 'many', name: { value: 'cores' } }]));
    expect((await inputError(readUsageFile(usage))).message).toContain('record at index 0: field "limit"');
  });
});

describe('fileSource', () => {
  it('describes itself as an offline file source naming the files', () => {
    const source = fileSource({ skusFile: AZ_SKUS, usageFile: AZ_USAGE });
    expect(source.info).toMatchObject({ kind: 'file', offline: true });
    expect(source.info.detail).toBe(`SKUs from ${AZ_SKUS}; quota from ${AZ_USAGE}`);
  });

  it('filters a multi-region export to the region, case-insensitively', async () => {
    const listing = await fileSource({ skusFile: AZ_SKUS }).listSkus('EastUS');
    expect(listing.skus.map((s) => s.name).sort()).toEqual(['Standard_D13_v2_Promo', 'Standard_D2_v2', 'Standard_D4s_v3', 'Standard_NV6']);
    expect(listing.source.kind).toBe('file');
    const scus = await fileSource({ skusFile: AZ_SKUS }).listSkus('southcentralus');
    expect(scus.skus.map((s) => s.name)).toContain('Standard_NC24ads_A100_v4');
  });

  it('fails with UNKNOWN_REGION listing the regions the file has', async () => {
    const err = await inputError(fileSource({ skusFile: AZ_SKUS }).listSkus('westeurope'));
    expect(err.code).toBe('UNKNOWN_REGION');
    expect(err.message).toBe(`SKUs file "${AZ_SKUS}" has no SKUs in region "westeurope"; it has records for eastus, southcentralus`);
    expect(err.suggestion).toContain('az vm list-skus --location westeurope --all -o json');
  });

  it('refuses listSkus without a SKUs file and answers quota as unknown without a usage file', async () => {
    const source = fileSource({});
    expect((await inputError(source.listSkus('eastus'))).code).toBe('BAD_USAGE');
    expect((await source.listQuota('eastus')).usages).toBeNull();
  });

  it('reads quota from the usage file', async () => {
    const quota = await fileSource({ usageFile: REST_USAGE }).listQuota('eastus');
    expect(quota.usages?.find((u) => u.family === 'cores')).toEqual({
      family: 'cores',
      name: 'Total Regional vCPUs',
      used: 40,
      limit: 350,
      available: 310,
    });
  });
});
