import type { ModelArch } from '../model/workload-plan.js';

/** Date the architecture facts below were read from the models' Hugging Face config.json files. */
export const MODELS_DATE = '2026-11-27';

const hf = (repo: string, paramsFrom: string): string =>
  `Hugging Face ${repo} config.json (hidden_size, num_hidden_layers, num_attention_heads, num_key_value_heads, head_dim, intermediate_size, vocab_size, max_position_embeddings); parameters from ${paramsFrom}`;

// Parameters are the count the model card or safetensors index states (weights bytes / 2 for bf16
// checkpoints), not the rounded name: "70B" is 70.55 billion. head_dim is hidden/heads unless the
// config sets it (Gemma 2 9B: 256). Mixtral's parameters are all eight experts: every expert is
// resident in GPU memory, though only two run per token.
export const MODEL_DATA: readonly ModelArch[] = [
  {
    id: 'llama-3.1-8b', name: 'Llama 3.1 8B', aliases: ['llama-3-8b', 'llama3-8b', 'llama-3.1-8b-instruct', 'meta-llama-3.1-8b'],
    params: 8.03e9, layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336, vocab: 128256,
    maxContext: 131072, source: hf('meta-llama/Llama-3.1-8B', 'the model card (8.03B)'), asOf: MODELS_DATE,
  },
  {
    id: 'llama-3.1-70b', name: 'Llama 3.1 70B', aliases: ['llama-3-70b', 'llama3-70b', 'llama-3.3-70b', 'llama-3.1-70b-instruct', 'meta-llama-3.1-70b'],
    params: 70.55e9, layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, intermediate: 28672, vocab: 128256,
    maxContext: 131072, source: hf('meta-llama/Llama-3.1-70B', 'the model card (70.6B)'), asOf: MODELS_DATE,
  },
  {
    id: 'llama-3.1-405b', name: 'Llama 3.1 405B', aliases: ['llama-3-405b', 'llama3-405b', 'llama-3.1-405b-instruct', 'meta-llama-3.1-405b'],
    params: 405.85e9, layers: 126, hidden: 16384, heads: 128, kvHeads: 8, headDim: 128, intermediate: 53248, vocab: 128256,
    maxContext: 131072, source: hf('meta-llama/Llama-3.1-405B', 'the model card (406B)'), asOf: MODELS_DATE,
  },
  {
    id: 'mistral-7b', name: 'Mistral 7B v0.3', aliases: ['mistral-7b-v0.3', 'mistral-7b-instruct', 'mistral'],
    params: 7.25e9, layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336, vocab: 32768,
    maxContext: 32768, source: hf('mistralai/Mistral-7B-v0.3', 'the safetensors index (7.25B)'), asOf: MODELS_DATE,
  },
  {
    id: 'mixtral-8x7b', name: 'Mixtral 8x7B v0.1', aliases: ['mixtral', 'mixtral-8x7b-instruct'],
    params: 46.7e9, layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336, vocab: 32000,
    maxContext: 32768, experts: 8, source: hf('mistralai/Mixtral-8x7B-v0.1', 'the model card (46.7B, 12.9B active per token)'), asOf: MODELS_DATE,
  },
  {
    id: 'qwen2.5-7b', name: 'Qwen2.5 7B', aliases: ['qwen-2.5-7b', 'qwen2.5-7b-instruct'],
    params: 7.61e9, layers: 28, hidden: 3584, heads: 28, kvHeads: 4, headDim: 128, intermediate: 18944, vocab: 152064,
    maxContext: 32768, source: hf('Qwen/Qwen2.5-7B', 'the model card (7.61B)'), asOf: MODELS_DATE,
  },
  {
    id: 'qwen2.5-32b', name: 'Qwen2.5 32B', aliases: ['qwen-2.5-32b', 'qwen2.5-32b-instruct'],
    params: 32.5e9, layers: 64, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128, intermediate: 27648, vocab: 152064,
    maxContext: 32768, source: hf('Qwen/Qwen2.5-32B', 'the model card (32.5B)'), asOf: MODELS_DATE,
  },
  {
    id: 'qwen2.5-72b', name: 'Qwen2.5 72B', aliases: ['qwen-2.5-72b', 'qwen2.5-72b-instruct'],
    params: 72.71e9, layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, intermediate: 29568, vocab: 152064,
    maxContext: 32768, source: hf('Qwen/Qwen2.5-72B', 'the model card (72.7B)'), asOf: MODELS_DATE,
  },
  {
    id: 'gemma-2-9b', name: 'Gemma 2 9B', aliases: ['gemma2-9b', 'gemma-2-9b-it'],
    params: 9.24e9, layers: 42, hidden: 3584, heads: 16, kvHeads: 8, headDim: 256, intermediate: 14336, vocab: 256000,
    maxContext: 8192, source: hf('google/gemma-2-9b', 'the safetensors index (9.24B)'), asOf: MODELS_DATE,
  },
  {
    id: 'gemma-2-27b', name: 'Gemma 2 27B', aliases: ['gemma2-27b', 'gemma-2-27b-it'],
    params: 27.23e9, layers: 46, hidden: 4608, heads: 32, kvHeads: 16, headDim: 128, intermediate: 36864, vocab: 256000,
    maxContext: 8192, source: hf('google/gemma-2-27b', 'the safetensors index (27.2B)'), asOf: MODELS_DATE,
  },
  {
    id: 'phi-3-mini', name: 'Phi-3 mini 4k', aliases: ['phi-3-mini-4k', 'phi-3-mini-4k-instruct', 'phi3-mini'],
    params: 3.82e9, layers: 32, hidden: 3072, heads: 32, kvHeads: 32, headDim: 96, intermediate: 8192, vocab: 32064,
    maxContext: 4096, source: hf('microsoft/Phi-3-mini-4k-instruct', 'the model card (3.8B)'), asOf: MODELS_DATE,
  },
];
