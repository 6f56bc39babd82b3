import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** What an SSE reader reports besides events: comments (keep-alive pings) and protocol errors. */
export interface SseHandlers {
  onEvent: (data: string, event: EventSourceMessage) => void;
  onComment?: (comment: string) => void;
  /** `type` is eventsource-parser's: `max-buffer-size-exceeded` ends the stream, the others are skipped lines. */
  onError?: (message: string, type: string) => void;
}

/** The largest event a reader buffers (8 MiB): an endless line must not grow memory without bound. */
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;

/** An incremental SSE reader: feed it bytes or text in any chunking, events come out whole. */
export interface SseReader {
  feed(chunk: Uint8Array | string): void;
  /** The stream ended: any event left without its blank line is dropped (it never completed). */
  end(): void;
}

/**
 * Read a `text/event-stream` body with eventsource-parser (spec-conformant: `\r\n`, `\r` and `\n`
 * line ends, multi-line `data:`, comments), decoding UTF-8 across chunk boundaries.
 */
export function createSseReader(handlers: SseHandlers, maxEventBytes = MAX_EVENT_BYTES): SseReader {
  let over = false;
  const parser = createParser({
    onEvent: (e) => handlers.onEvent(e.data, e),
    onComment: handlers.onComment,
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') over = true;
      handlers.onError?.(err.message, err.type);
    },
    maxBufferSize: maxEventBytes,
  });
  const decoder = new TextDecoder();
  return {
    feed(chunk) {
      // Once over the limit the parser refuses further input: the rest of the stream is dropped.
      if (over) return;
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const rest = decoder.decode();
      if (rest && !over) parser.feed(rest);
      parser.reset();
    },
  };
}

/** One SSE event whose `data` is the JSON of `value` (JSON never contains a raw newline). */
export function sseEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** The OpenAI stream terminator. */
export const SSE_DONE = 'data: [DONE]\n\n';
