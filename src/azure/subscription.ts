import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** Where the subscription id came from: `--subscription`, `AZURE_SUBSCRIPTION_ID` or the az CLI's default. */
export type SubscriptionOrigin = 'flag' | 'env' | 'az-cli';

/** The subscription live mode will read, and why that one. */
export interface SubscriptionChoice {
  id: string;
  from: SubscriptionOrigin;
  /** Display name, when the az CLI profile knows it. */
  name?: string;
}

interface ProfileEntry {
  id: string;
  name?: string;
  isDefault?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The az CLI's config folder: `AZURE_CONFIG_DIR`, else `~/.azure`. */
export function azureConfigDirFor(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return env.AZURE_CONFIG_DIR?.trim() || join(home, '.azure');
}

/** Subscriptions in `azureProfile.json`; empty when the file is missing or unreadable (it is only a default). */
export function readAzProfile(azureConfigDir: string): ProfileEntry[] {
  let text: string;
  try {
    text = readFileSync(join(azureConfigDir, 'azureProfile.json'), 'utf8');
  } catch {
    return [];
  }
  try {
    // The az CLI writes this file with a UTF-8 BOM, which JSON.parse rejects.
    const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as { subscriptions?: unknown };
    return Array.isArray(doc.subscriptions) ? doc.subscriptions.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function isEntry(value: unknown): value is ProfileEntry {
  return typeof value === 'object' && value !== null && typeof (value as ProfileEntry).id === 'string';
}

const LABEL: Record<'flag' | 'env', string> = { flag: '--subscription', env: 'AZURE_SUBSCRIPTION_ID' };

/** `--subscription` or `AZURE_SUBSCRIPTION_ID`: a GUID, or (like az) the name of one subscription in the az CLI profile. */
function fromInput(value: string, from: 'flag' | 'env', profile: ProfileEntry[]): SubscriptionChoice {
  const byId = profile.find((s) => s.id.toLowerCase() === value.toLowerCase());
  if (GUID.test(value)) return { id: value, from, ...(byId?.name ? { name: byId.name } : {}) };
  const byName = profile.filter((s) => s.name?.toLowerCase() === value.toLowerCase());
  if (byName.length === 1) return { id: byName[0]!.id, from, name: byName[0]!.name! };
  throw new InputError(
    `${LABEL[from]} ${JSON.stringify(value)} is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)${byName.length > 1 ? ' and names several subscriptions in the az CLI profile' : ' nor the name of a subscription in the az CLI profile'}`,
    { suggestion: `${from === 'env' ? 'set AZURE_SUBSCRIPTION_ID to' : 'pass'} the subscription id; list them with: az account list -o table` },
  );
}

/** The subscription to use: `--subscription`, else `AZURE_SUBSCRIPTION_ID`, else the az CLI default; null if none. */
export function resolveSubscription(
  opts: { flag?: string; env?: NodeJS.ProcessEnv; azureConfigDir?: string; home?: string } = {},
): SubscriptionChoice | null {
  const env = opts.env ?? process.env;
  const dir = opts.azureConfigDir ?? azureConfigDirFor(env, opts.home);
  const flag = opts.flag?.trim();
  if (opts.flag !== undefined && !flag) throw new InputError('--subscription is empty: expected a subscription id (a GUID)');
  if (flag) return fromInput(flag, 'flag', readAzProfile(dir));
  const fromEnv = env.AZURE_SUBSCRIPTION_ID?.trim();
  // Checked before any credential or network call, exactly as the flag is.
  if (fromEnv) return fromInput(fromEnv, 'env', readAzProfile(dir));
  const def = readAzProfile(dir).find((s) => s.isDefault === true);
  if (!def) return null;
  return { id: def.id, from: 'az-cli', ...(def.name ? { name: def.name } : {}) };
}

/** Whether live mode should be the default: `AZURE_SUBSCRIPTION_ID` is set or the az CLI has a default subscription. */
export function hasAzureConfig(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): boolean {
  return resolveSubscription({ env, azureConfigDir: azureConfigDirFor(env, home) }) !== null;
}
