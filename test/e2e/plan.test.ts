import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/workload-plan.js';
import type { DeployAnswer } from '../../src/recon/can-deploy.js';
import { startReplayServer, SUB, TEST_CA, type ReplayServer } from '../azure/replay-server.js';
import { cli, fixture } from '../support/cli.js';

// Friday 2026-11-27 10:00 UTC: "by Wednesday" is 2026-12-02.
const NOW = '2026-11-27T10:00:00Z';
const run = (argv: string[], extra = {}) => cli(argv, { now: NOW, ...extra });
const MONDAY = ['--gpus', '8', '--gpu', 'A100', '--interconnect', 'nvlink', '--scratch', '2TB', '--purpose', 'fine-tuning', '--hours', '60', '--region', 'eastus2', '--deadline', '2026-12-02T09:00'];
const FILES = ['--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')];

describe('gpuops plan offline (catalog)', () => {
  it('answers the Monday-morning request: one 8-GPU NVLink VM first, quota unknown, file-by time', async () => {
    const r = await run(['plan', ...MONDAY, '-o', 'json']);
    expect(r.code).toBe(0);
    const p = r.json<Plan>();
    expect(p.request).toEqual({ gpus: 8, gpu: 'A100', interconnect: 'nvlink', scratchGiB: 1862.65, purpose: 'fine-tuning', hours: 60, region: 'eastus2', deadline: '2026-12-02T09:00:00Z', spot: false });
    const first = p.candidates[0]!;
    expect(first.gpus).toBe(8);
    expect(first.count).toBe(1);
    expect(first.nvlink).toBe(true);
    expect(p.recommended).toEqual({ sku: first.sku, count: 1, region: 'eastus2' });
    // Offline, quota is unknown for every candidate, never invented.
    expect(p.candidates.every((c) => c.quota === null)).toBe(true);
    expect(p.fileQuotaBy).toBe('2026-11-29T09:00:00Z');
    // Every A100 size the catalog prices in eastus2 is a candidate; 1-, 2- and 4-GPU ones miss NVLink.
    for (const c of p.candidates.filter((x) => x.gpus / x.count < 8)) expect(c.meetsRequirements).toBe(false);
    expect(first.totalCost).toBe(Math.round(first.pricePerHour! * 60 * 100) / 100);
    expect(p.guardrails.budget.amount).toBe(Math.ceil(first.totalCost!));
    expect(r.stderr).toMatch(/offline/);
  });

  it('-o yaml is self-contained: request, recommended, candidates[0] and guardrails', async () => {
    const r = await run(['plan', ...MONDAY, '--owner', 'ana@example.com', '--cost-center', 'cc-42', '-o', 'yaml']);
    const p = parseYaml(r.stdout) as Plan;
    expect(p.kind).toBe('gpuops/plan');
    expect(p.version).toBe(1);
    expect(p.recommended).toEqual({ sku: p.candidates[0]!.sku, count: p.candidates[0]!.count, region: p.candidates[0]!.region });
    expect(p.guardrails.tags).toEqual({ owner: 'ana@example.com', 'cost-center': 'cc-42', expires: '2026-12-05', workload: 'fine-tuning' });
    expect(Object.keys(p.guardrails).sort()).toEqual(['budget', 'checkpoints', 'shutdown', 'tags']);
  });

  it('plain words: shows how each part was read, relative to the given now', async () => {
    const r = await run(['plan', '8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday', '--region', 'eastus2', '-o', 'json']);
    const p = r.json<Plan>();
    expect(p.reading!.map((x) => x.text)).toEqual(['8 a100 gpus', 'nvlink', '2 tb nvme', 'fine-tuning', 'by wednesday']);
    expect(p.request.deadline).toBe('2026-12-02T09:00:00Z');
    expect(p.request.interconnect).toBe('nvlink');
    const text = await run(['plan', '8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday', '--region', 'eastus2']);
    expect(text.stdout).toContain('"by wednesday" -> deadline: 2026-12-02T09:00:00Z');
  });

  it('a YAML request file gives the same plan as the flags', async () => {
    const fromFile = (await run(['plan', '--request', fixture('plan', 'request.yaml'), '-o', 'json'])).json<Plan>();
    const fromFlags = (await run(['plan', ...MONDAY, '-o', 'json'])).json<Plan>();
    expect(fromFile.request).toEqual(fromFlags.request);
    expect(fromFile.candidates).toEqual(fromFlags.candidates);
  });

  it('flags override the file, field by field', async () => {
    const p = (await run(['plan', '--request', fixture('plan', 'request.yaml'), '--gpus', '4', '-o', 'json'])).json<Plan>();
    expect([p.request.gpus, p.request.gpu, p.request.hours]).toEqual([4, 'A100', 60]);
  });

  it('--any-region compares regions, cheapest first among equals', async () => {
    const r = await run(['plan', '--gpus', '8', '--gpu', 'H100', '--interconnect', 'nvlink', '--hours', '10', '--any-region', '-o', 'json']);
    const p = r.json<Plan>();
    const regions = new Set(p.candidates.map((c) => c.region));
    expect(regions.size).toBeGreaterThan(5);
    const meeting = p.candidates.filter((c) => c.meetsRequirements === true);
    const costs = meeting.map((c) => c.totalCost ?? Infinity);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(p.request.region).toBe('any');
  });
});

