// Wire formats shared by `bench`, `mock-llm` and the gateway: SSE, OpenAI/Azure OpenAI shapes, rate-limit headers, tokens.
export { createSseReader, sseEvent, SSE_DONE, type SseHandlers, type SseReader } from './sse.js';
export { readStreamChunk, readUsage, readCompletionText, type StreamChunk, type Usage } from './chunks.js';
export {
  authHeaders, baseUrlProblem, DEFAULT_AZURE_API_VERSION, endpointUrl, parseInferencePath, presentedKey,
  type ApiKind, type EndpointOperation, type EndpointOptions, type InferenceRoute, type Operation,
} from './endpoints.js';
export { parseRequestBody, requestBody, type ChatMessage, type CompletionRequest } from './request.js';
export { completionResponse, errorBody, modelList, streamChunk, usageChunk, type ResponseIdentity } from './responses.js';
export {
  hasRateLimitInfo, parseDurationMs, parseRateLimitHeaders, rateLimitHeaders, type RateLimitInfo, type RateLimitState,
} from './rate-limit.js';
export { countChatTokens, loadTokenizer, type Tokenizer } from './tokens.js';
