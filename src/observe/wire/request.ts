import type { Operation } from './endpoints.js';

export interface ChatMessage {
  role: string;
  content: string;
}

/** What a client asks for, in the terms gpuops uses. */
export interface CompletionRequest {
  operation: Exclude<Operation, 'models'>;
  model?: string;
  /** Chat: the messages; completions: one user message holding the prompt. */
  messages: ChatMessage[];
  maxTokens?: number;
  stream: boolean;
  /** `stream_options.include_usage`: ask for the usage chunk before `[DONE]`. */
  includeUsage: boolean;
  /** vLLM's `ignore_eos`: generate exactly `maxTokens`. */
  ignoreEos?: boolean;
}

/** The JSON body OpenAI-compatible servers and Azure OpenAI accept. */
export function requestBody(r: CompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (r.model !== undefined) body.model = r.model;
  if (r.operation === 'chat') body.messages = r.messages;
  else body.prompt = r.messages.map((m) => m.content).join('\n');
  if (r.maxTokens !== undefined) body.max_tokens = r.maxTokens;
  body.stream = r.stream;
  if (r.stream && r.includeUsage) body.stream_options = { include_usage: true };
  if (r.ignoreEos) body.ignore_eos = true;
  return body;
}

function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  // The array form: [{ type: 'text', text }...]; images and other parts carry no text.
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  }
  return null;
}

function whole(v: unknown, name: string): number | undefined | string {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : `${name} must be a whole number of at least 1`;
}

/** Read a request body a server received; a string names what is wrong with it. */
export function parseRequestBody(operation: Exclude<Operation, 'models'>, body: unknown): CompletionRequest | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (b.model !== undefined && typeof b.model !== 'string') return 'model must be a string';
  let messages: ChatMessage[];
  if (operation === 'chat') {
    if (!Array.isArray(b.messages) || b.messages.length === 0) return 'messages must be a non-empty array';
    messages = [];
    for (const m of b.messages) {
      const role = (m as { role?: unknown })?.role;
      const text = contentText((m as { content?: unknown })?.content);
      if (typeof role !== 'string' || text === null) return 'each message needs a string role and content';
      messages.push({ role, content: text });
    }
  } else {
    const p = b.prompt;
    const text = typeof p === 'string' ? p : Array.isArray(p) && p.every((x) => typeof x === 'string') ? p.join('\n') : null;
    if (text === null) return 'prompt must be a string or an array of strings';
    messages = [{ role: 'user', content: text }];
  }
  const maxTokens = whole(b.max_completion_tokens ?? b.max_tokens, b.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens');
  if (typeof maxTokens === 'string') return maxTokens;
  if (b.stream !== undefined && typeof b.stream !== 'boolean') return 'stream must be true or false';
  const opts = b.stream_options as { include_usage?: unknown } | undefined;
  return {
    operation,
    model: b.model as string | undefined,
    messages,
    maxTokens,
    stream: b.stream === true,
    includeUsage: opts?.include_usage === true,
    ignoreEos: b.ignore_eos === true,
  };
}