describe('gpuops plan on az exports: the quota answer is can-deploy\'s', () => {
  it('each candidate has the same reasons and quota requests as `gpuops can-deploy`', async () => {
    const p = (await run(['plan', ...MONDAY, ...FILES, '-o', 'json'])).json<Plan>();
    expect(p.candidates.length).toBeGreaterThan(2);
    for (const c of p.candidates) {
      const d = (await run(['can-deploy', c.sku, '--count', String(c.count), '--region', 'eastus2', ...FILES, '-o', 'json'])).json<DeployAnswer>();
      expect(c.reasons).toEqual(d.reasons);
      expect(c.quotaRequests).toEqual(d.quotaRequests);
      expect(c.quota).toEqual({ deployable: d.deployable, shortfallVcpus: d.shortfallVcpus });
    }
  });

  it('a size the export marks restricted is never recommended', async () => {
    const p = (await run(['plan', '--gpus', '1', '--gpu', 'A100', '--region', 'eastus2', ...FILES, '-o', 'json'])).json<Plan>();
    const restricted = p.candidates.filter((c) => c.reasons.some((x) => x.code === 'LOCATION_RESTRICTED'));
    for (const c of restricted) expect(c.quota!.deployable).toBe(false);
    if (p.recommended) expect(restricted.map((c) => c.sku)).not.toContain(p.recommended.sku);
  });
});

describe('gpuops plan --live against the loopback ARM and Retail Prices server', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const azure = () => ({ azure: { credential, endpoint: server.url, tlsCa: TEST_CA, maxRetries: 1 } });

  it('reads SKUs, quota and prices live; the quota answer is the live can-deploy answer', async () => {
    const argv = ['--region', 'eastus', '--live', '--subscription', SUB.ok, '-o', 'json'];
    const r = await run(['plan', '--gpus', '1', '--gpu', 'A100', '--hours', '10', ...argv], azure());
    expect(r.stderr).not.toMatch(/offline/);
    const p = r.json<Plan>();
    const c = p.candidates.find((x) => x.sku === 'Standard_NC24ads_A100_v4')!;
    expect(c.pricePerHour).toBe(3.4);
    expect(c.priceSource).toMatch(/Azure Retail Prices API \(live/);
    const d = (await run(['can-deploy', 'Standard_NC24ads_A100_v4', '--count', '1', ...argv], azure())).json<DeployAnswer>();
    expect(c.reasons).toEqual(d.reasons);
    expect(c.quotaRequests).toEqual(d.quotaRequests);
    expect(c.quotaRequestBodies.every((b) => b.url.includes(`/subscriptions/${SUB.ok}/`))).toBe(true);
    expect(server.seen.some((s) => s.path === '/api/retail/prices')).toBe(true);
  });

  it('--any-region reads each region once (one SKU listing, one usage listing), with progress; empty regions are skipped', async () => {
    server.seen.length = 0;
    const said: string[] = [];
    const r = await run(['plan', '--gpus', '1', '--gpu', 'A100', '--any-region', '--live', '--subscription', SUB.ok, '-o', 'json'],
      { ...azure(), progress: (t: string) => said.push(t) });
    expect(r.code).toBe(0);
    const { knownRegions } = await import('../../src/catalog/index.js');
    const regions = knownRegions();
    const firstSkuPages = server.seen.filter((s) => s.path.endsWith('/skus') && !s.query.get('$skiptoken')).map((s) => s.query.get('$filter'));
    expect(firstSkuPages.sort()).toEqual(regions.map((x) => `location eq '${x}'`).sort());
    expect(server.seen.filter((s) => s.path.endsWith('/usages')).map((s) => s.path.split('/')[6]).sort()).toEqual([...regions].sort());
    expect(said.filter((t) => /^reading [a-z0-9]+ \(\d+\/\d+\)/.test(t))).toHaveLength(regions.length);
    // The replay server lists SKUs for eastus only: every other region is skipped, and said.
    expect(r.json<Plan>().candidates.every((c) => c.region === 'eastus')).toBe(true);
    expect(r.stderr).toContain(`${regions.length - 1} of ${regions.length} regions were skipped`);
  });
});

