import { describe, expect, it } from 'vitest';
import { countChatTokens, loadTokenizer } from './tokens.js';

describe('loadTokenizer', () => {
  it('counts with o200k_base and round-trips text', async () => {
    const tok = await loadTokenizer();
    expect(tok.encoding).toBe('o200k_base');
    expect(tok.count('')).toBe(0);
    // " hello" and " world" are single o200k tokens; the count must grow with the text.
    expect(tok.count('hello world')).toBe(2);
    expect(tok.decode(tok.encode('héllo, wörld ✓'))).toBe('héllo, wörld ✓');
    expect(await loadTokenizer()).toBe(tok);
  });

  it('adds the chat format overhead per message', async () => {
    const tok = await loadTokenizer();
    const one = countChatTokens(tok, [{ role: 'user', content: 'hello world' }]);
    expect(one).toBe(3 + 3 + tok.count('user') + 2);
    expect(countChatTokens(tok, [{ role: 'user', content: 'hello world' }, { role: 'user', content: 'hello world' }])).toBe(2 * one - 3);
  });
});
