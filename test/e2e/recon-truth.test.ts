// The recon truth pass through the whole CLI: each case of the issue, as a user meets it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VmSku } from '../../src/model/sku.js';
import type { DeployAnswer } from '../../src/recon/can-deploy.js';
import { cli, fixture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-truth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SKUS = fixture('eastus2', 'skus.az.json');
const USAGE = fixture('eastus2', 'usage.az.json');
const records = JSON.parse(readFileSync(SKUS, 'utf8')) as { name: string; locationInfo?: { zones?: string[] | null }[] }[];
let n = 0;
function write(content: unknown): string {
  const path = join(dir, `t${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('1. zones', () => {
  it('a size listed with zones: [] is not deployable in zone 2 (it was YES)', async () => {
    const edited = records.map((r) => (r.name === 'Standard_NC24ads_A100_v4' ? { ...r, locationInfo: r.locationInfo!.map((l) => ({ ...l, zones: [] })) } : r));
    const r = await cli(['can-deploy', 'Standard_NC24ads_A100_v4', '--zone', '2', '--region', 'eastus2', '--skus-file', write(edited), '--usage-file', USAGE, '-o', 'json']);
    expect(r.code).toBe(1);
    const a = r.json<DeployAnswer>();
    expect(a.deployable).toBe(false);
    expect(a.reasons.map((x) => x.code)).toEqual(['ZONE_NOT_OFFERED']);
  });

  for (const zone of ['abc', '7', ' 1', '0', '', '1,2']) {
    it(`--zone ${JSON.stringify(zone)} is refused naming the flag and the valid zones`, async () => {
      const r = await cli(['can-deploy', 'Standard_NC24ads_A100_v4', '--zone', zone, '--region', 'eastus2', '--offline']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--zone ${JSON.stringify(zone)} is not valid`);
      expect(r.stderr).toContain('one of 1, 2, 3');
    });
  }
});

describe('2. Spot quota requests', () => {
  it('print lowPriorityCores with --resource-type lowPriority', async () => {
    const r = await cli(['can-deploy', 'Standard_NC96ads_A100_v4', '--count', '9', '--spot', '--region', 'eastus2', '--skus-file', SKUS, '--usage-file', USAGE]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('--resource-name lowPriorityCores'));
    expect(line).toMatch(/--resource-type lowPriority$/);
    expect(r.stdout).not.toMatch(/lowPriorityCores.*--resource-type dedicated/);
  });
});

