import type { ServerResponse } from 'node:http';
import type { ReserveResult } from './limiter.js';

/** Send an OpenAI-shaped error body: { error: { message, type, code } }. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type: status === 429 ? 'rate_limit_error' : 'gateway_error', code } });
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The remaining-quota headers Azure OpenAI sends, from the gateway's own counters (absent when unlimited). */
export function remainingHeaders(r: Pick<ReserveResult, 'remainingTokens' | 'remainingRequests'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.remainingTokens !== null) out['x-ratelimit-remaining-tokens'] = String(Math.max(0, r.remainingTokens));
  if (r.remainingRequests !== null) out['x-ratelimit-remaining-requests'] = String(Math.max(0, r.remainingRequests));
  return out;
}

/** A 429 as Azure OpenAI sends it: retry-after-ms, Retry-After (whole seconds, rounded up), remaining headers. */
export function sendRateLimited(res: ServerResponse, keyName: string, r: Extract<ReserveResult, { ok: false }>, tokens: number): void {
  const headers = remainingHeaders(r);
  let message: string;
  if (r.reason === 'too_large') {
    message = `this request would hold ${tokens} tokens (estimated prompt + max_tokens), more than the whole tokens-per-minute limit of key "${keyName}"; lower max_tokens or shorten the prompt`;
  } else {
    const what = r.reason === 'tpm' ? 'tokens-per-minute' : 'requests-per-minute';
    message = `key "${keyName}" is over its ${what} limit (sliding 60 s window); retry after ${r.retryAfterMs} ms`;
  }
  if (r.retryAfterMs !== null) {
    headers['retry-after-ms'] = String(r.retryAfterMs);
    headers['retry-after'] = String(Math.ceil(r.retryAfterMs / 1000));
  }
  sendError(res, 429, r.reason === 'too_large' ? 'tokens_exceed_limit' : 'rate_limit_exceeded', message, headers);
}
