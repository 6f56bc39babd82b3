import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** What an SSE reader reports besides events: comments (keep-alive pings) and protocol errors. */
export interface SseHandlers {
  onEvent: (data: string, event: EventSourceMessage) => void;
  onComment?: (comment: string) => void;
  onError?: (message: string) => void;
}

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
export function createSseReader(handlers: SseHandlers): SseReader {
  const parser = createParser({
    onEvent: (e) => handlers.onEvent(e.data, e),
    onComment: handlers.onComment,
    onError: (err) => handlers.onError?.(err.message),
  });
  const decoder = new TextDecoder();
  return {
    feed(chunk) {
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const rest = decoder.decode();
      if (rest) parser.feed(rest);
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
