import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasAzureConfig, resolveSubscription } from '../../src/azure/subscription.js';
import { InputError } from '../../src/errors.js';

const DEFAULT_ID = '11111111-1111-1111-1111-111111111111';
const OTHER_ID = '22222222-2222-2222-2222-222222222222';

/** A temp AZURE_CONFIG_DIR holding an azureProfile.json written as the az CLI writes it (UTF-8 BOM). */
function azureConfigDir(subscriptions: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gpuops-az-'));
  writeFileSync(join(dir, 'azureProfile.json'), `\uFEFF${JSON.stringify({ installationId: 'x', subscriptions })}`);
  return dir;
}

const profile = [
  { id: OTHER_ID, name: 'Research', state: 'Enabled', isDefault: false, tenantId: 't', user: { name: 'a@b.c', type: 'user' } },
  { id: DEFAULT_ID, name: 'Prod GPUs', state: 'Enabled', isDefault: true, tenantId: 't', user: { name: 'a@b.c', type: 'user' } },
];

describe('resolveSubscription', () => {
  const dir = azureConfigDir(profile);

  it('prefers --subscription, then AZURE_SUBSCRIPTION_ID, then the az CLI default', () => {
    const env = { AZURE_SUBSCRIPTION_ID: OTHER_ID, AZURE_CONFIG_DIR: dir };
    expect(resolveSubscription({ flag: '33333333-3333-3333-3333-333333333333', env })).toEqual({
      id: '33333333-3333-3333-3333-333333333333',
      from: 'flag',
    });
    expect(resolveSubscription({ env })).toEqual({ id: OTHER_ID, from: 'env', name: 'Research' });
    expect(resolveSubscription({ env: { AZURE_CONFIG_DIR: dir } })).toEqual({ id: DEFAULT_ID, from: 'az-cli', name: 'Prod GPUs' });
  });

  it('validates AZURE_SUBSCRIPTION_ID exactly as --subscription: a GUID or one profile name', () => {
    for (const bad of ['not-a-guid', '1111', `${DEFAULT_ID}x`]) {
      const err = (() => { try { resolveSubscription({ env: { AZURE_SUBSCRIPTION_ID: bad, AZURE_CONFIG_DIR: dir } }); } catch (e) { return e; } })();
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toContain(`AZURE_SUBSCRIPTION_ID "${bad}" is not a subscription id (a GUID`);
    }
    expect(resolveSubscription({ env: { AZURE_SUBSCRIPTION_ID: 'prod gpus', AZURE_CONFIG_DIR: dir } })).toEqual({ id: DEFAULT_ID, from: 'env', name: 'Prod GPUs' });
    expect(() => resolveSubscription({ flag: '  ', env: { AZURE_CONFIG_DIR: dir } })).toThrow(/--subscription is empty/);
  });

  it('reads the profile from an explicit azureConfigDir or from HOME/.azure', () => {
    expect(resolveSubscription({ env: {}, azureConfigDir: dir })?.id).toBe(DEFAULT_ID);
    const home = mkdtempSync(join(tmpdir(), 'gpuops-home-'));
    mkdirSync(join(home, '.azure'));
    writeFileSync(join(home, '.azure', 'azureProfile.json'), `\uFEFF${JSON.stringify({ subscriptions: profile })}`);
    expect(resolveSubscription({ env: {}, home })?.id).toBe(DEFAULT_ID);
  });

  it('accepts a subscription name for --subscription, as az does', () => {
    expect(resolveSubscription({ flag: 'research', env: { AZURE_CONFIG_DIR: dir } })).toEqual({ id: OTHER_ID, from: 'flag', name: 'Research' });
    expect(() => resolveSubscription({ flag: 'nope', env: { AZURE_CONFIG_DIR: dir } })).toThrow(InputError);
  });

  it('returns null when nothing is configured or the profile has no default', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gpuops-empty-'));
    expect(resolveSubscription({ env: { AZURE_CONFIG_DIR: empty } })).toBeNull();
    expect(resolveSubscription({ env: { AZURE_CONFIG_DIR: azureConfigDir([{ ...profile[0], isDefault: false }]) } })).toBeNull();
    expect(resolveSubscription({ env: { AZURE_SUBSCRIPTION_ID: '  ', AZURE_CONFIG_DIR: empty } })).toBeNull();
  });
});

describe('hasAzureConfig', () => {
  it('is true with AZURE_SUBSCRIPTION_ID or an az default, false otherwise', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gpuops-home-'));
    expect(hasAzureConfig({ AZURE_SUBSCRIPTION_ID: DEFAULT_ID }, empty)).toBe(true);
    expect(hasAzureConfig({ AZURE_CONFIG_DIR: azureConfigDir(profile) }, empty)).toBe(true);
    expect(hasAzureConfig({}, empty)).toBe(false);
  });
});
