import { loadTokenizer } from '../observe/wire/index.js';
import type { TokenCounter } from './estimate.js';

/** The shared tokenizer (gpt-tokenizer, o200k_base), loaded once; counting is synchronous afterwards. */
export async function loadCounter(): Promise<TokenCounter> {
  return loadTokenizer();
}
