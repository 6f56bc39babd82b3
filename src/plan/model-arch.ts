import { z } from 'zod';
import { InputError } from '../errors.js';
import type { ModelArch } from '../model/workload-plan.js';

/** Parse "13B", "7.5b", "350M", "1.2T" or a plain number into a parameter count. */
export function parseParams(text: string, input = '--params'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmbt]?)\s*$/i.exec(text);
  const scale: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  const n = m ? Number(m[1]) * scale[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(n) || n < 1e6 || n > 1e13) {
    throw new InputError(`${input} "${text}" is not valid: expected a parameter count between 1M and 10T, such as 13B, 7.5B or 350M`);
  }
  return n;
}

const count = z.number().int().positive().max(10_000_000);

// The fields the formulas need, as Hugging Face transformers names them in config.json.
const configSchema = z.object({
  hidden_size: count,
  num_hidden_layers: count,
  num_attention_heads: count,
  num_key_value_heads: count.optional(),
  head_dim: count.nullable().optional(),
  intermediate_size: count,
  vocab_size: count,
  max_position_embeddings: count.optional(),
  num_local_experts: count.optional(),
  tie_word_embeddings: z.boolean().optional(),
  model_type: z.string().optional(),
  _name_or_path: z.string().optional(),
});

type HfConfig = z.infer<typeof configSchema>;

/** Parameters implied by the architecture: embeddings, attention and MLP projections, norms. */
export function estimateParams(c: Omit<ModelArch, 'id' | 'name' | 'aliases' | 'params' | 'maxContext' | 'source' | 'asOf'>, tied: boolean): number {
  const q = c.heads * c.headDim;
  const kv = c.kvHeads * c.headDim;
  const attention = c.hidden * q * 2 + c.hidden * kv * 2;
  const mlp = 3 * c.hidden * c.intermediate * (c.experts ?? 1) + (c.experts ? c.hidden * c.experts : 0);
  const embeddings = c.vocab * c.hidden * (tied ? 1 : 2);
  return embeddings + c.layers * (attention + mlp + 2 * c.hidden) + c.hidden;
}

/** A model from a Hugging Face config.json (already parsed as JSON); InputError naming the missing fields. */
export function archFromConfig(json: unknown, file: string, params?: number): ModelArch {
  const r = configSchema.safeParse(json);
  if (!r.success) {
    const fields = r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new InputError(`${file} is not a usable Hugging Face config.json: ${fields.join('; ')}`, {
      suggestion: 'it needs hidden_size, num_hidden_layers, num_attention_heads, intermediate_size and vocab_size as positive whole numbers (num_key_value_heads and head_dim are optional)',
    });
  }
  const c: HfConfig = r.data;
  if (c.hidden_size % c.num_attention_heads !== 0 && !c.head_dim) {
    throw new InputError(`${file}: hidden_size ${c.hidden_size} is not a multiple of num_attention_heads ${c.num_attention_heads} and no head_dim is given`);
  }
  const arch = {
    layers: c.num_hidden_layers, hidden: c.hidden_size, heads: c.num_attention_heads,
    kvHeads: c.num_key_value_heads ?? c.num_attention_heads,
    headDim: c.head_dim ?? c.hidden_size / c.num_attention_heads,
    intermediate: c.intermediate_size, vocab: c.vocab_size,
    ...(c.num_local_experts ? { experts: c.num_local_experts } : {}),
  };
  if (arch.heads % arch.kvHeads !== 0) {
    throw new InputError(`${file}: num_attention_heads ${arch.heads} is not a multiple of num_key_value_heads ${arch.kvHeads}`);
  }
  const estimated = estimateParams(arch, c.tie_word_embeddings ?? false);
  const name = c._name_or_path || c.model_type || file;
  return {
    id: name, name, aliases: [], params: params ?? estimated, maxContext: c.max_position_embeddings ?? Number.MAX_SAFE_INTEGER, ...arch,
    source: params ? `${file} (parameters from --params)` : `${file} (parameters estimated from the architecture: ${(estimated / 1e9).toFixed(2)}B)`,
    asOf: 'given',
  };
}

/** Architecture flags for a model not in the table. */
export interface ArchFlags {
  params: string;
  layers?: number;
  hidden?: number;
  heads?: number;
  kvHeads?: number;
  headDim?: number;
  intermediate?: number;
  vocab?: number;
}

/** A model described by flags; --params, --layers, --hidden and --heads are needed, the rest defaults. */
export function archFromFlags(f: ArchFlags): ModelArch {
  const missing = (['layers', 'hidden', 'heads'] as const).filter((k) => f[k] === undefined);
  if (missing.length > 0) {
    throw new InputError(`--params needs the architecture too: missing ${missing.map((k) => `--${k}`).join(', ')}`, {
      suggestion: 'e.g. --params 13B --layers 40 --hidden 5120 --heads 40 (--kv-heads, --head-dim, --intermediate, --vocab optional), or --config config.json',
    });
  }
  const heads = f.heads!;
  const hidden = f.hidden!;
  const kvHeads = f.kvHeads ?? heads;
  if (heads % kvHeads !== 0) throw new InputError(`--heads ${heads} is not a multiple of --kv-heads ${kvHeads}`);
  const headDim = f.headDim ?? hidden / heads;
  if (!Number.isInteger(headDim)) {
    throw new InputError(`--hidden ${hidden} is not a multiple of --heads ${heads}; pass --head-dim`);
  }
  const params = parseParams(f.params);
  return {
    id: `custom-${f.params}`, name: `custom ${f.params}`, aliases: [], params, layers: f.layers!, hidden, heads, kvHeads, headDim,
    intermediate: f.intermediate ?? Math.round((hidden * 8) / 3), vocab: f.vocab ?? 32000, maxContext: Number.MAX_SAFE_INTEGER,
    source: 'flags', asOf: 'given',
  };
}
