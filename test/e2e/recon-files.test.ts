import { describe, expect, it } from 'vitest';
import type { VmSku } from '../../src/model/sku.js';
import type { DeployAnswer } from '../../src/recon/can-deploy.js';
import type { ReconReport } from '../../src/recon/report.js';
import { cli, fixture } from '../support/cli.js';

// An eastus2-like region exported with `az vm list-skus -o json` / `az vm list-usage -o json`
// (usage numbers as strings): T4, A100, H100, a Location-restricted ND A100 v4, a Zone-restricted
// NC H100 v5, fractional A10 slices, a non-GPU size and one record of another region.
const files = ['--region', 'eastus2', '--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')];
const names = (xs: { name: string }[]) => xs.map((x) => x.name).sort();

describe('gpuops skus (files)', () => {
  it('lists GPU sizes only, hides the restricted one with a note, and --all shows it with its reason', async () => {
    const r = await cli(['skus', ...files, '-o', 'json']);
    expect(r.code).toBe(0);
    const skus = r.json<VmSku[]>();
    expect(names(skus)).toEqual([
      'Standard_NC16as_T4_v3', 'Standard_NC24ads_A100_v4', 'Standard_NC40ads_H100_v5', 'Standard_NC48ads_A100_v4',
      'Standard_NC4as_T4_v3', 'Standard_NC64as_T4_v3', 'Standard_NC8as_T4_v3', 'Standard_NC96ads_A100_v4',
      'Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_NV36ads_A10_v5', 'Standard_NV6ads_A10_v5',
    ]);
    expect(r.stderr).toContain('Standard_ND96asr_v4: NotAvailableForSubscription');
    const all = (await cli(['skus', ...files, '--all', '-o', 'json'])).json<VmSku[]>();
    const nd = all.find((s) => s.name === 'Standard_ND96asr_v4')!;
    expect(nd.available).toBe(false);
    expect(nd.restrictions).toEqual([{ type: 'Location', reason: 'NotAvailableForSubscription' }]);
    expect(nd.gpu).toMatchObject({ model: 'A100-40GB-SXM', count: 8, memoryGiB: 40 });
  });

  it('gets the facts right: fractional A10, GPU model from the catalog, zone restriction, price', async () => {
    const skus = (await cli(['skus', ...files, '-o', 'json'])).json<VmSku[]>();
    const by = (n: string) => skus.find((s) => s.name === n)!;
    expect(by('Standard_NV6ads_A10_v5').gpu).toEqual({ model: 'A10', count: 1 / 6, memoryGiB: 4, totalMemoryGiB: 4, fraction: '1/6' });
    expect(by('Standard_NC24ads_A100_v4')).toMatchObject({
      quotaFamily: 'StandardNCADSA100v4Family', vcpus: 24, memoryGiB: 220, tempDiskGiB: 64,
      gpu: { model: 'A100-80GB-PCIe', count: 1, memoryGiB: 80 }, price: { paygPerHour: 3.673, currency: 'USD', asOf: '2026-06-18' },
    });
    expect(by('Standard_NC40ads_H100_v5')).toMatchObject({ available: true, restrictions: [{ type: 'Zone', zones: ['3'] }] });
    expect(by('Standard_ND96isr_H100_v5')).toMatchObject({ infiniband: true, gpu: { count: 8, totalMemoryGiB: 640 } });
  });

  it('filters and sorts like the flags say', async () => {
    const run = async (...args: string[]) => (await cli(['skus', ...files, ...args, '-o', 'json'])).json<VmSku[]>().map((s) => s.name);
    expect(await run('--gpu', 'h100', '--sort', 'price')).toEqual(['Standard_NC40ads_H100_v5', 'Standard_ND96isr_H100_v5']);
    expect(await run('--min-gpus', '8', '--sort', 'price')).toEqual(['Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5']);
    // ND96asr_v4 has no eastus2 price in the catalog: unknown prices sort last.
    expect(await run('--infiniband', '--all', '--sort', 'price')).toEqual(['Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_ND96asr_v4']);
    expect(await run('--family', 'NV')).toEqual(['Standard_NV6ads_A10_v5', 'Standard_NV36ads_A10_v5']);
    expect(await run('--min-vram', '300', '--sort', 'vram')).toEqual(['Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_NC96ads_A100_v4']);
    expect(await run('--size', 'Standard_NC4', '--sort', 'price')).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC40ads_H100_v5', 'Standard_NC48ads_A100_v4']);
  });

  it('renders csv, tsv, yaml and applies --query like az', async () => {
    const q = await cli(['skus', ...files, '--gpu', 't4', '--sort', 'price', '--query', '[].{name: name, gpus: gpu.count}', '-o', 'tsv']);
    expect(q.stdout).toBe('Standard_NC4as_T4_v3\t1\nStandard_NC8as_T4_v3\t1\nStandard_NC16as_T4_v3\t1\nStandard_NC64as_T4_v3\t4\n');
    const csv = await cli(['skus', ...files, '--gpu', 'h100', '--sort', 'price', '--query', '[].{name: name, price: price.paygPerHour}', '-o', 'csv']);
    expect(csv.stdout).toBe('name,price\nStandard_NC40ads_H100_v5,6.98\nStandard_ND96isr_H100_v5,98.32\n');
    const yaml = await cli(['skus', ...files, '--gpu', 'a10', '--query', '[0].gpu', '-o', 'yaml']);
    expect(yaml.stdout).toBe('model: A10\ncount: 0.16666666666666666\nmemoryGiB: 4\ntotalMemoryGiB: 4\nfraction: 1/6\n');
  });
});

