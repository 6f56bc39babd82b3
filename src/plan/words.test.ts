import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseWords, type WordsContext } from './words.js';

// Friday 2026-11-27, 10:00 UTC.
const ctx: WordsContext = { now: '2026-11-27T10:00:00Z', gpuNames: ['a100', 'h100', 'a10', 't4', 'mi300x', 'a100-80gb'], regions: ['eastus2', 'eastus', 'westus3'] };

describe('parseWords', () => {
  it('reads the Monday-morning request part by part', () => {
    const { parts, reading } = parseWords('8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday', ctx);
    expect(parts).toEqual({ gpus: 8, gpu: 'a100', interconnect: 'nvlink', scratch: '2tb', purpose: 'fine-tuning', deadline: '2026-12-02T09:00:00Z' });
    expect(reading.map((r) => r.text)).toEqual(['8 a100 gpus', 'nvlink', '2 tb nvme', 'fine-tuning', 'by wednesday']);
  });

  it('resolves weekdays against the given now: the next one strictly after today', () => {
    expect(parseWords('4 h100 by friday', ctx).parts.deadline).toBe('2026-12-04T09:00:00Z');
    expect(parseWords('4 h100 by saturday', ctx).parts.deadline).toBe('2026-11-28T09:00:00Z');
    expect(parseWords('4 h100 by tomorrow', ctx).parts.deadline).toBe('2026-11-28T09:00:00Z');
    expect(parseWords('4 h100 by monday 5pm', ctx).parts.deadline).toBe('2026-11-30T17:00:00Z');
    expect(parseWords('4 h100 by monday at 08:30', ctx).parts.deadline).toBe('2026-11-30T08:30:00Z');
    expect(parseWords('4 h100 by 2026-12-10', ctx).parts.deadline).toBe('2026-12-10T09:00:00Z');
  });

  it('reads hours and days, regions, Spot, InfiniBand and inference', () => {
    const { parts } = parseWords('16 x H100 with InfiniBand for 3 days in westus3, spot, for inference', ctx);
    expect(parts).toEqual({ gpus: 16, gpu: 'h100', interconnect: 'infiniband', hours: 72, region: 'westus3', spot: true, purpose: 'inference' });
  });

  it('a10 is not read as a100, and the longest region name wins', () => {
    expect(parseWords('2 a10 gpus in eastus2', ctx).parts).toEqual({ gpus: 2, gpu: 'a10', region: 'eastus2' });
  });

  it('a count without a model means any GPU', () => {
    expect(parseWords('we need 4 GPUs for training', ctx).parts).toEqual({ gpus: 4, purpose: 'training' });
  });

  it('lists the words no rule read', () => {
    const { reading } = parseWords('8 A100 GPUs with blue lights', ctx);
    expect(reading.at(-1)).toEqual({ text: 'blue lights', meaning: 'not read by any rule (ignored)' });
  });

  it('no GPU count is bad input naming the words', () => {
    expect(() => parseWords('some GPUs please', ctx)).toThrow(InputError);
    expect(() => parseWords('some GPUs please', ctx)).toThrow(/no GPU count found in "some GPUs please"/);
  });

  it('an impossible time is bad input', () => {
    expect(() => parseWords('2 t4 by monday 13pm', ctx)).toThrow(/not a time of day/);
  });
});
