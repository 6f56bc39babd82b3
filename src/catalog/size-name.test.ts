import { describe, expect, it } from 'vitest';
import { parseSizeName, seriesFromName } from './size-name.js';

describe('parseSizeName', () => {
  it('takes a current GPU size apart', () => {
    expect(parseSizeName('Standard_NC24ads_A100_v4')).toEqual({
      name: 'Standard_NC24ads_A100_v4', family: 'NC', subfamily: 'C', vcpus: 24, features: ['a', 'd', 's'],
      accelerator: 'A100', extras: [], version: 4, isNSeries: true, isGpuFamily: true,
    });
  });

  it.each([
    ['Standard_NC4as_T4_v3', 'NC', 4, ['a', 's'], 'T4', 3],
    ['Standard_ND96isr_H100_v5', 'ND', 96, ['i', 's', 'r'], 'H100', 5],
    ['Standard_ND96amsr_A100_v4', 'ND', 96, ['a', 'm', 's', 'r'], 'A100', 4],
    ['Standard_NV6ads_A10_v5', 'NV', 6, ['a', 'd', 's'], 'A10', 5],
    ['Standard_NC80adis_H100_v5', 'NC', 80, ['a', 'd', 'i', 's'], 'H100', 5],
    ['Standard_NCC40ads_H100_v5', 'NCC', 40, ['a', 'd', 's'], 'H100', 5],
  ])('%s', (name, family, vcpus, features, accelerator, version) => {
    const p = parseSizeName(name);
    expect(p).toMatchObject({ name, family, vcpus, features, accelerator, version, extras: [], isGpuFamily: true });
  });

  it('sizes without an accelerator token', () => {
    expect(parseSizeName('Standard_NC6s_v3')).toMatchObject({ family: 'NC', vcpus: 6, features: ['s'], version: 3 });
    expect(parseSizeName('Standard_NC6s_v3')?.accelerator).toBeUndefined();
    expect(parseSizeName('Standard_ND40rs_v2')).toMatchObject({ family: 'ND', vcpus: 40, features: ['r', 's'], version: 2 });
  });

  it('keeps extra tokens apart from the accelerator', () => {
    expect(parseSizeName('Standard_ND128isr_NDR_GB200_v6')).toMatchObject({
      family: 'ND', vcpus: 128, features: ['i', 's', 'r'], accelerator: 'GB200', extras: ['NDR'], version: 6,
    });
    expect(parseSizeName('Standard_NC128ds_xl_RTXPRO6000BSE_v6')).toMatchObject({
      vcpus: 128, features: ['d', 's'], accelerator: 'RTXPRO6000BSE', extras: ['xl'], version: 6,
    });
    expect(parseSizeName('Standard_ND96is_flex_H100_v5')).toMatchObject({ accelerator: 'H100', extras: ['flex'], version: 5 });
  });

  it('old names: Promo and no version', () => {
    const promo = parseSizeName('Standard_NC12_Promo');
    expect(promo).toMatchObject({ family: 'NC', vcpus: 12, features: [], extras: ['Promo'], isGpuFamily: true });
    expect(promo?.version).toBeUndefined();
    const nc6 = parseSizeName('Standard_NC6');
    expect(nc6).toMatchObject({ name: 'Standard_NC6', family: 'NC', vcpus: 6, features: [], extras: [] });
    expect(nc6?.version).toBeUndefined();
  });

  it('a three-digit V token is an accelerator, not a version', () => {
    const p = parseSizeName('Standard_NG32adms_V620');
    expect(p).toMatchObject({ family: 'NG', accelerator: 'V620', isGpuFamily: true });
    expect(p?.version).toBeUndefined();
  });

  it('non-GPU families', () => {
    expect(parseSizeName('Standard_D8s_v4')).toMatchObject({ family: 'D', vcpus: 8, isNSeries: false, isGpuFamily: false });
    expect(parseSizeName('Standard_D8s_v4')?.subfamily).toBeUndefined();
    expect(parseSizeName('Standard_NP10s')).toMatchObject({ family: 'NP', isNSeries: true, isGpuFamily: false });
    expect(parseSizeName('Standard_NM16ads_MA35D')).toMatchObject({ family: 'NM', accelerator: 'MA35D', isGpuFamily: false });
  });

  it('constrained vCPUs', () => {
    expect(parseSizeName('Standard_M416-208ms_v2')).toMatchObject({ family: 'M', vcpus: 416, constrainedVcpus: 208, features: ['m', 's'] });
  });

  it('accepts names without the prefix and in lower case, and returns the canonical spelling', () => {
    expect(parseSizeName('NC24ads_A100_v4')?.name).toBe('Standard_NC24ads_A100_v4');
    expect(parseSizeName('standard_nc24ads_a100_v4')?.name).toBe('Standard_NC24ads_A100_v4');
    expect(parseSizeName('standard_nd96is_noib_h100_v5')?.name).toBe('Standard_ND96is_noIB_H100_v5');
    expect(parseSizeName('  nc12_promo ')?.name).toBe('Standard_NC12_Promo');
  });

  it.each(['', 'hello', 'Standard_', 'NC', '24ads', 'Standard_NC24ads__A100_v4', 'Standard_NC24ads_A100_v4!', 'Standard_NC0', 'Standard NC24ads'])(
    'rejects %j',
    (garbage) => {
      expect(parseSizeName(garbage)).toBeNull();
    },
  );
});

describe('seriesFromName', () => {
  it.each([
    ['Standard_NC24ads_A100_v4', 'NC_A100_v4'],
    ['Standard_ND96is_flex_H100_v5', 'ND_H100_v5'],
    ['Standard_NC6s_v3', 'NCv3'],
    ['Standard_NC12_Promo', 'NC_Promo'],
    ['Standard_NC6', 'NC'],
    ['standard_nd128isr_ndr_gb200_v6', 'ND_GB200_v6'],
    ['not a size', 'not a size'],
  ])('%s -> %s', (name, series) => {
    expect(seriesFromName(name)).toBe(series);
  });
});
