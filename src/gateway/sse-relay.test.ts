import { describe, expect, it } from 'vitest';
import { SseRelay } from './sse-relay.js';

const content = (t: string) => `data: {"choices":[{"index":0,"delta":{"content":"${t}"}}],"usage":null}\n\n`;
const usage = 'data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n';
const done = 'data: [DONE]\n\n';

function run(strip: boolean, chunks: string[]): { out: string; sends: number; usage: unknown } {
  let out = '';
  let sends = 0;
  const r = new SseRelay(strip, (b) => {
    sends++;
    out += b.toString();
  });
  for (const c of chunks) r.push(Buffer.from(c));
  r.end();
  return { out, sends, usage: r.usage };
}

/** Every way to cut `text` in three pieces. */
function cuts(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 1; i < text.length; i += 7) for (let j = i; j < text.length; j += 11) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  return out;
}

describe('SseRelay', () => {
  const stream = content('a') + content('b') + usage + done;

  it('without strip, forwards every byte as it arrives and reads the usage, however the stream is cut', () => {
    for (const chunks of cuts(stream)) {
      const r = run(false, chunks);
      expect(r.out).toBe(stream);
      expect(r.usage).toEqual({ promptTokens: 5, completionTokens: 2, totalTokens: 7 });
    }
  });

  it('with strip, removes exactly the usage chunk, however the stream is cut', () => {
    for (const chunks of cuts(stream)) {
      const r = run(true, chunks);
      expect(r.out).toBe(content('a') + content('b') + done);
      expect(r.usage).toEqual({ promptTokens: 5, completionTokens: 2, totalTokens: 7 });
    }
  });

  it('holds back nothing that is complete: one send per chunk of whole events', () => {
    expect(run(true, [content('a'), content('b'), done]).sends).toBe(3);
  });

  it('handles CRLF line ends and multi-line data', () => {
    const crlf = stream.replaceAll('\n', '\r\n');
    expect(run(true, cuts(crlf)[5]!).out).toBe((content('a') + content('b') + done).replaceAll('\n', '\r\n'));
    const multi = 'data: {"choices":[],\ndata: "usage":{"prompt_tokens":1,"completion_tokens":1}}\n\n';
    expect(run(true, [multi, done])).toMatchObject({ out: done, usage: { promptTokens: 1, completionTokens: 1 } });
  });

  it('keeps Azure OpenAI\'s prompt-filter event (empty choices, no usage): only the usage chunk is stripped', () => {
    const filter = 'data: {"id":"","choices":[],"created":0,"model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}\n\n';
    expect(run(true, [filter, content('a'), usage, done]).out).toBe(filter + content('a') + done);
  });

  it('keeps a usage that comes with content (vLLM continuous usage), and ignores a malformed one', () => {
    const both = 'data: {"choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":3,"completion_tokens":1}}\n\n';
    expect(run(true, [both, done])).toMatchObject({ out: both + done, usage: { promptTokens: 3, completionTokens: 1 } });
    const bad = 'data: {"choices":[],"usage":{"prompt_tokens":-3,"completion_tokens":1}}\n\n';
    expect(run(true, [bad, done])).toMatchObject({ out: bad + done, usage: null });
  });
});
