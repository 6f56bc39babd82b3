import { describe, expect, it } from 'vitest';
import type { VmSku } from '../../src/model/sku.js';
import type { DeployAnswer } from '../../src/recon/can-deploy.js';
import type { ReconReport } from '../../src/recon/report.js';
import { cli } from '../support/cli.js';

describe('offline (embedded catalog)', () => {
  it('recon --region eastus2 answers from the catalog and says it is offline', async () => {
    const r = await cli(['recon', '--region', 'eastus2', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/offline: no Azure subscription is configured.*facts read 2026-06-18/);
    const rep = r.json<ReconReport>();
    expect(rep.source).toEqual({ kind: 'catalog', detail: 'embedded catalog (offline)', asOf: '2026-06-18', offline: true });
    expect(rep.t4Skus.map((s) => s.sku)).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC8as_T4_v3', 'Standard_NC16as_T4_v3', 'Standard_NC64as_T4_v3']);
    expect(rep.a100Skus.map((s) => [s.sku, s.gpus])).toEqual([
      ['Standard_NC24ads_A100_v4', 1], ['Standard_NC48ads_A100_v4', 2], ['Standard_NC96ads_A100_v4', 4],
      ['Standard_ND96ams_A100_v4', 8], ['Standard_ND96amsr_A100_v4', 8],
    ]);
    expect(rep.vcpuRange!.min).toEqual({ sku: 'Standard_NC4as_T4_v3', vcpus: 4 });
    expect(rep.quotas).toBeNull();
    expect(rep.singleA100.sku).toBe('Standard_NC24ads_A100_v4');
    expect(rep.singleA100.deployable).toBeNull();
    expect(rep.singleA100.reasons.map((x) => x.code)).toEqual(['AVAILABILITY_UNKNOWN', 'QUOTA_UNKNOWN']);
    const nd = new Map(rep.ndGpusPerVm.map((x) => [x.sku, x.gpus]));
    expect(nd.get('Standard_ND96isr_H100_v5')).toBe(8);
    expect(nd.get('Standard_ND96isr_H200_v5')).toBe(8);
    expect(nd.get('Standard_ND96isr_MI300X_v5')).toBe(8);
    // The ND GB200 v6 docs state 4 GPUs (the API has no GPUs capability); its 'f' variant is in no source: unknown.
    expect(nd.get('Standard_ND128isr_NDR_GB200_v6')).toBe(4);
  });

  it('the human report answers every question and names its source', async () => {
    const r = await cli(['recon', '--region', 'eastus2', '--offline']);
    expect(r.stdout).toContain('source: embedded catalog (offline), facts read 2026-06-18');
    expect(r.stdout).toContain('5. Can one A100 VM be deployed today? unknown (Standard_NC24ads_A100_v4)');
    expect(r.stdout).toContain('  - Standard_NC64as_T4_v3: 4 x T4');
  });

  it('skus --offline without a region lists the whole catalog; with one, prices for it', async () => {
    const all = (await cli(['skus', '--offline', '-o', 'json'])).json<VmSku[]>();
    expect(all.length).toBeGreaterThan(60);
    expect(all.every((s) => s.available === null && s.price === undefined)).toBe(true);
    expect(all.some((s) => s.gpu.count === 0)).toBe(false);
    const h200 = (await cli(['skus', '--offline', '--region', 'eastus2', '--gpu', 'h200', '-o', 'json'])).json<VmSku[]>();
    expect(h200.map((s) => [s.name, s.gpu.count, s.gpu.memoryGiB, s.price?.paygPerHour])).toEqual([['Standard_ND96isr_H200_v5', 8, 141, 84.8]]);
  });

  it('quota offline lists the region GPU families with unknown numbers, never invented ones', async () => {
    const r = await cli(['quota', '--region', 'eastus2', '--offline', '-o', 'json']);
    expect(r.code).toBe(0);
    const rows = r.json<{ family: string; used: null; limit: null }[]>();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((x) => x.used === null && x.limit === null)).toBe(true);
    expect(rows.map((x) => x.family)).toContain('StandardNCADSA100v4Family');
    expect(r.stderr).toContain('quota is unknown without Azure');
  });

  it('can-deploy offline is unknown and exits 1, with the reasons', async () => {
    const r = await cli(['can-deploy', 'Standard_NC24ads_A100_v4', '--region', 'eastus2', '--offline', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.json<DeployAnswer>()).toMatchObject({ deployable: null, vcpusNeeded: 24, family: null, shortfallVcpus: null });
  });

  it('explain and glossary translate AI terms', async () => {
    const tpm = await cli(['explain', 'tpm', '-o', 'json']);
    expect(tpm.json()).toMatchObject({ term: 'TPM', infra: 'RPS (throughput)' });
    const model = await cli(['explain', 'model']);
    expect(model.stdout).toContain('model  =  compiled binary');
    const g = (await cli(['glossary', '-o', 'json'])).json<{ term: string; infra: string }[]>();
    const infra = new Map(g.map((e) => [e.term, e.infra]));
    expect(infra.get('training')).toBe('batch job');
    expect(infra.get('inference')).toBe('API call');
    expect(infra.get('checkpoint')).toMatch(/snapshot/);
    expect(infra.get('PTU')).toMatch(/reserved instance/);
    const search = (await cli(['glossary', 'snapshot', '-o', 'json'])).json<{ term: string }[]>();
    expect(search.map((e) => e.term)).toContain('checkpoint');
  });
});

describe('defaults', () => {
  it('takes the region from AZURE_DEFAULTS_LOCATION, as az does', async () => {
    const r = await cli(['can-deploy', 'Standard_NC24ads_A100_v4', '--offline', '-o', 'json'], { env: { AZURE_DEFAULTS_LOCATION: 'westeurope' } });
    expect(r.json<DeployAnswer>().region).toBe('westeurope');
  });

  it('help shows examples', async () => {
    const r = await cli(['can-deploy', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ gpuops can-deploy Standard_ND96isr_H100_v5 --count 8 --region eastus2');
  });
});
