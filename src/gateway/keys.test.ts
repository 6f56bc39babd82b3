import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findKey, hashKey, presentedKey } from './keys.js';

describe('keys', () => {
  it('hashes as sha256 hex, the form the config takes', () => {
    // Independent check: the well-known SHA-256 of "abc".
    expect(hashKey('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('finds the key whose hash matches, and nothing for a wrong, empty or near key', () => {
    const keys = ['alpha', 'beta'].map((k) => ({ name: `n-${k}`, hash: createHash('sha256').update(k).digest(), models: {} }));
    expect(findKey(keys, 'beta')?.name).toBe('n-beta');
    for (const wrong of ['', 'Beta', 'beta ', 'alph', 'gamma']) expect(findKey(keys, wrong)).toBeNull();
  });

  it('reads Bearer or api-key', () => {
    expect(presentedKey({ authorization: 'Bearer k1' })).toBe('k1');
    expect(presentedKey({ 'api-key': 'k2' })).toBe('k2');
    expect(presentedKey({ authorization: 'Basic xyz' })).toBeNull();
    expect(presentedKey({})).toBeNull();
  });
});
