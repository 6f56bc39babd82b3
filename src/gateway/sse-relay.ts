import { usageOf, type Usage } from './usage.js';

const LF2 = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');
// Only a usage object has "prompt_tokens": events without it are passed on without being parsed.
const USAGE_MARK = Buffer.from('"prompt_tokens"');

/** True when `buf` ends exactly at an event boundary (a blank line). */
function endsAtBoundary(buf: Buffer): boolean {
  const n = buf.length;
  return n >= 2 && buf[n - 1] === 10 && (buf[n - 2] === 10 || (n >= 4 && buf[n - 2] === 13 && buf[n - 3] === 10 && buf[n - 4] === 13));
}

/** End of the first complete SSE event in `buf` (index just past its blank line), or -1. */
function eventEnd(buf: Buffer): number {
  const a = buf.indexOf(LF2);
  const b = buf.indexOf(CRLF2);
  if (a === -1) return b === -1 ? -1 : b + 4;
  if (b === -1 || a < b) return a + 2;
  return b + 4;
}

/** The JSON payload of an event's `data:` lines (joined as SSE specifies), or null. */
function dataOf(event: string): string | null {
  let data: string | null = null;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line[5] === ' ' ? 6 : 5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

/**
 * Relays an upstream SSE stream to the client without holding back any complete event, and learns the
 * request's usage from it. With `strip`, the usage-only chunk (`choices: []` plus `usage`) that the
 * gateway asked for on the client's behalf is not forwarded; then bytes are sent per complete event,
 * otherwise every chunk is sent the moment it arrives (byte-for-byte).
 */
export class SseRelay {
  usage: Usage | null = null;
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly strip: boolean,
    private readonly send: (chunk: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    // Fast path, the common case: whole events, none of them carrying usage.
    if (this.pending.length === 0 && endsAtBoundary(chunk) && chunk.indexOf(USAGE_MARK) === -1) {
      this.send(chunk);
      return;
    }
    if (!this.strip) this.send(chunk);
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let start = 0;
    const out: Buffer[] | null = this.strip ? [] : null;
    for (;;) {
      const end = eventEnd(start ? buf.subarray(start) : buf);
      if (end === -1) break;
      const event = buf.subarray(start, start + end);
      if (this.inspect(event) && out) out.push(event);
      start += end;
    }
    this.pending = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
    if (out && out.length) this.send(out.length === 1 ? out[0]! : Buffer.concat(out));
  }

  /** Flush what is left (a last event without its blank line). */
  end(): void {
    if (!this.pending.length) return;
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    if (this.inspect(rest) && this.strip) this.send(rest);
  }

  /** Read usage from an event; false when the event is the usage-only chunk to strip. */
  private inspect(event: Buffer): boolean {
    if (event.indexOf(USAGE_MARK) === -1) return true;
    const data = dataOf(event.toString('utf8'));
    if (data === null) return true;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return true;
    }
    const usage = usageOf(json);
    if (usage) this.usage = usage;
    const choices = (json as { choices?: unknown }).choices;
    return !(this.strip && usage && Array.isArray(choices) && choices.length === 0);
  }
}
