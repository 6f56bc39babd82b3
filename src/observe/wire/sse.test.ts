import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStreamChunk } from './chunks.js';
import { createSseReader, sseEvent, SSE_DONE } from './sse.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/observe/${name}`, import.meta.url), 'utf8');

function collect(pieces: (string | Uint8Array)[]): { events: string[]; comments: string[] } {
  const events: string[] = [];
  const comments: string[] = [];
  const r = createSseReader({ onEvent: (d) => events.push(d), onComment: (c) => comments.push(c) });
  for (const p of pieces) r.feed(p);
  r.end();
  return { events, comments };
}

/** Split `bytes` at the given cut points (any byte offsets, also inside UTF-8 sequences). */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(prev, c));
    prev = c;
  }
  return out;
}

describe('createSseReader', () => {
  it('reads the Azure sample: comments skipped, multi-line data joined', () => {
    const { events, comments } = collect([fixture('azure-stream.sse')]);
    expect(events).toHaveLength(7);
    expect(events.at(-1)).toBe('[DONE]');
    expect(comments).toEqual(['keep-alive']);
    expect(JSON.parse(events[3]!).choices[0].content_filter_offsets.end_offset).toBe(198);
  });

  it('handles CRLF line ends', () => {
    expect(collect(['data: a\r\n\r\ndata: b\r\n\r\n']).events).toEqual(['a', 'b']);
  });

  it('stops at an event over the size limit instead of buffering without bound', () => {
    const errors: string[] = [];
    const events: string[] = [];
    const r = createSseReader({ onEvent: (d) => events.push(d), onError: (_m, type) => errors.push(type) }, 1024);
    r.feed('data: ok\n\n');
    for (let i = 0; i < 10; i++) r.feed(`data: ${'x'.repeat(500)}`);
    r.feed('\n\ndata: after\n\n');
    r.end();
    expect(events).toEqual(['ok']);
    expect(errors).toEqual(['max-buffer-size-exceeded']);
  });

  it('drops an event cut before its blank line', () => {
    expect(collect(['data: {"a":1}\n\ndata: {"b"']).events).toEqual(['{"a":1}']);
  });

  it('yields the same events for any chunking of the bytes, also inside multi-byte characters', () => {
    const events = ['{"t":"héllo ✓ 𝄞"}', '{"choices":[]}', 'line1\nline2', '[DONE]'];
    const text = events.map((e) => e.split('\n').map((l) => `data: ${l}`).join('\n') + '\n\n').join(': ping\n\n');
    const bytes = new TextEncoder().encode(text);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(collect(cut(bytes, cuts)).events).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips what sseEvent writes', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), (values) => {
        const text = values.map((v) => sseEvent(v)).join('') + SSE_DONE;
        const got = collect([text]).events;
        expect(got.slice(0, -1).map((d) => JSON.parse(d))).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
        expect(got.at(-1)).toBe('[DONE]');
      }),
      { numRuns: 200 },
    );
  });
});

describe('readStreamChunk on real-world streams', () => {
  it('Azure: only the content chunk has text; usage from the last chunk', () => {
    const chunks = collect([fixture('azure-stream.sse')]).events.map(readStreamChunk);
    expect(chunks.map((c) => c.kind)).toEqual(['data', 'data', 'data', 'data', 'data', 'data', 'done']);
    expect(chunks.map((c) => c.hasText)).toEqual([false, false, true, false, false, false, false]);
    expect(chunks[2]!.text).toBe(' have');
    expect(chunks[4]!.finishReason).toBe('stop');
    expect(chunks[5]!.usage).toEqual({ promptTokens: 12, completionTokens: 1, totalTokens: 13 });
  });

  it('vLLM: role-only deltas and content:null are not text', () => {
    const chunks = collect([fixture('vllm-stream.sse')]).events.map(readStreamChunk);
    expect(chunks.map((c) => c.text)).toEqual(['', '', 'Hello', ' world', '']);
    expect(chunks.map((c) => c.usage)).toEqual([null, null, null, null, null]);
  });
});