describe('3 and 4. sizes missing from an export', () => {
  it('an absent size is unknown with a re-export hint, never "not offered" (it was NOT_OFFERED though priced there)', async () => {
    const r = await cli(['can-deploy', 'Standard_ND96isr_H200_v5', '--region', 'eastus2', '--skus-file', SKUS, '-o', 'json']);
    const a = r.json<DeployAnswer>();
    expect(a.deployable).toBeNull();
    expect(a.reasons[0]!.message).toContain('--all');
    expect(a.reasons[0]!.message).not.toContain('not offered');
  });

  it('a REST page with a nextLink is named incomplete on stderr', async () => {
    const page = write({ value: records, nextLink: 'https://management.azure.com/subscriptions/x/providers/Microsoft.Compute/skus?page=2' });
    const r = await cli(['skus', '--region', 'eastus2', '--skus-file', page, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`SKUs file "${page}": it is one page of a paged REST list (its nextLink is set), so the export is incomplete`);
    const d = await cli(['can-deploy', 'Standard_ND96isr_H200_v5', '--region', 'eastus2', '--skus-file', page, '-o', 'json']);
    expect(d.json<DeployAnswer>().reasons[0]!.message).toContain('may be on a page the file lacks');
  });
});

describe('5. a family absent from the usage data', () => {
  it('lists the request it tells the user to file', async () => {
    const usage = (JSON.parse(readFileSync(USAGE, 'utf8')) as { name: { value: string } }[]).filter((u) => u.name.value !== 'standardNDSH100v5Family');
    const r = await cli(['can-deploy', 'Standard_ND96isr_H100_v5', '--region', 'eastus2', '--skus-file', SKUS, '--usage-file', write(usage), '-o', 'json']);
    const a = r.json<DeployAnswer>();
    expect(a.reasons.map((x) => x.code)).toContain('FAMILY_QUOTA_MISSING');
    expect(a.quotaRequests.map((q) => [q.quota, q.currentLimit, q.newLimit])).toContainEqual(['standardNDSH100v5Family', null, 96]);
  });
});

describe('6. numbers in files', () => {
  it('vCPUs "-24" is refused with exit 2 (it answered "YES (-24 vCPUs)")', async () => {
    const bad = records.map((r) => (r.name === 'Standard_NC24ads_A100_v4' ? JSON.parse(JSON.stringify(r).replace('"name":"vCPUs","value":"24"', '"name":"vCPUs","value":"-24"')) : r));
    const r = await cli(['can-deploy', 'Standard_NC24ads_A100_v4', '--region', 'eastus2', '--skus-file', write(bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad record at index \d+ \(Standard_NC24ads_A100_v4\): capability vCPUs is "-24"/);
    expect(r.stdout).toBe('');
  });

  it('a limit of -48 is refused (it gave "52 free")', async () => {
    const usage = (JSON.parse(readFileSync(USAGE, 'utf8')) as { name: { value: string }; limit: string }[]).map((u) => (u.name.value === 'cores' ? { ...u, limit: '-48' } : u));
    const r = await cli(['quota', '--region', 'eastus2', '--usage-file', write(usage)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field "limit" is "-48"');
  });
});

describe('7. retired sizes', () => {
  for (const [size, date] of [['Standard_NC6', '2023-09-06'], ['Standard_NC6_Promo', '2023-09-06'], ['Standard_NV12', '2023-09-06'], ['Standard_ND24rs', '2023-09-06'], ['Standard_NC24rs_v3', '2025-09-30'], ['Standard_NV12s_v3', '2026-09-30']] as const) {
    it(`${size} is RETIRED (exit 1), retired ${date}`, async () => {
      const r = await cli(['can-deploy', size, '--region', 'eastus', '--offline', '-o', 'json']);
      expect(r.code).toBe(1);
      const a = r.json<DeployAnswer>();
      expect(a.deployable).toBe(false);
      expect(a.reasons.map((x) => x.code)).toContain('RETIRED');
      expect(a.reasons.find((x) => x.code === 'RETIRED')!.message).toContain(date);
    });
  }

  it('skus leaves retired sizes out unless --all, which shows them with the date', async () => {
    const r = await cli(['skus', '--region', 'eastus', '--offline', '--family', 'NC', '-o', 'json']);
    expect(r.json<VmSku[]>().map((s) => s.name)).not.toContain('Standard_NC6_Promo');
    expect(r.stderr).toContain('retired GPU size(s) left out (NC_Promo retired 2023-09-06; NCv3 retired 2025-09-30)');
    const all = await cli(['skus', '--region', 'eastus', '--offline', '--family', 'NC', '--all']);
    expect(all.stdout).toMatch(/Standard_NC6_Promo .*no: retired 2023-09-06/);
  });
});

describe('8. NVLink per size', () => {
  it('one GPU has no NVLink peer ("n/a, 1 GPU"); T4 has none at all', async () => {
    const skus = (await cli(['skus', '--region', 'eastus2', '--offline', '-o', 'json'])).json<VmSku[]>();
    const by = new Map(skus.map((s) => [s.name, s]));
    expect(by.get('Standard_NC24ads_A100_v4')!.nvlink).toBe(false);
    expect(by.get('Standard_NC48ads_A100_v4')!.nvlink).toBe(true);
    expect(by.get('Standard_NC64as_T4_v3')!.nvlink).toBe(false);
    const table = await cli(['skus', '--region', 'eastus2', '--offline', '--gpu', 't4']);
    expect(table.stdout).toMatch(/Standard_NC4as_T4_v3 .*│ n\/a, 1 GPU │/);
  });
});

describe('9. aliases', () => {
  it('the price sheet name is accepted as input and answers for the real size, never listed itself', async () => {
    const r = await cli(['can-deploy', 'Standard_ND96asr_A100_v4', '--region', 'eastus', '--offline', '-o', 'json']);
    expect(r.json<DeployAnswer>().sku).toBe('Standard_ND96asr_v4');
    const all = (await cli(['skus', '--offline', '--all', '-o', 'json'])).json<VmSku[]>();
    expect(all.map((s) => s.name)).not.toContain('Standard_ND96asr_A100_v4');
    expect(all.find((s) => s.name === 'Standard_ND96asr_v4')!.aliases).toEqual(['Standard_ND96asr_A100_v4']);
    // westus3 prices it only under the alias: the real size is priced there.
    const w3 = (await cli(['skus', '--region', 'westus3', '--offline', '--size', 'ND96asr', '-o', 'json'])).json<VmSku[]>();
    expect(w3.map((s) => [s.name, s.price?.paygPerHour])).toEqual([['Standard_ND96asr_v4', 27.197]]);
  });
});

describe('the README says how many sizes the catalog lists', () => {
  it('with the numbers the catalog has', async () => {
    const { catalogSkus } = await import('../../src/catalog/index.js');
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const all = catalogSkus();
    expect(readme).toContain(`The catalog holds ${all.length} Azure N-series GPU sizes`);
    expect(readme).toContain(`${all.filter((s) => s.retirement).length} of the ${all.length} are retired`);
  });
});
