import type { Operation } from './endpoints.js';
import type { Usage } from './chunks.js';

type GenOperation = Exclude<Operation, 'models'>;

/** Fields every chunk and response of one request shares. */
export interface ResponseIdentity {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
}

function usageJson(u: Usage): Record<string, number> {
  return { prompt_tokens: u.promptTokens, completion_tokens: u.completionTokens, total_tokens: u.totalTokens };
}

/** A streamed chunk: `chat.completion.chunk` with a `delta`, or `text_completion` with `text`. */
export function streamChunk(op: GenOperation, id: ResponseIdentity, text: string, finishReason: string | null = null, first = false): Record<string, unknown> {
  if (op === 'completions') {
    return { id: id.id, object: 'text_completion', created: id.created, model: id.model, choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }], usage: null };
  }
  const delta: Record<string, string> = first ? { role: 'assistant', content: text } : finishReason && !text ? {} : { content: text };
  return { id: id.id, object: 'chat.completion.chunk', created: id.created, model: id.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], usage: null };
}

/** The `stream_options.include_usage` chunk: empty `choices` and the whole request's usage. */
export function usageChunk(op: GenOperation, id: ResponseIdentity, usage: Usage): Record<string, unknown> {
  const object = op === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  return { id: id.id, object, created: id.created, model: id.model, choices: [], usage: usageJson(usage) };
}

/** A whole (non-streamed) response. */
export function completionResponse(op: GenOperation, id: ResponseIdentity, text: string, finishReason: string, usage: Usage): Record<string, unknown> {
  const choice = op === 'chat'
    ? { index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: finishReason }
    : { index: 0, text, logprobs: null, finish_reason: finishReason };
  return { id: id.id, object: op === 'chat' ? 'chat.completion' : 'text_completion', created: id.created, model: id.model, choices: [choice], usage: usageJson(usage) };
}

/** An OpenAI-style error body: `{ error: { message, type, code } }`. */
export function errorBody(status: number, message: string, type = 'invalid_request_error'): Record<string, unknown> {
  return { error: { message, type, code: String(status) } };
}

/** The `/v1/models` list. */
export function modelList(models: string[], created: number): Record<string, unknown> {
  return { object: 'list', data: models.map((m) => ({ id: m, object: 'model', created, owned_by: 'gpuops' })) };
}
