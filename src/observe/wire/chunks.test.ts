import { describe, expect, it } from 'vitest';
import { readCompletionText, readStreamChunk, readUsage } from './chunks.js';

describe('readStreamChunk', () => {
  it('reads completions text and reasoning deltas', () => {
    expect(readStreamChunk('{"choices":[{"index":0,"text":"ab","finish_reason":null}]}').text).toBe('ab');
    expect(readStreamChunk('{"choices":[{"delta":{"reasoning_content":"think"}}]}').hasText).toBe(true);
  });

  it('marks malformed JSON and non-objects invalid', () => {
    for (const bad of ['{"choices":[', 'hello', '42', 'null', '[1]']) expect(readStreamChunk(bad).kind).toBe('invalid');
  });

  it('reports an error object sent inside the stream', () => {
    const c = readStreamChunk('{"error":{"message":"CUDA out of memory","code":500}}');
    expect(c.error).toBe('CUDA out of memory');
    expect(c.hasText).toBe(false);
  });

  it('ignores choices that are not objects and non-string content', () => {
    const c = readStreamChunk('{"choices":[null,3,{"delta":{"content":7}},{"delta":"x"}]}');
    expect(c).toMatchObject({ kind: 'data', text: '', hasText: false });
  });
});

describe('readUsage', () => {
  it('accepts whole counts and fills total', () => {
    expect(readUsage({ usage: { prompt_tokens: 3, completion_tokens: 4 } })).toEqual({ promptTokens: 3, completionTokens: 4, totalTokens: 7 });
  });

  it.each([
    [{ usage: null }], [{ usage: { prompt_tokens: -1, completion_tokens: 2 } }], [{ usage: { prompt_tokens: 1.5, completion_tokens: 2 } }],
    [{ usage: { prompt_tokens: '3', completion_tokens: 2 } }], [{ usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: -5 } }], [null],
  ])('rejects %j', (body) => {
    expect(readUsage(body)).toBeNull();
  });
});

describe('readCompletionText', () => {
  it('reads chat and text completions', () => {
    expect(readCompletionText({ choices: [{ message: { role: 'assistant', content: 'hi' } }] })).toBe('hi');
    expect(readCompletionText({ choices: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(readCompletionText({})).toBe('');
  });
});
