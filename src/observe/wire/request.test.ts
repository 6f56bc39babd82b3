import { describe, expect, it } from 'vitest';
import { parseRequestBody, requestBody } from './request.js';

describe('requestBody', () => {
  it('writes a streamed chat request with usage', () => {
    expect(requestBody({ operation: 'chat', model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 5, stream: true, includeUsage: true })).toEqual({
      model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, stream: true, stream_options: { include_usage: true },
    });
  });

  it('writes a completions prompt and no stream_options when not streaming', () => {
    expect(requestBody({ operation: 'completions', messages: [{ role: 'user', content: 'p' }], stream: false, includeUsage: true, ignoreEos: true })).toEqual({
      prompt: 'p', stream: false, ignore_eos: true,
    });
  });

  it('is read back by parseRequestBody', () => {
    const req = { operation: 'chat' as const, model: 'm', messages: [{ role: 'user', content: 'x' }], maxTokens: 9, stream: true, includeUsage: true, ignoreEos: false };
    expect(parseRequestBody('chat', requestBody(req))).toEqual(req);
  });
});

describe('parseRequestBody', () => {
  it('accepts max_completion_tokens and content parts', () => {
    const r = parseRequestBody('chat', { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }] }], max_completion_tokens: 3 });
    expect(r).toMatchObject({ maxTokens: 3, messages: [{ role: 'user', content: 'a' }], stream: false });
  });

  it.each([
    [null, /JSON object/], [[], /JSON object/], [{}, /messages/], [{ messages: [] }, /messages/], [{ messages: [{ content: 'x' }] }, /role/],
    [{ messages: [{ role: 'user', content: 'x' }], max_tokens: 0 }, /max_tokens/], [{ messages: [{ role: 'user', content: 'x' }], max_tokens: 1.5 }, /max_tokens/],
    [{ messages: [{ role: 'user', content: 'x' }], max_tokens: '5' }, /max_tokens/], [{ messages: [{ role: 'user', content: 'x' }], stream: 'yes' }, /stream/],
    [{ messages: [{ role: 'user', content: 'x' }], model: 3 }, /model/],
  ])('chat body %j is refused', (body, why) => {
    expect(parseRequestBody('chat', body)).toMatch(why);
  });

  it('reads completions prompts', () => {
    expect(parseRequestBody('completions', { prompt: ['a', 'b'] })).toMatchObject({ messages: [{ role: 'user', content: 'a\nb' }] });
    expect(parseRequestBody('completions', { prompt: 5 })).toMatch(/prompt/);
  });
});
