import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, reservationTokens } from './estimate.js';

// A stand-in tokenizer: one token per whitespace-separated word, so expectations can be counted by hand.
const words = { count: (t: string) => (t.trim() ? t.trim().split(/\s+/).length : 0) };

describe('estimatePromptTokens', () => {
  it('counts chat messages with the chat framing: 3 to prime the reply, 3 per message, plus role and content', () => {
    const body = { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'say hi now' }] };
    expect(estimatePromptTokens('chat', body, words)).toBe(3 + (3 + 1 + 2) + (3 + 1 + 3));
  });

  it('counts the text parts of multi-part content and ignores images', () => {
    const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'a b' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'c' }] }] };
    // "a b" + "c" join to "a bc": two words.
    expect(estimatePromptTokens('chat', body, words)).toBe(3 + 3 + 1 + 2);
  });

  it('counts completions prompts as text, lists of texts, or token ids', () => {
    expect(estimatePromptTokens('completions', { prompt: 'one two three' }, words)).toBe(3);
    expect(estimatePromptTokens('completions', { prompt: ['one', 'two three'] }, words)).toBe(3);
    expect(estimatePromptTokens('completions', { prompt: [11, 12, 13, 14] }, words)).toBe(4);
    expect(estimatePromptTokens('embeddings', { input: [[1, 2], [3]] }, words)).toBe(3);
  });
});

describe('reservationTokens', () => {
  const body = { prompt: 'a b c' };
  it('holds the prompt plus max_completion_tokens, else max_tokens, else the default, times n or best_of', () => {
    expect(reservationTokens('completions', { ...body, max_tokens: 10 }, words, 100)).toBe(3 + 10);
    expect(reservationTokens('completions', { ...body, max_tokens: 10, max_completion_tokens: 20 }, words, 100)).toBe(3 + 20);
    expect(reservationTokens('completions', body, words, 100)).toBe(3 + 100);
    expect(reservationTokens('completions', { ...body, max_tokens: 10, n: 3 }, words, 100)).toBe(3 + 30);
    expect(reservationTokens('completions', { ...body, max_tokens: 10, n: 2, best_of: 4 }, words, 100)).toBe(3 + 40);
  });

  it('holds only the input for embeddings', () => {
    expect(reservationTokens('embeddings', { input: 'x y', max_tokens: 50 }, words, 100)).toBe(2);
  });

  it.each([[0], [-1], [1.5], ['10'], [1e8], [true]])('refuses max_tokens %j', (v) => {
    expect(() => reservationTokens('completions', { ...body, max_tokens: v }, words, 100)).toThrow('"max_tokens" must be a whole number');
  });
});
