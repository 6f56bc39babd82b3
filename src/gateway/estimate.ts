import type { Operation } from './upstream.js';

/** Counts the tokens of a text (the gateway uses gpt-tokenizer's o200k/cl100k encoding). */
export type TokenCounter = (text: string) => number;

// OpenAI's documented chat accounting: every message costs a few tokens of framing, and the reply is
// primed with a few more. The estimate is a reservation, settled to the upstream's real count later.
const PER_MESSAGE = 4;
const REPLY_PRIMING = 3;

function textTokens(value: unknown, count: TokenCounter): number {
  if (typeof value === 'string') return count(value);
  if (Array.isArray(value)) {
    // A list of token ids is already counted; a list of strings or parts is summed.
    if (value.length > 0 && value.every((v) => typeof v === 'number')) return value.length;
    return value.reduce<number>((sum, v) => sum + textTokens(v, count), 0);
  }
  if (value !== null && typeof value === 'object') {
    const part = value as { text?: unknown; content?: unknown };
    if (typeof part.text === 'string') return count(part.text);
    if (part.content !== undefined) return textTokens(part.content, count);
  }
  return 0;
}

/** Estimated prompt tokens of an OpenAI-shaped request body. */
export function estimatePromptTokens(op: Operation, body: Record<string, unknown>, count: TokenCounter): number {
  if (op === 'chat/completions') {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    let sum = REPLY_PRIMING;
    for (const m of messages) {
      sum += PER_MESSAGE;
      if (m !== null && typeof m === 'object') {
        const msg = m as { content?: unknown; name?: unknown; tool_calls?: unknown };
        sum += textTokens(msg.content, count);
        if (typeof msg.name === 'string') sum += count(msg.name);
        if (msg.tool_calls !== undefined) sum += count(JSON.stringify(msg.tool_calls));
      }
    }
    if (body.tools !== undefined) sum += count(JSON.stringify(body.tools));
    return sum;
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
