import { describe, expect, it } from 'vitest';
import { startMockLlm } from '../mock/server.js';
import { loadTokenizer } from '../wire/tokens.js';
import { runBench } from './run.js';
import { warmClient } from './warm.js';

describe('warmClient', () => {
  it('runs its own stream to completion and returns', async () => {
    const tok = await loadTokenizer();
    await expect(warmClient(tok, 2)).resolves.toBeUndefined();
  }, 10_000);

  it('sends nothing to the target: the server sees exactly the planned requests', async () => {
    const mock = await startMockLlm({ ttftMs: 1, itlMs: 0, outputTokens: { fixed: 3 } });
    try {
      const { run } = await runBench({
        api: 'openai', url: `${mock.url}/v1`, operation: 'chat', model: 'mock-llm', keySource: null,
        plan: { mode: 'concurrency', concurrency: 2, burstiness: 1, requests: 5, rampUpMs: 0, seed: 1 },
        warmup: 0, prompts: { kind: 'synthetic', inputTokens: 4 }, ignoreEos: false, includeUsage: true, timeoutMs: 10_000, slo: null,
      }, new Date());
      expect(run.stages[0]!.requests.ok).toBe(5);
      expect(mock.requests()).toHaveLength(5);
    } finally {
      await mock.close();
    }
  }, 20_000);
});
