import { describe, expect, it } from 'vitest';
import { normalizeRegion, sizeKey } from './names.js';

describe('names', () => {
  it('one key per region and per size, whatever the spelling', () => {
    expect(normalizeRegion('East US 2')).toBe('eastus2');
    expect(sizeKey('NC24ads_A100_v4')).toBe(sizeKey(' Standard_nc24ads_a100_V4 '));
    expect(sizeKey('NC24ads_A100_v4')).not.toBe(sizeKey('NC24ads_A100_v5'));
  });
});
