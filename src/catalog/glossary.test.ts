import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { explain, glossary, searchGlossary } from './glossary.js';

describe('explain', () => {
  it('gives the infra analogue of the core terms', () => {
    const analogues = Object.fromEntries(
      ['model', 'training', 'inference', 'token', 'TPM', 'PTU', 'checkpoint', 'dataset'].map((t) => [t, explain(t).infra]),
    );
    expect(analogues).toEqual({
      model: 'compiled binary', training: 'batch job', inference: 'API call', token: 'unit of work', TPM: 'RPS (throughput)',
      PTU: 'reserved instance', checkpoint: 'snapshot', dataset: 'database',
    });
  });

  it('finds by alias, in any case and spelling', () => {
    expect(explain('time to first token').term).toBe('TTFT');
    expect(explain('Fine Tuning').term).toBe('fine-tuning');
    expect(explain('kv-cache').term).toBe('KV cache');
    expect(explain('bf16').term).toBe('FP16/BF16');
    expect(explain('fractional gpu').term).toBe('MIG');
    expect(explain('tpot').term).toBe('TPOT');
    expect(explain('ITL/TPOT').term).toBe('ITL');
  });

  it('unknown term: InputError naming it, with the nearest terms', () => {
    const error = (() => {
      try {
        explain('tokn');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', exitCode: 2, message: '"tokn" is not in the glossary' });
    expect((error as InputError).suggestion).toMatch(/^did you mean token, /);
  });
});

describe('glossary', () => {
  it('covers the terms the tool teaches', () => {
    const terms = glossary().map((e) => e.term);
    for (const t of ['weights', 'RPM', 'ITL', 'VRAM', 'CUDA', 'NCCL', 'InfiniBand', 'NVLink', 'RDMA', 'ONNX', 'epoch', 'batch size',
      'LoRA', 'QLoRA', 'quantization', 'context window', 'MLOps', 'vLLM', 'GPU quota family', 'spot VM']) {
      expect(terms).toContain(t);
    }
  });

  it('no two terms or aliases share a lookup key', () => {
    const keys = glossary().flatMap((e) => [e.term, ...e.aliases]).map((k) => k.toLowerCase().replace(/[\s_-]+/g, ''));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('seeAlso names only existing terms', () => {
    const terms = new Set(glossary().map((e) => e.term));
    for (const e of glossary()) for (const s of e.seeAlso ?? []) expect(terms.has(s), `${e.term} -> ${s}`).toBe(true);
  });

  it('searchGlossary looks in terms, aliases, meanings and analogues', () => {
    expect(searchGlossary('snapshot').map((e) => e.term)).toEqual(['checkpoint']);
    expect(searchGlossary('INFINIBAND').map((e) => e.term)).toEqual(['NCCL', 'InfiniBand', 'RDMA']);
    expect(searchGlossary('no such words here')).toEqual([]);
    expect(searchGlossary('')).toHaveLength(glossary().length);
  });
});
