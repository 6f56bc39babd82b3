// Words that are each one o200k_base token with their leading space, so generated text re-tokenizes to
// exactly the number of tokens streamed (checked by text.test.ts).
const WORDS = [
  ' the', ' model', ' token', ' server', ' request', ' answer', ' quick', ' brown', ' fox', ' jumps', ' over', ' lazy',
  ' dog', ' data', ' cloud', ' stream', ' batch', ' cache', ' time', ' first', ' value', ' system', ' network', ' memory',
];

/** The i-th generated token's text (deterministic). */
export function tokenText(i: number): string {
  return WORDS[i % WORDS.length]!;
}

/** The words, for tests. */
export const GENERATED_WORDS: readonly string[] = WORDS;