describe('gpuops quota (files)', () => {
  it('shows GPU families, cores and lowPriorityCores with numbers read from strings', async () => {
    const r = await cli(['quota', ...files, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([
      { family: 'standardNCADSA100v4Family', name: 'Standard NCADS_A100_v4 Family vCPUs', used: 0, limit: 48, available: 48 },
      { family: 'StandardNCadsH100v5Family', name: 'Standard NCadsH100v5 Family vCPUs', used: 0, limit: 0, available: 0 },
      { family: 'standardNCASv3_T4Family', name: 'Standard NCASv3_T4 Family vCPUs', used: 8, limit: 64, available: 56 },
      { family: 'standardNDAMSv4_A100Family', name: 'Standard NDAMSv4_A100Family vCPUs', used: 96, limit: 96, available: 0 },
      { family: 'standardNDASv4_A100Family', name: 'Standard NDASv4_A100 Family vCPUs', used: 0, limit: 0, available: 0 },
      { family: 'standardNDSH100v5Family', name: 'Standard NDSH100v5 Family vCPUs', used: 0, limit: 0, available: 0 },
      { family: 'StandardNVADSA10v5Family', name: 'Standard NVADSA10v5 Family vCPUs', used: 0, limit: 36, available: 36 },
      { family: 'cores', name: 'Total Regional vCPUs', used: 40, limit: 350, available: 310 },
      { family: 'lowPriorityCores', name: 'Total Regional Spot vCPUs', used: 0, limit: 100, available: 100 },
    ]);
  });
});

describe('gpuops can-deploy (files)', () => {
  const deploy = async (...args: string[]) => {
    const r = await cli(['can-deploy', ...args, ...files, '-o', 'json']);
    return { code: r.code, a: r.json<DeployAnswer>() };
  };

  it('matches the SKU family "Standard NCASv3_T4 Family" to the usage entry standardNCASv3_T4Family', async () => {
    const { code, a } = await deploy('Standard_NC16as_T4_v3', '--count', '3');
    expect(code).toBe(0);
    expect(a).toMatchObject({ deployable: true, vcpusNeeded: 48, family: { id: 'standardNCASv3_T4Family', available: 56 } });
    const four = await deploy('Standard_NC16as_T4_v3', '--count', '4');
    expect(four.code).toBe(1);
    expect(four.a).toMatchObject({ deployable: false, shortfallVcpus: 8, reasons: [{ code: 'FAMILY_QUOTA' }] });
  });

  it('says why 8 x ND H100 v5 cannot be deployed and what to file', async () => {
    const { code, a } = await deploy('Standard_ND96isr_H100_v5', '--count', '8');
    expect(code).toBe(1);
    expect(a.vcpusNeeded).toBe(768);
    expect(a.shortfallVcpus).toBe(768);
    expect(a.reasons.map((r) => r.code)).toEqual(['FAMILY_QUOTA', 'REGIONAL_QUOTA']);
    expect(a.quotaRequests.map((q) => [q.quota, q.newLimit])).toEqual([['standardNDSH100v5Family', 768], ['cores', 808]]);
    expect(a.leadTime).toBe('24–72 hours or more');
  });

  it('accepts a size name without Standard_ and in any case', async () => {
    const { code, a } = await deploy('nc24ads_a100_v4', '--count', '2');
    expect(code).toBe(0);
    expect(a.sku).toBe('Standard_NC24ads_A100_v4');
  });

  it('spot uses lowPriorityCores only', async () => {
    expect((await deploy('Standard_NC24ads_A100_v4', '--count', '4', '--spot')).a).toMatchObject({ deployable: true, regional: { id: 'lowPriorityCores' }, family: null });
    expect((await deploy('Standard_NC24ads_A100_v4', '--count', '5', '--spot')).a).toMatchObject({ deployable: false, shortfallVcpus: 20, reasons: [{ code: 'SPOT_QUOTA' }] });
  });

  it('location restriction blocks the region; zone restriction only its zones', async () => {
    expect((await deploy('Standard_ND96asr_v4')).a.reasons.map((r) => r.code)).toEqual(['LOCATION_RESTRICTED', 'FAMILY_QUOTA']);
    const nvads = await deploy('Standard_NV36ads_A10_v5', '--zone', '3');
    expect(nvads.code).toBe(0);
    const h100z3 = await deploy('Standard_NC40ads_H100_v5', '--zone', '3');
    expect(h100z3.a.reasons.map((r) => r.code)).toEqual(['ZONE_RESTRICTED', 'FAMILY_QUOTA']);
  });

  it('a size the export lacks is unknown, not "not offered": plain az vm list-skus hides restricted sizes', async () => {
    const { code, a } = await deploy('Standard_ND96isr_H200_v5');
    expect(code).toBe(1);
    expect(a.deployable).toBeNull();
    expect(a.reasons.map((r) => r.code)).toEqual(['NOT_IN_EXPORT']);
    expect(a.reasons[0]!.message).toContain('does not contain Standard_ND96isr_H200_v5 in eastus2');
    expect(a.reasons[0]!.message).toContain('az vm list-skus --location eastus2 --all -o json');
    expect(a.reasons[0]!.message).not.toContain('not offered');
  });

  it('prints the answer, the shortfall and the commands for people', async () => {
    const r = await cli(['can-deploy', 'Standard_ND96isr_H100_v5', '--count', '8', ...files]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NO: 8 x Standard_ND96isr_H100_v5 in eastus2 cannot be deployed now (768 vCPUs needed).');
    expect(r.stdout).toContain('az quota update --resource-name standardNDSH100v5Family');
    expect(r.stdout).toContain('24–72 hours or more');
  });
});

describe('gpuops recon (files)', () => {
  it('answers the five day-one questions exactly', async () => {
    const r = await cli(['recon', ...files, '-o', 'json']);
    expect(r.code).toBe(0);
    const rep = r.json<ReconReport>();
    expect(rep.region).toBe('eastus2');
    expect(rep.source.kind).toBe('file');
    expect(rep.t4Skus.map((s) => s.sku)).toEqual(['Standard_NC4as_T4_v3', 'Standard_NC8as_T4_v3', 'Standard_NC16as_T4_v3', 'Standard_NC64as_T4_v3']);
    expect(rep.a100Skus.map((s) => s.sku)).toEqual(['Standard_NC24ads_A100_v4', 'Standard_NC48ads_A100_v4', 'Standard_NC96ads_A100_v4', 'Standard_ND96amsr_A100_v4', 'Standard_ND96asr_v4']);
    expect(rep.vcpuRange).toEqual({ min: { sku: 'Standard_NC4as_T4_v3', vcpus: 4 }, max: { sku: 'Standard_ND96amsr_A100_v4', vcpus: 96 } });
    expect(rep.quotas!.map((q) => q.family)).toContain('standardNCADSA100v4Family');
    expect(rep.singleA100).toMatchObject({ sku: 'Standard_NC24ads_A100_v4', deployable: true, reasons: [] });
    expect(rep.ndGpusPerVm).toEqual([
      { sku: 'Standard_ND96amsr_A100_v4', gpus: 8, gpu: 'A100-80GB-SXM' },
      { sku: 'Standard_ND96isr_H100_v5', gpus: 8, gpu: 'H100-80GB-SXM' },
    ]);
    expect(rep.restricted).toEqual([{ sku: 'Standard_ND96asr_v4', reason: 'NotAvailableForSubscription' }]);
  });

  it('reads the region out of a multi-region export', async () => {
    const r = await cli(['recon', '--region', 'westus2', '--skus-file', fixture('eastus2', 'skus.az.json'), '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json<ReconReport>().a100Skus.map((s) => s.sku)).toEqual(['Standard_NC24ads_A100_v4']);
  });
});
