/** Placeholder until the shared wire tokenizer lands. */
export const countTokens = (text: string): number => Math.ceil(text.length / 4);
