import type { ModelArch } from '../model/workload-plan.js';
import { MODEL_DATA } from './models-data.js';

export { MODELS_DATE } from './models-data.js';

/** "Llama 3.1 70B", "llama_3.1_70b" and "LLAMA-3.1-70B" are one key; an "org/" prefix is dropped. */
function key(text: string): string {
  const bare = text.trim().toLowerCase().replace(/^[^/]*\//, '');
  return bare.replace(/[\s_]+/g, '-');
}

let index: Map<string, ModelArch> | undefined;

function modelIndex(): Map<string, ModelArch> {
  if (!index) {
    index = new Map();
    for (const m of MODEL_DATA) for (const k of [m.id, m.name, ...m.aliases]) index.set(key(k), m);
  }
  return index;
}

/** Every model in the built-in table, in a stable order. */
export function models(): readonly ModelArch[] {
  return MODEL_DATA;
}

/** The model whose id, name or alias matches (case-insensitive; "meta-llama/" style prefixes ignored). */
export function findModel(query: string): ModelArch | undefined {
  return modelIndex().get(key(query));
}

/** Every id and alias, for "did you mean" suggestions. */
export function modelNames(): string[] {
  return MODEL_DATA.flatMap((m) => [m.id, ...m.aliases]);
}
