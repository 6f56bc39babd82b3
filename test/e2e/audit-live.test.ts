import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model/finding.js';
import { startReplayServer, SUB, TEST_CA, type InventoryScenario, type ReplayServer } from '../azure/replay-server.js';
import { cli, fixture } from '../support/cli.js';

// The contoso sample estate served by the loopback replay server in the REST shapes the SDK clients read.
const CONTOSO = '8f5c2d1e-4b7a-4c3e-9d2f-6a1b0c9e7d34';
const read = (f: string) => JSON.parse(readFileSync(fixture('guard', 'contoso', f), 'utf8'));
const FILLER = 1150;

function scenario(): InventoryScenario {
  const rows = (read('resources.graph.json') as { data: unknown[] }).data;
  // Enough plain public IPs to need a second 1,000-row page.
  const filler = Array.from({ length: FILLER }, (_, i) => ({
    id: `/subscriptions/${CONTOSO}/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/pip-${i}`,
    name: `pip-${i}`, type: 'microsoft.network/publicipaddresses', location: 'eastus', resourceGroup: 'rg-net', subscriptionId: CONTOSO, tags: {}, properties: { ipAddress: null },
  }));
  const budgets: Record<string, unknown[]> = {};
  for (const b of read('budgets.json') as { id: string; name: string; type: string; amount: number; notifications: unknown }[]) {
    const scope = b.id.slice(0, b.id.toLowerCase().indexOf('/providers/microsoft.consumption')).toLowerCase();
    (budgets[scope] ??= []).push({ id: b.id, name: b.name, type: b.type, properties: { category: 'Cost', amount: b.amount, timeGrain: 'Monthly', timePeriod: { startDate: '2026-11-01T00:00:00Z' }, notifications: b.notifications } });
  }
  const locks = { [CONTOSO]: (read('locks.json') as { id: string; name: string; type: string; level: string }[]).map((l) => ({ id: l.id, name: l.name, type: l.type, properties: { level: l.level, notes: 'n' } })) };
  const metrics: Record<string, unknown> = {};
  for (const f of readdirSync(fixture('guard', 'contoso')).filter((x) => x.startsWith('metrics.'))) {
    // Live reads Percentage CPU: serve each VM's samples under that name.
    const doc = JSON.parse(JSON.stringify(read(f)).replaceAll('DCGM_FI_DEV_GPU_UTIL', 'Percentage CPU')) as { value: { id: string }[] };
    metrics[doc.value[0]!.id.replace(/\/providers\/Microsoft\.Insights\/metrics\/.*$/i, '').toLowerCase()] = doc;
  }
  return { rows: [...rows, ...filler], budgets, locks, metrics };
}

const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ inventory: scenario() });
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
});
const live = (argv: string[]) => cli(['audit', '--live', ...argv], { azure: { credential, endpoint: server.url, tlsCa: TEST_CA, maxRetries: 2 } });

describe('gpuops audit --live against the replay server (real SDK clients)', () => {
  it('pages Resource Graph by $skipToken in 1,000-row pages and reads budgets, locks and metrics', async () => {
    const r = await live(['--subscription', CONTOSO, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const graph = server.seen.filter((s) => s.path.toLowerCase() === '/providers/microsoft.resourcegraph/resources');
    expect(graph.map((g) => JSON.parse(g.body!).options)).toEqual([
      { $top: 1000, resultFormat: 'objectArray' },
      { $top: 1000, $skipToken: '1000', resultFormat: 'objectArray' },
    ]);
    expect(JSON.parse(graph[0]!.body!).subscriptions).toEqual([CONTOSO]);
    expect(server.seen.every((s) => s.authorization === 'Bearer test-token')).toBe(true);
    const report = r.json<AuditReport>();
    // The sample's 65 less one budget: rg-ml-platform holds no VM, scale set or cluster, so its budget is not read.
    expect(report.summary.resources).toBe(65 + FILLER - 1);
    // Budgets of the subscription and of each group with VMs; one lock listing; metrics for running GPU VMs only.
    const paths = server.seen.map((s) => s.path.toLowerCase());
    expect(paths.filter((p) => p.endsWith('/microsoft.consumption/budgets')).sort()).toEqual([
      `/subscriptions/${CONTOSO}/providers/microsoft.consumption/budgets`,
      ...['rg-inference', 'rg-ml-train', 'rg-research'].map((rg) => `/subscriptions/${CONTOSO}/resourcegroups/${rg}/providers/microsoft.consumption/budgets`),
    ]);
    expect(paths.filter((p) => p.endsWith('/microsoft.authorization/locks'))).toEqual([`/subscriptions/${CONTOSO}/providers/microsoft.authorization/locks`]);
    const metricCalls = server.seen.filter((s) => s.path.toLowerCase().endsWith('/microsoft.insights/metrics'));
    expect(metricCalls.map((m) => m.path.split('/')[8]).sort()).toEqual(['nd-weekend-01', 'nd-weekend-02', 'nd-weekend-03', 'nd-weekend-04', 'notebook-a100', 'train-a100-01', 'viz-a10', 'vllm-a10']);
    expect(metricCalls[0]!.query.get('metricnames')).toBe('Percentage CPU');
    const pairs = report.findings.map((f) => `${f.ruleId} ${f.resourceName}`);
    expect(pairs.filter((p) => p.startsWith('GPU007')).sort()).toEqual(['GPU007 nd-weekend-01', 'GPU007 nd-weekend-02', 'GPU007 nd-weekend-03', 'GPU007 nd-weekend-04']);
    expect(pairs).toContain('GPU006 inference-monthly');
    expect(pairs.filter((p) => p.startsWith('GPU012'))).toEqual(['GPU012 finetune-llama']);
  });

  it('retries a throttled Resource Graph call (429 with Retry-After) and carries on', async () => {
    const r = await live(['--subscription', SUB.throttledOnce, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const graph = server.seen.filter((s) => s.path.toLowerCase() === '/providers/microsoft.resourcegraph/resources');
    expect(graph).toHaveLength(3); // 429, then both pages
    // As above, and the lock listing of this other subscription is empty.
    expect(r.json<AuditReport>().summary.resources).toBe(65 + FILLER - 2);
  });

  it('gives up on endless throttling with exit 3 naming Resource Graph, and never prints the token', async () => {
    const r = await live(['--subscription', SUB.throttled, '-o', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: Azure Resource Graph returned HTTP 429: throttled: still HTTP 429 after 2 retries');
    expect(r.stderr).not.toContain('test-token');
  });

  it('names the Reader role on 403', async () => {
    const r = await live(['--subscription', SUB.forbidden]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Azure Resource Graph returned HTTP 403: access denied/);
    expect(r.stderr).toContain('Reader role');
  });
});
