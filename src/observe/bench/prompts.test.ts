import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mock/random.js';
import { loadTokenizer } from '../wire/tokens.js';
import { parsePromptsFile, promptWords, syntheticPrompt } from './prompts.js';

describe('synthetic prompts', () => {
  it('have exactly the asked number of tokens and differ from each other', async () => {
    const tok = await loadTokenizer();
    const words = promptWords(tok);
    expect(words.length).toBeGreaterThan(100);
    const random = seededRandom(5);
    for (const n of [1, 2, 17, 256, 1024]) {
      const a = syntheticPrompt(tok, words, n, random);
      expect(tok.count(a), `n=${n}`).toBe(n);
      if (n > 16) expect(syntheticPrompt(tok, words, n, random)).not.toBe(a);
    }
  });
});

describe('prompts files', () => {
  it('reads JSONL of strings, {prompt} and {messages}', async () => {
    const tok = await loadTokenizer();
    const text = '"plain"\n\n{"prompt":"p","max_tokens":7}\r\n{"messages":[{"role":"system","content":"s"},{"role":"user","content":"u"}]}\n';
    expect(parsePromptsFile(text, 'p.jsonl', tok)).toEqual([
      { messages: [{ role: 'user', content: 'plain' }] },
      { messages: [{ role: 'user', content: 'p' }], maxTokens: 7 },
      { messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }], maxTokens: undefined },
    ]);
  });

  it('reads ShareGPT conversations, taking the reply length as max_tokens', async () => {
    const tok = await loadTokenizer();
    const data = [{ conversations: [{ from: 'human', value: 'hi there' }, { from: 'gpt', value: 'hello world' }] }, { conversations: [{ from: 'gpt', value: 'x' }] }];
    expect(parsePromptsFile(JSON.stringify(data), 's.json', tok)).toEqual([{ messages: [{ role: 'user', content: 'hi there' }], maxTokens: 2 }]);
  });

  it.each([
    ['', /empty/],
    ['   \n', /empty/],
    ['{"prompt": ', /line 1: not valid JSON/],
    ['{"prompt":"a"}\n{"prompt":""}', /line 2: expected a prompt/],
    ['{"prompt":"a","max_tokens":0}', /max_tokens must be a whole number/],
    ['{"prompt":"a","max_tokens":2.5}', /max_tokens/],
    ['{"messages":[{"role":"user"}]}', /line 1: expected/],
    ['[1, 2', /does not parse/],
    ['[{"conversations":[{"from":"gpt","value":"x"}]}]', /no usable conversation/],
    ['[42]', /item 0: expected a prompt/],
    ['{"a":1}', /line 1/],
  ])('%j is refused', async (text, why) => {
    const tok = await loadTokenizer();
    expect(() => parsePromptsFile(text, 'f', tok)).toThrow(why);
  });
});
