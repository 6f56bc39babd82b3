import { createHash, hash, timingSafeEqual } from 'node:crypto';
import { presentedKey as wirePresentedKey } from '../observe/wire/index.js';
import type { KeyConfig } from './config.js';

/** The config form of a key's hash: "sha256:<64 hex digits>". */
export function hashKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The key a client presented: `Authorization: Bearer KEY` or `api-key: KEY`; null when neither. */
export function presentedKey(headers: NodeJS.Dict<string | string[]>): string | null {
  return wirePresentedKey((name) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  }) ?? null;
}

/**
 * The configured key whose hash matches `key`, or null. Every configured hash is compared, with
 * timingSafeEqual and no early exit, so the time taken says nothing about which key (if any) matched.
 */
export function findKey(keys: readonly KeyConfig[], key: string): KeyConfig | null {
  const digest = hash('sha256', key, 'buffer');
  let found: KeyConfig | null = null;
  for (const k of keys) {
    if (timingSafeEqual(digest, k.hash) && found === null) found = k;
  }
  return found;
}
