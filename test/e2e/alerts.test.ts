import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCOPE = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/my-aoai';

function promtool(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('promtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

interface Rules { groups: { name: string; rules: { record?: string; alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[] }

describe('gpuops alerts --target prometheus', () => {
  it('writes the contract names, and promtool check rules accepts them', async () => {
    const file = join(dir, 'rules.yml');
    const r = await cli(['alerts', '--target', 'prometheus', '--tpm-limit', '120000', '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${file}: 2 recording rules, 8 alerts\n`);
    const rules = parse(readFileSync(file, 'utf8')) as Rules;
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.filter((x) => x.record).map((x) => x.record)).toEqual(['gpuops:inference_tokens_per_minute', 'gpuops:gateway_tokens_per_minute']);
    expect(all.filter((x) => x.alert).map((x) => x.alert).sort()).toEqual(['GpuExporterDown', 'GpuIdleWhileAllocated', 'GpuMemoryPressure', 'GpuTemperatureHigh',
      'GpuXidError', 'InferenceRateLimited', 'InferenceTpmNearLimit', 'InferenceTtftSloBreached']);
    for (const a of all.filter((x) => x.alert)) {
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.runbook, a.alert).toBeTruthy();
      const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(a.for!)!;
      expect(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0), `${a.alert} for: ${a.for}`).toBeLessThanOrEqual(3600);
    }
    const check = promtool('check', 'rules', file);
    expect(check.out).toContain('SUCCESS: 10 rules found');
    expect(check.code).toBe(0);
  });

  it('every rule does what its promtool unit test expects (test/fixtures/alerts/rules.test.yml)', async () => {
    const sub = join(dir, 'unit');
    mkdirSync(sub);
    const r = await cli(['alerts', '--tpm-limit', '2000', '--out', join(sub, 'rules.yml')]);
    expect(r.code).toBe(0);
    copyFileSync(fixture('alerts', 'rules.test.yml'), join(sub, 'rules.test.yml'));
    const t = promtool('test', 'rules', join(sub, 'rules.test.yml'));
    expect(t.out).toContain('SUCCESS');
    expect(t.code).toBe(0);
  });

  it('stdout by default; without --tpm-limit the TPM alert is left out and a note says so', async () => {
    const r = await cli(['alerts']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: no --tpm-limit: InferenceTpmNearLimit is left out');
    const rules = parse(r.stdout) as Rules;
    expect(rules.groups.flatMap((g) => g.rules).some((x) => x.alert === 'InferenceTpmNearLimit')).toBe(false);
  });

  it('thresholds from --config, and flags over the file', async () => {
    const r = await cli(['alerts', '--config', fixture('alerts', 'gpuops.yaml'), '--ttft-slo', '1.5s', '-o', 'json']);
    expect(r.code).toBe(0);
    const rules = r.json<Rules>().groups.flatMap((g) => g.rules);
    const get = (name: string) => rules.find((x) => x.alert === name)!;
    expect(get('InferenceTpmNearLimit').expr).toBe('gpuops:inference_tokens_per_minute > 192000');
    expect(get('InferenceTtftSloBreached').expr).toMatch(/ > 1\.5$/);
    expect([get('GpuIdleWhileAllocated').for, get('GpuTemperatureHigh').for]).toEqual(['45m', '10m']);
    expect(get('GpuTemperatureHigh').expr).toBe('DCGM_FI_DEV_GPU_TEMP > 80');
    expect(get('GpuExporterDown').expr).toContain('up{job="gpu-nodes"} == 0');
  });
});

describe('gpuops alerts bad input: exit 2 with a message naming the input', () => {
  it.each([
    [['--ttft-slo', 'fast'], '--ttft-slo "fast" is not a duration: expected a number with a unit, e.g. 500ms, 15s, 5m, 1h'],
    [['--ttft-slo', '500'], '--ttft-slo "500" is not a duration'],
    [['--ttft-slo', '-5ms'], '--ttft-slo "-5ms" is not a duration'],
    [['--ttft-slo', '0ms'], '--ttft-slo "0ms" is out of range'],
    [['--idle-for', '2h'], '--idle-for "2h" is out of range: expected between 0s and 1h'],
    [['--tpm-limit', '-100'], '--tpm-limit "-100" is not valid: expected a whole number from 1 to 1000000000000'],
    [['--tpm-limit', '1e400'], '--tpm-limit "1e400" is not valid'],
    [['--tpm-limit', '12.5'], '--tpm-limit "12.5" is not valid'],
    [['--tpm-limit', ''], '--tpm-limit is empty'],
    [['--target', 'datadog'], '--target "datadog" is not valid: expected one of prometheus, azure-monitor, grafana'],
    [['--config', '/nonexistent/gpuops.yaml'], '--config /nonexistent/gpuops.yaml cannot be read (ENOENT)'],
    [['--config', fixture('alerts', 'bad-duration.yaml')], 'bad-duration.yaml alerts.ttftSlo "fast" is not a duration'],
    [['--config', fixture('alerts', 'typo.yaml')], 'alerts.tpmLimmit is not a known setting; expected one of: tpmLimit,'],
    [['--config', fixture('alerts', 'broken.yaml')], 'broken.yaml is not valid YAML at line'],
    [['--scope', SCOPE], '--scope, --deployment, --format and --force apply to --target azure-monitor only'],
    [['--target', 'grafana', '--format', 'bicep'], '--scope, --deployment, --format and --force apply to --target azure-monitor only, not to --target grafana'],
    [['--tpm-limit', '0x10'], '--tpm-limit "0x10" is not valid'],
    [['--tpm-limit', '1e3'], '--tpm-limit "1e3" is not valid'],
    [['--tpm-limit', '0'], '--tpm-limit "0" is not valid'],
    [['--out', '/nonexistent/dir/rules.yml'], '--out /nonexistent/dir/rules.yml cannot be written (ENOENT)'],
    [['--config', '/'], '--config / cannot be read (EISDIR)'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', `${SCOPE}/`], 'is not the resource id'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', SCOPE.replace('rg-ai', 'rg.')], 'is not the resource id'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000'], '--target azure-monitor needs --scope'],
    [['--target', 'azure-monitor', '--scope', SCOPE], '--target azure-monitor needs --tpm-limit'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-ai/providers/Microsoft.Compute/virtualMachines/vm1'], 'is not the resource id of an Azure OpenAI account'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', 'my-aoai'], '--scope "my-aoai" is not the resource id of an Azure OpenAI account'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', SCOPE.replace('0b1f6471', 'zzzz6471')], 'is not the resource id'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', `${SCOPE}/deployments/gpt-4o`], 'is not the resource id'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', SCOPE, '--deployment', 'bad name!'], '--deployment "bad name!" is not a deployment name'],
    [['--target', 'azure-monitor', '--tpm-limit', '1000', '--scope', SCOPE, '--format', 'pulumi'], '--format "pulumi" is not valid: expected one of terraform, bicep'],
  ])('%j', async (args, message) => {
    const r = await cli(['alerts', ...args]);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--out into a directory that holds files needs --force', async () => {
    const out = join(dir, 'full');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.tf'), '');
    const args = ['alerts', '--target', 'azure-monitor', '--scope', SCOPE, '--tpm-limit', '1000', '--out', out];
    const r = await cli(args);
    expect([r.code, r.stderr]).toEqual([2, `error: --out ${out} is not empty: expected an empty or new directory\nhint: pass --force to overwrite the files gpuops writes there\n`]);
    expect((await cli([...args, '--force'])).code).toBe(0);
  });
});

describe('gpuops alerts --target azure-monitor', () => {
  const args = ['alerts', '--target', 'azure-monitor', '--scope', SCOPE, '--tpm-limit', '120000'];

  it('Terraform: TokenTransaction total per minute over 80% of the limit, 429s by StatusCode, time to response, an action group', async () => {
    const out = join(dir, 'tf');
    const r = await cli([...args, '--out', out]);
    expect(r.code).toBe(0);
    const tf = readFileSync(join(out, 'main.tf'), 'utf8');
    expect(tf).toContain(`resource "azurerm_monitor_metric_alert" "tpm_near_limit" {
  name                = "gpuops-tpm-near-limit-my-aoai"
  resource_group_name = "rg-ai"
  scopes              = ["${SCOPE}"]`);
    expect(tf).toContain(`  criteria {
    metric_namespace = "Microsoft.CognitiveServices/accounts"
    metric_name      = "TokenTransaction"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 96000

    dimension {
      name     = "ModelDeploymentName"
      operator = "Include"
      values   = ["*"]
    }
  }`);
    expect(tf).toContain('metric_name      = "AzureOpenAIRequests"');
    expect(tf).toContain('values   = ["429"]');
    expect(tf).toContain('metric_name      = "AzureOpenAITimeToResponse"');
    expect(tf.match(/action_group_id = azurerm_monitor_action_group\.gpuops\.id/g)).toHaveLength(3);
    expect(tf).toContain('window_size         = "PT1M"');
    // terraform fmt style: no tabs, no trailing spaces, two-space indent.
    expect(tf.split('\n').filter((l) => /\t| $/.test(l))).toEqual([]);
  });

  it('same input, same bytes; Bicep has the same alerts', async () => {
    const a = await cli([...args, '--deployment', 'gpt-4o']);
    const b = await cli([...args, '--deployment', 'gpt-4o']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('values   = ["gpt-4o"]');
    const bicep = (await cli([...args, '--format', 'bicep'])).stdout;
    expect(bicep).toBe((await cli([...args, '--format', 'bicep'])).stdout);
    expect(bicep.match(/resource \w+ 'Microsoft\.Insights\/metricAlerts@2018-03-01'/g)).toHaveLength(3);
    expect(bicep).toContain("metricName: 'TokenTransaction'\n          timeAggregation: 'Total'\n          operator: 'GreaterThan'\n          threshold: 96000");
    expect(bicep).toContain(`var accountId = '${SCOPE}'`);
  });
});

describe('gpuops alerts --target grafana', () => {
  it('a dashboard with GPU panels on dcgm names and inference panels on vLLM names', async () => {
    const r = await cli(['alerts', '--target', 'grafana', '-o', 'json']);
    expect(r.code).toBe(0);
    const d = r.json<{ uid: string; panels: { type: string; title: string; targets?: { expr: string }[] }[] }>();
    const exprs = d.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr).join('\n');
    for (const name of ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_GPU_TEMP', 'gpuops:inference_tokens_per_minute',
      'vllm:time_to_first_token_seconds_bucket', 'vllm:num_requests_waiting', 'status="429"']) expect(exprs).toContain(name);
    expect(exprs).toContain('histogram_quantile(0.95,');
    expect(exprs).toContain('histogram_quantile(0.5,');
    expect(new Set(d.panels.map((p) => (p as { id?: number }).id)).size).toBe(d.panels.length);
  });
});
