import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../wire/tokens.js';
import { GENERATED_WORDS, tokenText } from './text.js';

describe('generated text', () => {
  it('each word is one o200k_base token, and so is any run of them', async () => {
    const tok = await loadTokenizer();
    for (const w of GENERATED_WORDS) expect(tok.count(w), w).toBe(1);
    const text = Array.from({ length: 500 }, (_, i) => tokenText(i)).join('');
    expect(tok.count(text)).toBe(500);
  });
});
