import { describe, expect, it } from 'vitest';
import { ResourceSkuSchema, toVmSku, type RawResourceSku } from '../../src/azure/resource-sku.js';
import { catalogSku, parseSizeName, priceFor } from '../../src/catalog/index.js';
import { normalizeFamily } from '../../src/model/quota.js';
import { loadFixture } from './fixtures.js';

/** One Resource SKU record from the multi-region az export, validated, with the given name and region. */
function rawSku(name: string, region?: string): RawResourceSku {
  const all = loadFixture<unknown[]>('skus/az-list-skus.multi-region.json').map((r) => ResourceSkuSchema.parse(r));
  const hit = all.find((r) => r.name === name && (!region || r.locations?.includes(region)));
  if (!hit) throw new Error(`fixture has no ${name}${region ? ` in ${region}` : ''}`);
  return structuredClone(hit);
}

const convert = (raw: RawResourceSku, region: string) => {
  const sku = toVmSku(raw, region);
  if (!sku) throw new Error('expected a VmSku');
  return sku;
};

describe('ResourceSkuSchema', () => {
  it('accepts the real capture shapes: explicit nulls, odd zoneDetails, no restrictions key', () => {
    const raw = rawSku('Standard_D4s_v3');
    expect(raw.locationInfo?.[0]?.zoneDetails).toHaveLength(1);
    const noRestrictions = { ...raw, restrictions: undefined, kind: null, capacity: null, costs: null };
    expect(ResourceSkuSchema.safeParse(noRestrictions).success).toBe(true);
  });

  it('rejects a capability value that is not a string, naming the field', () => {
    const raw = rawSku('Standard_D2_v2') as unknown as { capabilities: { name: string; value: unknown }[] };
    raw.capabilities[2]!.value = 2;
    const result = ResourceSkuSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['capabilities', 2, 'value']);
  });
});

