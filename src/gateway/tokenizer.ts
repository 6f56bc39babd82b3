import { loadTokenizer } from '../observe/wire/index.js';
import type { TokenCounter } from './estimate.js';

const MAX_CACHED_TEXT = 1024;
const MAX_ENTRIES = 4096;

/**
 * The shared tokenizer (gpt-tokenizer, o200k_base), loaded once, with the counts of short texts
 * remembered: roles, system prompts and templates repeat from request to request, and counting is the
 * largest CPU cost of admission. Long texts are always counted afresh.
 */
export async function loadCounter(): Promise<TokenCounter> {
  const tok = await loadTokenizer();
  let cache = new Map<string, number>();
  return {
    count(text: string): number {
      if (text.length > MAX_CACHED_TEXT) return tok.count(text);
      let n = cache.get(text);
      if (n === undefined) {
        if (cache.size >= MAX_ENTRIES) cache = new Map();
        n = tok.count(text);
        cache.set(text, n);
      }
      return n;
    },
  };
}
