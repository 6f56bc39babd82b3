import { describe, expect, it } from 'vitest';
import { archFromConfig, archFromFlags, parseParams } from './model-arch.js';

// Llama 3.1 8B's config.json values, written out here.
const llama8bConfig = {
  hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, intermediate_size: 14336,
  vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: false, _name_or_path: 'meta-llama/Llama-3.1-8B',
};

describe('archFromConfig', () => {
  it('reads the fields and estimates parameters within 0.5% of the published 8.03B', () => {
    const m = archFromConfig(llama8bConfig, 'config.json');
    expect([m.layers, m.hidden, m.heads, m.kvHeads, m.headDim, m.maxContext]).toEqual([32, 4096, 32, 8, 128, 131072]);
    expect(Math.abs(m.params - 8.03e9) / 8.03e9).toBeLessThan(0.005);
  });
  it('--params overrides the estimate', () => {
    expect(archFromConfig(llama8bConfig, 'config.json', 8e9).params).toBe(8e9);
  });
  it('names the missing and malformed fields', () => {
    const { hidden_size: _h, ...noHidden } = llama8bConfig;
    expect(() => archFromConfig({ ...noHidden, num_attention_heads: -1 }, 'c.json')).toThrow(/c\.json is not a usable Hugging Face config\.json: hidden_size: .*num_attention_heads/);
    expect(() => archFromConfig({ ...llama8bConfig, num_key_value_heads: 5 }, 'c.json')).toThrow(/not a multiple of num_key_value_heads 5/);
    expect(() => archFromConfig('text', 'c.json')).toThrow(/c\.json is not a usable/);
  });
});

describe('archFromFlags and parseParams', () => {
  it('parses counts with suffixes', () => {
    expect([parseParams('13B'), parseParams('7.5b'), parseParams('350M'), parseParams('1.2T')]).toEqual([13e9, 7.5e9, 350e6, 1.2e12]);
  });
  it.each(['', '13X', '-7B', '0B', '1e400', 'NaNB', '100'])('rejects %j', (t) => {
    expect(() => parseParams(t)).toThrow(/--params/);
  });
  it('needs layers, hidden size and heads', () => {
    expect(() => archFromFlags({ params: '13B', layers: 40 })).toThrow(/missing --hidden, --heads/);
    expect(archFromFlags({ params: '13B', layers: 40, hidden: 5120, heads: 40 })).toMatchObject({ headDim: 128, kvHeads: 40, params: 13e9 });
    expect(() => archFromFlags({ params: '13B', layers: 40, hidden: 5000, heads: 3 })).toThrow(/not a multiple of --heads/);
  });
});