describe('toVmSku', () => {
  it('parses string capabilities and takes GPU model and VRAM from the catalog', () => {
    const sku = convert(rawSku('Standard_NC24ads_A100_v4'), 'southcentralus');
    const cat = catalogSku('Standard_NC24ads_A100_v4')!;
    expect(sku).toMatchObject({
      name: 'Standard_NC24ads_A100_v4',
      vcpus: 24,
      memoryGiB: 220,
      tempDiskGiB: 64,
      infiniband: false,
      lowPriorityCapable: true,
      available: true,
      restrictions: [],
      zones: ['1', '3'],
      quotaFamily: 'StandardNCADSA100v4Family',
      series: cat.series,
    });
    expect(sku.nvmeGiB).toBeCloseTo(915527 / 1024, 1);
    expect(sku.gpu.count).toBe(1);
    expect(sku.gpu.model).toBe(cat.gpu.model);
    expect(sku.gpu.model).toMatch(/A100/i);
    expect(sku.gpu.memoryGiB).toBe(80);
    expect(sku.factsFrom).toMatch(/^api \(.*vcpus.*\); catalog \d{4}-\d{2}-\d{2} \(gpu\.model, gpu\.memoryGiB/);
  });

  it('converts MaxResourceVolumeMB (MiB) to GiB, including 0 for diskless sizes', () => {
    expect(convert(rawSku('Standard_NC16as_T4_v3'), 'southcentralus').tempDiskGiB).toBe(352);
    const diskless = rawSku('Standard_D2_v2');
    diskless.capabilities = diskless.capabilities!.map((c) => (c.name === 'MaxResourceVolumeMB' ? { ...c, value: '0' } : c));
    expect(convert(diskless, 'eastus').tempDiskGiB).toBe(0);
  });

  it('lets the catalog fraction win over the API count for NV6ads_A10_v5 (API says GPUs "1")', () => {
    const raw = rawSku('Standard_NV6ads_A10_v5');
    expect(raw.capabilities!.find((c) => c.name === 'GPUs')?.value).toBe('1');
    const sku = convert(raw, 'southcentralus');
    expect(sku.gpu.count).toBeCloseTo(1 / 6, 3);
    expect(sku.gpu.fraction).toBe('1/6');
    expect(sku.gpu.model).toBe(catalogSku('Standard_NV6ads_A10_v5')!.gpu.model);
    expect(sku.factsFrom).toMatch(/catalog [^)]*gpu\.count/);
    expect(sku.vcpus).toBe(6);
  });

  it('keeps family strings verbatim, odd case and spaces included', () => {
    const t4 = convert(rawSku('Standard_NC16as_T4_v3'), 'southcentralus');
    const v100 = convert(rawSku('Standard_NC6s_v3'), 'southcentralus');
    expect(t4.quotaFamily).toBe('Standard NCASv3_T4 Family');
    expect(v100.quotaFamily).toBe('standardNCSv3Family');
    expect(normalizeFamily(t4.quotaFamily!)).toBe(normalizeFamily('standardNCASv3_T4Family'));
  });

  it('marks a Location restriction unavailable and keeps the Zone restriction beside it', () => {
    const sku = convert(rawSku('Standard_D13_v2_Promo'), 'eastus');
    expect(sku.available).toBe(false);
    expect(sku.restrictions).toEqual([
      { type: 'Location', reason: 'NotAvailableForSubscription' },
      { type: 'Zone', reason: 'NotAvailableForSubscription', zones: ['1', '2', '3'] },
    ]);
  });

  it('leaves a Zone restriction available and lists the zones', () => {
    const sku = convert(rawSku('Standard_NV6'), 'eastus');
    expect(sku.available).toBe(true);
    expect(sku.restrictions).toEqual([{ type: 'Zone', reason: 'NotAvailableForSubscription', zones: ['1', '2', '3'] }]);
    expect(sku.zones).toEqual(['2', '3']);
    expect(sku.gpu.count).toBe(1);
  });

  it('ignores restrictions for other regions', () => {
    const sku = convert(rawSku('Standard_D13_v2_Promo'), 'westus');
    expect(sku.available).toBe(true);
    expect(sku.restrictions).toEqual([]);
  });

  it('converts non-GPU sizes with gpu.count 0 and model null', () => {
    const sku = convert(rawSku('Standard_D2_v2'), 'eastus');
    expect(sku.gpu).toEqual({ model: null, count: 0, memoryGiB: null, totalMemoryGiB: null });
    expect(sku.vcpus).toBe(2);
    expect(sku.memoryGiB).toBe(7);
  });

  it('describes a size the catalog does not know from the API and the name', () => {
    const raw = { ...rawSku('Standard_NC24ads_A100_v4'), name: 'Standard_NC24ads_ZX900_v9', size: 'NC24ads_ZX900_v9' };
    expect(catalogSku(raw.name)).toBeUndefined();
    const sku = convert(raw, 'southcentralus');
    expect(sku.gpu).toEqual({ model: parseSizeName(raw.name)!.accelerator, count: 1, memoryGiB: null, totalMemoryGiB: null });
    expect(sku.gpu.model).toBe('ZX900');
    // One GPU: no NVLink peer, whatever the model.
    expect(sku.nvlink).toBe(false);
    expect(sku.factsFrom).toContain('name (gpu.model)');
    expect(sku.factsFrom).not.toContain('catalog');
  });

  it('says unknown (null), not zero, for a GPU-family size without a GPUs capability', () => {
    const base = rawSku('Standard_NC24ads_A100_v4');
    const raw = { ...base, name: 'Standard_NC24ads_ZX900_v9', capabilities: base.capabilities!.filter((c) => c.name !== 'GPUs') };
    expect(convert(raw, 'southcentralus').gpu.count).toBeNull();
  });

  it('reads RetirementDateUtc as an ISO date', () => {
    const raw = rawSku('Standard_NC6s_v3');
    raw.capabilities!.push({ name: 'RetirementDateUtc', value: '09/30/2025' });
    expect(convert(raw, 'southcentralus').retirement).toBe('2025-09-30');
  });

  it('attaches the catalog price for the region', () => {
    const sku = convert(rawSku('Standard_NC24ads_A100_v4'), 'southcentralus');
    expect(sku.price).toEqual(priceFor('Standard_NC24ads_A100_v4', 'southcentralus'));
  });

  it('takes zones from availability-zone entries, not EdgeZone ones', () => {
    const raw = ResourceSkuSchema.parse({
      resourceType: 'virtualMachines',
      name: 'Standard_A1',
      locations: ['westus'],
      locationInfo: [
        { location: 'westus', zones: ['1', '2', '3'] },
        { location: 'westus', extendedLocations: ['Las Vegas', 'Seattle', 'Portland'], type: 'EdgeZone' },
      ],
      capabilities: [{ name: 'vCPUs', value: '1' }],
    });
    expect(convert(raw, 'westus').zones).toEqual(['1', '2', '3']);
  });

  it('returns null for other resource types', () => {
    const disk = ResourceSkuSchema.parse({ resourceType: 'disks', name: 'Premium_LRS', locations: ['eastus'] });
    expect(toVmSku(disk, 'eastus')).toBeNull();
  });
});
