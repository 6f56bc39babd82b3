import { describe, expect, it } from 'vitest';
import type { SizeReport } from '../../src/model/workload-plan.js';
import { cli, fixture } from '../support/cli.js';

const GIB = 1024 ** 3;

describe('gpuops size', () => {
  it('Llama 3.1 70B fp16, 8k context x 16: weights and KV cache by the formulas, fits ranked by price', async () => {
    const r = await cli(['size', 'llama-3.1-70b', '--precision', 'fp16', '--context', '8192', '--concurrency', '16', '--region', 'eastus2', '-o', 'json']);
    expect(r.code).toBe(0);
    const s = r.json<SizeReport>();
    expect(s.model).toBe('llama-3.1-70b');
    // 70.55e9 x 2 B; 2 x 80 layers x 8 KV heads x 128 x 2 B x 8192 x 16 = 40 GiB exactly
    expect(s.breakdown.weightsGiB).toBeCloseTo((70.55e9 * 2) / GIB, 2);
    expect(s.breakdown.kvCacheGiB).toBe(40);
    expect(s.fits.length).toBeGreaterThan(0);
    const prices = s.fits.map((f) => f.pricePerHour ?? Infinity);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const f of s.fits) {
      expect(f.perGpuGiB).toBeLessThanOrEqual(f.gpuMemoryGiB * 0.9);
      expect(f.headroomGiB).toBeCloseTo(f.gpuMemoryGiB * 0.9 - f.perGpuGiB, 1);
    }
    // No single 80 GiB GPU holds 131 GiB of weights.
    expect(s.fits.every((f) => f.gpus > 1)).toBe(true);
    // The prices shown name their source and the date it was read.
    expect(s.assumptions.find((a) => a.startsWith('prices:'))).toMatch(/; source: .*read \d{4}-\d{2}-\d{2}/);
  });

  it('a config.json model sizes like the table entry it describes (within 1%)', async () => {
    const table = (await cli(['size', 'llama-3.1-8b', '-o', 'json'])).json<SizeReport>();
    const file = (await cli(['size', '--config', fixture('plan', 'config.llama-3.1-8b.json'), '-o', 'json'])).json<SizeReport>();
    expect(Math.abs(file.totalGiB - table.totalGiB) / table.totalGiB).toBeLessThan(0.01);
    expect(file.breakdown.kvCacheGiB).toBe(table.breakdown.kvCacheGiB);
  });

  it('training modes: full needs the most, QLoRA the least; checkpointing lowers activations', async () => {
    const total = async (...extra: string[]) => (await cli(['size', 'mistral-7b', '--context', '4096', ...extra, '-o', 'json'])).json<SizeReport>();
    const [full, lora, qlora] = await Promise.all([total('--train', 'full'), total('--train', 'lora'), total('--train', 'qlora')]);
    expect(full.totalGiB).toBeGreaterThan(lora.totalGiB);
    expect(lora.totalGiB).toBeGreaterThan(qlora.totalGiB);
    expect(full.breakdown.optimizerGiB).toBeCloseTo((7.25e9 * 12) / GIB, 2);
    const ckpt = await total('--train', 'qlora', '--checkpointing');
    expect(ckpt.breakdown.activationsGiB).toBeLessThan(qlora.breakdown.activationsGiB);
    expect(qlora.precision).toBe('int4');
  });

  it('the table view explains each number', async () => {
    const r = await cli(['size', 'phi-3-mini', '--context', '4096']);
    expect(r.stdout).toMatch(/KV cache: 2 x 32 layers x 32 KV heads x 96 head dim x 2 bytes \(bf16\) x 4096 tokens x 1 concurrent sequences/);
    expect(r.stdout).toMatch(/Sizes that fit/);
  });
});

describe('gpuops size, bad input (exit 2)', () => {
  it.each([
    [['size', 'llama-3-7b'], /model "llama-3-7b" is not in the built-in table[\s\S]*did you mean/],
    [['size', 'llama-3.1-8b', '--context', '200000'], /--context 200000 is longer than Llama 3.1 8B supports/],
    [['size', 'llama-3.1-8b', '--context', '0'], /--context "0" is not valid/],
    [['size', 'llama-3.1-8b', '--concurrency', '-1'], /--concurrency "-1" is not valid/],
    [['size', 'llama-3.1-8b', '--precision', 'fp4'], /--precision "fp4" is not valid/],
    [['size', 'llama-3.1-8b', '--train', 'full', '--precision', 'int4'], /cannot be used with --train full/],
    [['size', 'llama-3.1-8b', '--utilization', '1.5'], /--utilization "1.5" is not valid/],
    [['size', 'llama-3.1-8b', '--utilization', '0'], /--utilization "0" is not valid/],
    [['size', 'llama-3.1-8b', '--overhead-gib', '-1'], /--overhead-gib "-1" is not valid/],
    [['size', 'llama-3.1-8b', '--overhead-gib', '1e308'], /--overhead-gib "1e308" is not valid: expected a number of 0 or more and at most 1,024/],
    [['size', 'llama-3.1-8b', '--region', 'mars'], /region "mars" is not among/],
    [['size', '--config', fixture('plan', 'config.missing-fields.json')], /is not a usable Hugging Face config\.json: .*num_hidden_layers/],
    [['size', '--config', fixture('plan', 'request.bad.yaml')], /is not valid JSON at line 1, column 1/],
    [['size', '--config', fixture('plan', 'nope.json')], /does not exist/],
    [['size', '--config', fixture('plan', 'binary.bin')], /binary\.bin is a binary file \(a NUL byte at offset 7\), not JSON text/],
    [['size', '--params', '13B', '--layers', '40'], /missing --hidden, --heads/],
    [['size', '--params', 'lots', '--layers', '40', '--hidden', '5120', '--heads', '40'], /--params "lots" is not valid/],
    [['size'], /size needs a model/],
    [['size', '   '], /the model name is empty/],
    [['size', 'llama-3.1-8b', '--region', ''], /--region is empty/],
    [['size', 'llama-3.1-8b', '--context', '1e9'], /--context "1e9" is not valid/],
    [['size', 'llama-3.1-8b', '--utilization', 'NaN'], /--utilization "NaN" is not valid/],
    [['size', '--params', '13B', '--layers', '40', '--hidden', '5120', '--heads', '40', '--kv-heads', '7'], /not a multiple of --kv-heads 7/],
    [['size', 'llama-3.1-405b', '--precision', 'fp32', '--context', '131072', '--concurrency', '64'], /fits no Azure GPU size; closest: /],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\.ts:\d+/);
  });
});
