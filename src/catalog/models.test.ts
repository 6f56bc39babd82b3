import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archFromConfig } from '../plan/model-arch.js';
import { findModel, models } from './models.js';

// Checked against a snapshot of the models' config.json values, not against the table itself.
const snapshot = JSON.parse(readFileSync(new URL('../../test/fixtures/plan/hf-configs.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown> & { repo: string; params_published: number }>;
const ids = Object.keys(snapshot).filter((k) => !k.startsWith('_'));

describe('built-in model table', () => {
  it('holds the models the issue names, and no others without a snapshot', () => {
    expect(models().map((m) => m.id).sort()).toEqual([...ids].sort());
  });

  it.each(ids)('%s matches its config.json, and its parameter count matches card and architecture', (id) => {
    const s = snapshot[id]!;
    const m = findModel(id)!;
    const fromConfig = archFromConfig(s, s.repo);
    expect({ layers: m.layers, hidden: m.hidden, heads: m.heads, kvHeads: m.kvHeads, headDim: m.headDim, intermediate: m.intermediate, vocab: m.vocab, maxContext: m.maxContext, experts: m.experts })
      .toEqual({ layers: fromConfig.layers, hidden: fromConfig.hidden, heads: fromConfig.heads, kvHeads: fromConfig.kvHeads, headDim: fromConfig.headDim, intermediate: fromConfig.intermediate, vocab: fromConfig.vocab, maxContext: fromConfig.maxContext, experts: fromConfig.experts });
    // The published count is rounded (70.6B, 406B): within 1%; the architecture's own count within 1.5%.
    expect(Math.abs(m.params - s.params_published) / s.params_published).toBeLessThan(0.01);
    expect(Math.abs(m.params - fromConfig.params) / m.params).toBeLessThan(0.015);
    expect(m.source).toContain(s.repo);
    expect(m.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('finds models by id, name, alias and Hugging Face repo name', () => {
    expect(findModel('Llama 3.1 70B')?.id).toBe('llama-3.1-70b');
    expect(findModel('meta-llama/Llama-3.1-70B')?.id).toBe('llama-3.1-70b');
    expect(findModel('LLAMA3-70B')?.id).toBe('llama-3.1-70b');
    expect(findModel('llama-3.1-7b')).toBeUndefined();
  });
});
