import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyConfig } from './config.js';

/** The config form of a key's hash: "sha256:<64 hex digits>". */
export function hashKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The key a client presented: `Authorization: Bearer KEY` or `api-key: KEY`; null when neither. */
export function presentedKey(authorization: string | undefined, apiKey: string | string[] | undefined): string | null {
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey;
  if (typeof authorization === 'string' && /^bearer /i.test(authorization)) {
    const key = authorization.slice(7).trim();
    return key.length > 0 ? key : null;
  }
  return null;
}

/**
 * The configured key whose hash matches `key`, or null. Every configured hash is compared, with
 * timingSafeEqual and no early exit, so the time taken says nothing about which key (if any) matched.
 */
export function findKey(keys: readonly KeyConfig[], key: string): KeyConfig | null {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let found: KeyConfig | null = null;
  for (const k of keys) {
    if (timingSafeEqual(digest, k.hash) && found === null) found = k;
  }
  return found;
}
