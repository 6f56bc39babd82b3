import { countChatTokens, type Tokenizer } from '../observe/wire/index.js';
import type { Operation } from './upstream.js';

/** Counts the tokens of a text: the shared tokenizer (gpt-tokenizer, o200k_base) or a test double. */
export type TokenCounter = Pick<Tokenizer, 'count'>;

/** The text of a message's content: a string, or the text parts of an array of parts. */
function contentText(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new Error(`a message content is nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => contentText(v, depth + 1)).join('');
  if (value !== null && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') return (value as { text: string }).text;
  return '';
}

/** Prompts nest a few levels at most (a list of token-id lists); deeper ones are refused, not recursed. */
const MAX_DEPTH = 16;

function textTokens(value: unknown, count: TokenCounter, depth = 0): number {
  if (depth > MAX_DEPTH) throw new Error(`the prompt is nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value === 'string') return count.count(value);
  if (Array.isArray(value)) {
    // A list of token ids is already counted; a list of strings or parts is summed.
    if (value.length > 0 && value.every((v) => typeof v === 'number')) return value.length;
    return value.reduce<number>((sum, v) => sum + textTokens(v, count, depth + 1), 0);
  }
  if (value !== null && typeof value === 'object') {
    const part = value as { text?: unknown; content?: unknown };
    if (typeof part.text === 'string') return count.count(part.text);
    if (part.content !== undefined) return textTokens(part.content, count, depth + 1);
  }
  return 0;
}

/** Estimated prompt tokens of an OpenAI-shaped request body. */
export function estimatePromptTokens(op: Operation, body: Record<string, unknown>, count: TokenCounter): number {
  if (op === 'chat') {
    // The shared chat accounting (OpenAI's counting guide); tool calls and tools count as their JSON text.
    const messages = (Array.isArray(body.messages) ? body.messages : []).map((m: unknown) => {
      const msg = (m !== null && typeof m === 'object' ? m : {}) as { role?: unknown; content?: unknown; name?: unknown; tool_calls?: unknown };
      const extra = [typeof msg.name === 'string' ? msg.name : '', msg.tool_calls !== undefined ? JSON.stringify(msg.tool_calls) : ''].join('');
      return { role: typeof msg.role === 'string' ? msg.role : '', content: contentText(msg.content) + extra };
    });
    const tools = body.tools !== undefined ? count.count(JSON.stringify(body.tools)) : 0;
    return countChatTokens(count as Tokenizer, messages) + tools;
  }
  if (op === 'completions') return textTokens(body.prompt, count);
  if (op === 'embeddings') return textTokens(body.input, count);
  return 0;
}

/** A whole, positive count from the body, or null when absent; throws a message for a bad one. */
function positiveInt(body: Record<string, unknown>, field: string, max: number): number | null {
  const v = body[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > max) {
    throw new Error(`"${field}" must be a whole number from 1 to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Tokens to hold at admission: estimated prompt + the most the reply may use (`max_completion_tokens`,
 * `max_tokens`, else `defaultMaxTokens`) x the number of choices (`n`, `best_of`). Embeddings: prompt only.
 * Throws Error with a client-facing message when a limit field is malformed.
 */
export function reservationTokens(op: Operation, body: Record<string, unknown>, count: TokenCounter, defaultMaxTokens: number): number {
  const prompt = estimatePromptTokens(op, body, count);
  if (op === 'embeddings' || op === 'models') return prompt;
  const max = positiveInt(body, 'max_completion_tokens', 10_000_000) ?? positiveInt(body, 'max_tokens', 10_000_000) ?? defaultMaxTokens;
  const choices = Math.max(positiveInt(body, 'n', 128) ?? 1, positiveInt(body, 'best_of', 128) ?? 1);
  return prompt + max * choices;
}
