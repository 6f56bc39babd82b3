import { describe, expect, it } from 'vitest';
import { toQuotaUsage, UsageSchema } from '../../src/azure/usage.js';
import { loadFixture } from './fixtures.js';

describe('toQuotaUsage', () => {
  it('reads REST entries with numeric counts', () => {
    const raw = UsageSchema.parse({
      unit: 'Count',
      currentValue: 17,
      limit: 19,
      name: { value: 'standardNCADSA100v4Family', localizedValue: 'Standard NCADS_A100_v4 Family vCPUs' },
    });
    expect(toQuotaUsage(raw)).toEqual({
      family: 'standardNCADSA100v4Family',
      name: 'Standard NCADS_A100_v4 Family vCPUs',
      used: 17,
      limit: 19,
      available: 2,
    });
  });

  it('reads `az vm list-usage` entries with string counts and localName', () => {
    const raw = UsageSchema.parse({ currentValue: '40', limit: '350', localName: 'Total Regional vCPUs', name: { value: 'cores' } });
    expect(toQuotaUsage(raw)).toEqual({ family: 'cores', name: 'Total Regional vCPUs', used: 40, limit: 350, available: 310 });
  });

  it('never reports negative availability when usage exceeds a lowered limit', () => {
    expect(toQuotaUsage(UsageSchema.parse({ currentValue: '12', limit: '10', name: { value: 'x' } })).available).toBe(0);
  });

  it('gives the same answer for the REST page and the az export of the same quota', () => {
    const rest = loadFixture<{ value: unknown[] }>('usage/rest-usages.eastus.json').value;
    const az = loadFixture<unknown[]>('usage/az-list-usage.eastus.json');
    const read = (list: unknown[]) => list.map((u) => toQuotaUsage(UsageSchema.parse(u)));
    expect(read(az)).toEqual(read(rest));
  });

  it('rejects counts that are not numbers', () => {
    const result = UsageSchema.safeParse({ currentValue: 'lots', limit: 5, name: { value: 'cores' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['currentValue']);
  });
});
