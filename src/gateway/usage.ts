import { readUsage, type Usage } from '../observe/wire/index.js';

export type { Usage };

/** The validated `usage` of an OpenAI-shaped response or chunk (shared wire code); null if absent or bad. */
export const usageOf = (json: unknown): Usage | null => readUsage(json);