describe('gpuops plan, bad input (exit 2, no stack trace)', () => {
  it.each([
    [['plan', '--gpus', '8', '--region', 'eastus2', '--deadline', '2026-11-20T09:00'], /deadline 2026-11-20T09:00:00Z is already past/],
    [['plan', '--gpus', '8', '--region', 'eastus2', '--hours', '-3'], /--hours "-3" is not valid/],
    [['plan', '--gpus', '-8', '--region', 'eastus2'], /--gpus "-8" is not valid/],
    [['plan', '--gpus', '8'], /--region is required/],
    [['plan', '--gpus', '8', '--region', 'mars'], /region "mars" is not among/],
    [['plan', '--gpus', '8', '--region', 'eastus2', '--scratch', 'big'], /--scratch "big" is not valid/],
    [['plan', '--gpus', '8', '--region', 'eastus2', '--deadline', 'soon'], /--deadline "soon" is not valid/],
    [['plan', '--gpus', '8', '--any-region', '--regions', 'eastus2'], /pass one of them/],
    [['plan', '--gpus', '8', '--region', 'eastus2', '--shutdown-time', '25:00'], /--shutdown-time "25:00"/],
    [['plan', '--request', fixture('plan', 'request.bad.yaml')], /request\.bad\.yaml is not valid YAML at line \d+, column \d+/],
    [['plan', '--request', fixture('plan', 'missing.yaml')], /does not exist/],
    [['plan', '--request', fixture('plan', 'binary.bin')], /binary\.bin is a binary file \(a NUL byte at offset 7\), not YAML text/],
    [['plan', 'some GPUs please', '--region', 'eastus2'], /no GPU count found/],
    [['plan', '--region', 'eastus2'], /names no GPU count/],
    [['plan', '8 A100 and 4 H100', '--region', 'eastus2'], /names more than one GPU count/],
    [['plan', '--gpus', '2', '--gpu', '', '--region', 'eastus2'], /--gpu is empty/],
    [['plan', '--gpus', '8', '--gpu', 'Z9000', '--region', 'eastus2'], /--gpu "Z9000" matches no GPU model the catalog knows/],
    [['plan', '--gpus', '8', '--gpu', 'a1000', '--region', 'eastus2'], /did you mean .*A100/],
    [['plan', '--gpus', '2', '--region', 'eastus2', '--timezone', ''], /--timezone is empty|--timezone "" is not valid/],
    [['plan', '--gpus', '8', '--regions', ','], /names no region/],
    [['plan', '--gpus', '8', '--regions', 'eastus2,mars'], /region "mars" is not among/],
    [['plan', '--gpus', '8', '--region', 'eastus2', '--delete-after-days', '5'], /lifecycle days must grow/],
    [['plan', '--gpus', '100000', '--region', 'eastus2'], /from 1 to 4096/],
    [['plan', '--request', fixture('plan', 'config.llama-3.1-8b.json')], /request file .* is not valid: gpus: /],
  ])('%j', async (argv, message) => {
    const r = await run([...argv, '--offline']);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\.ts:\d+/);
  });

  it('a SKUs file that is one page of a paged list is named incomplete on stderr, as the recon commands do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuops-plan-'));
    try {
      const page = join(dir, 'skus.page1.json');
      const records: unknown = JSON.parse(readFileSync(fixture('eastus2', 'skus.az.json'), 'utf8'));
      writeFileSync(page, JSON.stringify({ value: records, nextLink: 'https://management.azure.com/subscriptions/x/providers/Microsoft.Compute/skus?page=2' }));
      const r = await run(['plan', '--gpus', '1', '--gpu', 'A100', '--region', 'eastus2', '--skus-file', page, '-o', 'json']);
      expect(r.json<Plan>().candidates.length).toBeGreaterThan(0);
      expect(r.stderr).toContain(`SKUs file "${page}": it is one page of a paged REST list (its nextLink is set), so the export is incomplete`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a request file saved as UTF-16 (Windows PowerShell `>`) reads as the same request', async () => {
    const read = (f: string) => run(['plan', '--request', fixture('plan', f), '--offline', '-o', 'json']);
    const [utf8, utf16] = await Promise.all([read('request.yaml'), read('request.utf16.yaml')]);
    expect(utf16.code).toBe(utf8.code);
    expect(utf16.json<Plan>().request).toEqual(utf8.json<Plan>().request);
    expect(utf16.json<Plan>().request.gpus).toBe(8);
  });

  it('a GPU no size carries is a negative answer (exit 1) with a warning', async () => {
    const r = await run(['plan', '--gpus', '2', '--gpu', 'V100', '--region', 'eastus2', '--offline', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.json<Plan>().warnings[0]).toMatch(/no size in eastus2 carries V100 GPUs/);
  });
});
