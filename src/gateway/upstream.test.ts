import { describe, expect, it } from 'vitest';
import { forwardHeaders, responseHeaders } from './upstream.js';

describe('responseHeaders', () => {
  const raw = ['Content-Type', 'text/event-stream', 'Content-Length', '42', 'Connection', 'keep-alive', 'X-RateLimit-Remaining-Tokens', '5',
    'x-request-id', 'abc', 'Set-Cookie', 's=1', 'Vary', 'a', 'Vary', 'b', 'Transfer-Encoding', 'chunked'];

  it('drops hop-by-hop headers, cookies and the upstream rate-limit view whatever their case, keeps repeats, appends the gateway\'s own', () => {
    expect(responseHeaders(raw, true, { 'x-ratelimit-remaining-tokens': '9' })).toEqual([
      'Content-Type', 'text/event-stream', 'Content-Length', '42', 'x-request-id', 'abc', 'Vary', 'a', 'Vary', 'b', 'x-ratelimit-remaining-tokens', '9',
    ]);
  });

  it('drops Content-Length when the body is rewritten', () => {
    expect(responseHeaders(raw, false)).toEqual(['Content-Type', 'text/event-stream', 'x-request-id', 'abc', 'Vary', 'a', 'Vary', 'b']);
  });
});

describe('forwardHeaders', () => {
  it('sends Host, only the allowed client headers, identity encoding, the length and the upstream auth', () => {
    const client = { authorization: 'Bearer client-key', 'api-key': 'client-key', cookie: 'c=1', 'content-type': 'application/json', 'user-agent': 'ua', connection: 'keep-alive' };
    expect(forwardHeaders(client, { 'api-key': 'upstream-key' }, 12, 'res.openai.azure.com')).toEqual([
      'host', 'res.openai.azure.com', 'content-type', 'application/json', 'user-agent', 'ua', 'accept-encoding', 'identity', 'content-length', '12', 'api-key', 'upstream-key',
    ]);
  });
});
