/** Token usage as the server reported it (`usage` of a response or of the last stream chunk). */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What one streamed event means to a client that measures it. */
export interface StreamChunk {
  kind: 'data' | 'done' | 'invalid';
  /** Generated text in this event (chat `delta.content` / `delta.reasoning_content`, completions `text`). */
  text: string;
  /** Role-only deltas, Azure's `prompt_filter_results` event and usage-only events carry no text. */
  hasText: boolean;
  usage: Usage | null;
  finishReason: string | null;
  /** An `{"error": ...}` object sent inside the stream (vLLM does this when generation fails mid-way). */
  error: string | null;
  /** The parsed event, for fields beyond these (null for `[DONE]` and invalid events). */
  body: Record<string, unknown> | null;
}

const EMPTY: Omit<StreamChunk, 'kind'> = { text: '', hasText: false, usage: null, finishReason: null, error: null, body: null };

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** Usage from a parsed body or chunk; null unless every count present is a whole number >= 0. */
export function readUsage(body: unknown): Usage | null {
  const u = (body as { usage?: unknown } | null)?.usage;
  if (!u || typeof u !== 'object') return null;
  const r = u as Record<string, unknown>;
  const prompt = count(r.prompt_tokens);
  const completion = count(r.completion_tokens ?? 0);
  if (prompt === null || completion === null) return null;
  const total = r.total_tokens === undefined ? prompt + completion : count(r.total_tokens);
  return total === null ? null : { promptTokens: prompt, completionTokens: completion, totalTokens: total };
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown })?.message;
  return typeof m === 'string' ? m : JSON.stringify(e);
}

function choiceText(choice: Record<string, unknown>): string {
  if (typeof choice.text === 'string') return choice.text;
  // Azure's asynchronous content filter sends choices without `delta`: they carry no text.
  const delta = choice.delta as Record<string, unknown> | undefined;
  if (!delta || typeof delta !== 'object') return '';
  let text = '';
  if (typeof delta.reasoning_content === 'string') text += delta.reasoning_content;
  if (typeof delta.reasoning === 'string') text += delta.reasoning;
  if (typeof delta.content === 'string') text += delta.content;
  return text;
}

/**
 * Interpret one SSE `data` payload of a chat or text completion stream. Tolerant of Azure's
 * empty-`choices` first event, chunks without `delta`, `usage: null`, and the `[DONE]` sentinel.
 */
export function readStreamChunk(data: string): StreamChunk {
  if (data === '[DONE]') return { kind: 'done', ...EMPTY };
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return { kind: 'invalid', ...EMPTY };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', ...EMPTY };
  const obj = body as Record<string, unknown>;
  if (obj.error !== undefined && obj.error !== null) return { kind: 'data', ...EMPTY, error: errorText(obj.error), body: obj };
  let text = '';
  let finishReason: string | null = null;
  if (Array.isArray(obj.choices)) {
    for (const c of obj.choices) {
      if (!c || typeof c !== 'object') continue;
      text += choiceText(c as Record<string, unknown>);
      const fr = (c as { finish_reason?: unknown }).finish_reason;
      if (typeof fr === 'string') finishReason = fr;
    }
  }
  return { kind: 'data', text, hasText: text.length > 0, usage: readUsage(obj), finishReason, error: null, body: obj };
}

/** The generated text of a non-streamed chat or text completion response. */
export function readCompletionText(body: unknown): string {
  const choices = (body as { choices?: unknown })?.choices;
  if (!Array.isArray(choices)) return '';
  let text = '';
  for (const c of choices) {
    if (!c || typeof c !== 'object') continue;
    const ch = c as { text?: unknown; message?: { content?: unknown } };
    if (typeof ch.text === 'string') text += ch.text;
    else if (typeof ch.message?.content === 'string') text += ch.message.content;
  }
  return text;
}
