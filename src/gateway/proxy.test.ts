import { describe, expect, it } from 'vitest';
import { appendIncludeUsage } from './proxy.js';

describe('appendIncludeUsage', () => {
  it('appends the member before the closing brace, keeping the bytes before and the whitespace after', () => {
    const out = appendIncludeUsage(Buffer.from('{"stream":true}'))!.toString();
    expect(out).toBe('{"stream":true,"stream_options":{"include_usage":true}}');
    expect(JSON.parse(out)).toEqual({ stream: true, stream_options: { include_usage: true } });
    expect(appendIncludeUsage(Buffer.from('{ "a": "é" , "stream" : true }\t\r\n '))!.toString())
      .toBe('{ "a": "é" , "stream" : true ,"stream_options":{"include_usage":true}}\t\r\n ');
  });

  it('returns null when the bytes do not end with an object', () => {
    for (const raw of ['', '   ', '}', '[1]', '{"a":1} x', '"}"x']) expect(appendIncludeUsage(Buffer.from(raw))).toBeNull();
  });
});
