// Every catalog fact checked against the source snapshots in catalog/sources/, parsed here on their
// own (not through the generator), so a wrong transcription or a stale generated module fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalSize } from '../../src/catalog/aliases.js';
import { priceFor } from '../../src/catalog/prices.js';
import { parseSizeName } from '../../src/catalog/size-name.js';
import { catalogSku, catalogSkus, type CatalogSku } from '../../src/catalog/skus.js';

const root = join(import.meta.dirname, '..', '..');
const snapshot = (name: string) => readFileSync(join(root, 'catalog', 'sources', name), 'utf8');
const rowsOf = (text: string, sep: string) => text.trim().split(/\r?\n/).map((l) => l.split(sep));
const isGpu = (name: string) => parseSizeName(name)?.isGpuFamily === true;
const entry = (name: string): CatalogSku => {
  const found = catalogSku(name);
  if (!found) throw new Error(`${name} is missing from the catalog`);
  return found;
};
/** Markdown table rows starting with `| Standard_`, as trimmed cells. */
const mdRows = (text: string) => text.split('\n').filter((l) => l.startsWith('| Standard_')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
const firstNumber = (cell: string) => Number(/[\d,]+(\.\d+)?/.exec(cell)![0].replace(/,/g, ''));

const prices = rowsOf(snapshot('retail-prices-gpu-2026-06-18.csv'), ',').slice(1);
const [skyHead, ...sky] = rowsOf(snapshot('skypilot-azure-vms-v6.csv'), ',');
const api = mdRows(snapshot('resource-skus-gpu-2026-08.md')).map(([name, family, vcpus, memory, gpus]) => ({
  name: name!, family: family!, vcpus: Number(vcpus), memory: Number(memory), gpus: gpus!.startsWith('(') ? null : Number(gpus),
}));
const docs = mdRows(snapshot('docs-gpu-sizes.md'));
const [, ...notices] = rowsOf(snapshot('retirements.tsv'), '\t');

describe('the generated modules', () => {
  it('npm run catalog regenerates them with no difference', () => {
    const r = spawnSync(process.execPath, [join(root, 'catalog', 'generate.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('sizes', () => {
  it('every GPU size of every snapshot is in the catalog (an alias as its real size)', () => {
    const named = [...prices.map((r) => r[0]!), ...sky.map((r) => r[0]!), ...api.map((r) => r.name)].filter(isGpu);
    for (const name of new Set(named)) expect(catalogSku(name), name).toBeDefined();
  });

  it('every catalog size comes from a snapshot', () => {
    const named = new Set([
      ...prices.map((r) => canonicalSize(r[0]!)), ...sky.map((r) => r[0]!), ...api.map((r) => r.name),
      ...notices.flatMap((n) => n[3]!.split(' ').map((s) => `Standard_${s}`)),
    ]);
    for (const s of catalogSkus()) expect(named.has(s.name), s.name).toBe(true);
  });
});

describe('Resource SKUs API snapshot', () => {
  for (const row of api.filter((r) => isGpu(r.name))) {
    it(`${row.name}: family, vCPUs, RAM and GPUs as the API gives them`, () => {
      const s = entry(row.name);
      expect(s.quotaFamily).toBe(row.family);
      expect(s.vcpus).toBe(row.vcpus);
      expect(s.memoryGiB).toBe(row.memory);
      if (row.gpus === null) {
        // No GPUs capability: a count comes from the docs (the facts under the table, or the documented
        // twin the entry names), else it stays unknown.
        if (s.gpu.count !== null) expect(s.factsFrom).toMatch(/derived from twin Standard_\w+|series page/);
      } else if (s.gpu.count === row.gpus) {
        expect(s.factsFrom).toContain('GPUs from the Resource SKUs API');
      } else {
        // A slice: the API rounds it up to 1, and factsFrom says which is shown.
        expect(row.gpus).toBe(1);
        expect(s.factsFrom).toMatch(/GPUs: the API says 1, (the docs \d\/\d of a GPU; the fraction is shown|which it also says for a slice)/);
      }
    });
  }

  it('ND GB200 v6: 4 GPUs of 192 GB from the docs, the API\'s 864 of RAM shown and the docs\' 900 named', () => {
    const s = entry('Standard_ND128isr_NDR_GB200_v6');
    expect(s.gpu).toMatchObject({ count: 4, memoryGiB: 192, totalMemoryGiB: 768 });
    expect(s.factsFrom).toContain("RAM: the API's MemoryGB 864 shown; the docs say 900");
  });
});

describe('docs table snapshot', () => {
  for (const [name, , , gpus, , vcpus, ram, temp] of docs) {
    it(`${name}: GPUs, vCPUs, RAM and temp disk as the docs give them, or the API's value with the docs' named`, () => {
      const s = entry(name!);
      const docGpus = /^(\d+\/\d+|\d+)/.exec(gpus!)![1]!;
      if (docGpus.includes('/')) expect(s.gpu.fraction).toBe(docGpus);
      else expect(s.gpu.count).toBe(Number(docGpus));
      expect(s.vcpus).toBe(Number(vcpus));
      const docRam = firstNumber(ram!);
      if (s.memoryGiB !== docRam) expect(s.factsFrom).toContain(`the docs say ${docRam}`);
      expect(s.tempDiskGiB).toBe(firstNumber(temp!));
    });
  }
});

describe('price snapshots', () => {
  it('every pay-as-you-go row is the price of its size there', () => {
    for (const [name, region, price] of prices.filter((r) => isGpu(r[0]!))) {
      expect(priceFor(canonicalSize(name!), region!)?.paygPerHour, `${name} ${region}`).toBe(Number(price));
    }
  });

  it('a SkyPilot spot price is shown exactly when it is below both pay-as-you-go figures', () => {
    const col = (k: string) => skyHead!.indexOf(k);
    for (const r of sky) {
      const [name, region, spot, skyPayg] = [r[col('InstanceType')]!, r[col('Region')]!, r[col('SpotPrice')]!, r[col('Price')]!];
      const price = priceFor(name, region);
      if (!price) continue;
      const below = spot !== '' && Number(spot) < price.paygPerHour && (skyPayg === '' || Number(spot) < Number(skyPayg));
      expect(price.spotPerHour, `${name} ${region}`).toBe(below ? Number(spot) : undefined);
    }
  });
});

describe('retirement notices snapshot', () => {
  it('every size a notice names carries its date and source; no other size is retired', () => {
    const retired = new Map<string, { date: string; source: string }>();
    for (const [, date, read, sizes, source] of notices) {
      expect(read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source).toMatch(/https:\/\//);
      for (const s of sizes!.split(' ')) retired.set(`Standard_${s}`, { date: date!, source: source! });
    }
    for (const s of catalogSkus()) {
      const notice = retired.get(s.name);
      expect(s.retirement, s.name).toBe(notice?.date);
      expect(s.retirementSource, s.name).toBe(notice?.source);
    }
  });
});
