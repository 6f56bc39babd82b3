/** Token usage as the upstream reported it. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

/** The `usage` of an OpenAI-shaped response or chunk, validated (whole, non-negative); null if absent or bad. */
export function usageOf(json: unknown): Usage | null {
  if (json === null || typeof json !== 'object') return null;
  const u = (json as { usage?: unknown }).usage;
  if (u === null || typeof u !== 'object') return null;
  const prompt = count((u as { prompt_tokens?: unknown }).prompt_tokens);
  // Embeddings report no completion tokens.
  const completionRaw = (u as { completion_tokens?: unknown }).completion_tokens;
  const completion = completionRaw === undefined ? 0 : count(completionRaw);
  if (prompt === null || completion === null) return null;
  return { promptTokens: prompt, completionTokens: completion };
}
