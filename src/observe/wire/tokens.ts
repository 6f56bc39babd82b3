import type { ChatMessage } from './request.js';

/** A tokenizer loaded once, then used synchronously on hot paths. */
export interface Tokenizer {
  /** The encoding's name, stated wherever its counts are shown. */
  readonly encoding: string;
  count(text: string): number;
  encode(text: string): number[];
  decode(tokens: number[]): string;
}

let loaded: Promise<Tokenizer> | undefined;

/**
 * gpt-tokenizer's default encoding, o200k_base (GPT-4o and later). Loaded lazily: its tables are
 * megabytes and most commands never count a token. Counts for other model families are estimates.
 */
export function loadTokenizer(): Promise<Tokenizer> {
  loaded ??= import('gpt-tokenizer').then((m) => ({
    encoding: 'o200k_base',
    count: (text: string) => (text ? m.countTokens(text) : 0),
    encode: (text: string) => m.encode(text),
    decode: (tokens: number[]) => m.decode(tokens),
  }));
  return loaded;
}

/** Per-message overhead of the chat format (OpenAI's counting guide: 3 per message, 3 to prime the reply). */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/** Estimated prompt tokens of a chat request: content and role tokens plus the format's overhead. */
export function countChatTokens(tok: Tokenizer, messages: ChatMessage[]): number {
  let n = REPLY_PRIMING;
  for (const m of messages) n += PER_MESSAGE + tok.count(m.role) + tok.count(m.content);
  return n;
}
