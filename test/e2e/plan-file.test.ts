import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../src/plan/plan-file.js';
import { cli, fixture } from '../support/cli.js';

// The plan file is the input of `gpuops provision --plan`: what `plan -o yaml` writes must read back.
const NOW = '2026-11-27T10:00:00Z';
const FILES = ['--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')];

describe('the plan file', () => {
  it.each([
    ['offline, plain words', ['plan', '8 A100 GPUs with NVLink for fine-tuning by Wednesday', '--region', 'eastus2', '--offline']],
    ['exports, flags', ['plan', '--request', fixture('plan', 'request.yaml'), '--owner', 'ana', ...FILES]],
    ['nothing fits', ['plan', '--gpus', '2', '--gpu', 'V100', '--region', 'eastus2', '--offline']],
  ])('-o yaml written by gpuops plan reads back unchanged (%s)', async (_name, argv) => {
    const r = await cli([...argv, '-o', 'yaml'], { now: NOW });
    const doc = parseYaml(r.stdout);
    expect(parsePlanFile(doc, 'plan.yaml')).toEqual(doc);
  });

  it('names the bad fields of a broken plan', async () => {
    const doc = parseYaml((await cli(['plan', '--request', fixture('plan', 'request.yaml'), ...FILES, '-o', 'yaml'], { now: NOW })).stdout);
    doc.guardrails.shutdown.time = '7pm';
    doc.recommended.count = 99;
    expect(() => parsePlanFile(doc, 'plan.yaml')).toThrow(/plan\.yaml is not a gpuops plan file: .*guardrails\.shutdown\.time/);
    expect(() => parsePlanFile({ ...doc, guardrails: { ...doc.guardrails, shutdown: { ...doc.guardrails.shutdown, time: '19:00' } } }, 'p.yaml'))
      .toThrow(/recommended: recommended must name candidates\[0\]/);
    expect(() => parsePlanFile({ kind: 'other' }, 'p.yaml')).toThrow(/kind/);
  });
});
