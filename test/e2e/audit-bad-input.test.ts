import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model/finding.js';
import { cli, fixture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gpuops-guard-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const plan = fixture('guard', 'terraform', 'estate.plan.json');

/** Exit 2, an error naming what was wrong, no stack trace. */
async function bad(argv: string[], message: RegExp) {
  const r = await cli(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('gpuops audit with bad input', () => {
  it('a malformed file: names the file, line and column', () =>
    bad(['audit', '--from', file('broken.json', '[\n  {"id": "x",\n   "type": }\n]')], /Input file ".*broken\.json" is not valid JSON at line 3, column 12/));
  it('an empty file', () => bad(['audit', '--from', file('empty.json', '  \n')], /Input file ".*empty\.json" is empty; expected one of/));
  it('a binary or non-UTF-8 file is described, its bytes never echoed', async () => {
    const bin = join(dir, 'bin.json');
    writeFileSync(bin, Buffer.from([0x5b, 0x00, 0x01, 0xff, 0xfe]));
    await bad(['audit', '--from', bin], /Input file ".*bin\.json" is a binary file \(a NUL byte at offset 1\), not JSON text/);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]));
    await bad(['inventory', 'list', '--from', latin1], /Input file ".*latin1\.json" is not UTF-8 text/);
  });
  it('a missing file', () => bad(['audit', '--from', join(dir, 'nope.json')], /Input file ".*nope\.json" does not exist/));
  it('a file of an unknown shape names the file and the shapes expected', () =>
    bad(['audit', '--from', fixture('eastus2', 'usage.az.json')], /usage\.az\.json" holds a list of records without "id" and "type".*az graph query/));
  it('a JSON scalar', () => bad(['audit', '--from', file('num.json', '42')], /holds a number, which gpuops does not recognise/));
  it('a plan of an unsupported format_version', () =>
    bad(['audit', '--from', file('plan2.json', JSON.stringify({ format_version: '2.0', terraform_version: '2.0.0', planned_values: {} }))], /format_version "2\.0", which gpuops cannot read; expected 1\.x/));
  it('a plan with no planned values', () =>
    bad(['audit', '--from', file('plan3.json', JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0' }))], /has no planned_values or values/));
  it('a bundle of another format, and a bundle with a bad field', async () => {
    await bad(['audit', '--from', file('b1.json', JSON.stringify({ format: 'other/9', inventory: {} }))], /format "other\/9"; expected "gpuops-inventory\/1"/);
    await bad(['audit', '--from', file('b2.json', JSON.stringify({ format: 'gpuops-inventory/1', inventory: { resources: [{ kind: 'vm' }], metrics: [], unreadable: [], sources: [] } }))], /is not valid at inventory\.resources\.0\.id/);
  });
  it('the same file twice, and two sources at once', async () => {
    await bad(['audit', '--from', plan, '--from', plan], /--from ".*" is given twice/);
    await bad(['audit', '--from', plan, '--from', relative(process.cwd(), plan)], /--from ".*" is given twice/);
    await bad(['audit', '--from', plan, '--sample'], /--from, --live and --sample are different sources/);
  });
  it('no source at all', () => bad(['audit'], /no inventory source: pass --from FILE/));
  it('a bad --fail-on and a bad --metrics-hours', async () => {
    await bad(['audit', '--sample', '--fail-on', 'severe'], /--fail-on "severe" is not valid: expected one of critical, high, medium, low/);
    await bad(['audit', '--sample', '--metrics-hours', '-5'], /--metrics-hours "-5" is not valid/);
    await bad(['audit', '--sample', '--metrics-hours', '99999'], /expected hours from 1 to 2232/);
  });
  it('-o sarif on a command without findings', () => bad(['skus', '--offline', '-o', 'sarif'], /--output sarif is only supported by `gpuops audit`/));
  it('a bad live subscription id is refused before any call', () =>
    bad(['audit', '--live', '--subscription', 'not-a-guid'], /--subscription "not-a-guid" is not a subscription id/));
});

describe('gpuops audit --config', () => {
  const cfg = (name: string, text: string) => file(name, text);
  it('an unknown rule id names the rule, where, and the nearest ids', async () => {
    const r = await cli(['audit', '--sample', '--config', cfg('c1.yaml', 'severity:\n  GPU01: low\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: Config ".*c1.yaml"'.replace('.*', `${dir}/`));
    expect(r.stderr).toContain('names rule "GPU01" in severity, and there is no such rule');
    expect(r.stderr).toMatch(/hint: did you mean GPU0\d\d, GPU0\d\d, GPU0\d\d\?/);
  });
  it('unknown keys, bad values, bad YAML and duplicate keys', async () => {
    await bad(['audit', '--sample', '--config', cfg('c2.yaml', 'requiredTag: [owner]\n')], /not valid at \(top level\): unknown key\(s\) requiredTag/);
    await bad(['audit', '--sample', '--config', cfg('c3.yaml', 'idle:\n  thresholdPercent: -1\n')], /not valid at idle\.thresholdPercent/);
    await bad(['audit', '--sample', '--config', cfg('c4.yaml', 'idle: [\n')], /is not valid YAML at line \d+, column \d+/);
    await bad(['audit', '--sample', '--config', cfg('c5.yaml', 'expiryTag: a\nexpiryTag: b\n')], /is not valid YAML/);
    await bad(['audit', '--sample', '--config', cfg('c6.yaml', 'waivers:\n  - rule: GPU001\n    resource: "*"\n    expires: 2026-13-45\n    reason: x\n')], /not valid at waivers\[0\]\.expires/);
    await bad(['audit', '--sample', '--config', cfg('c7.yaml', 'waivers:\n  - rule: GPU001\n    resource: "*"\n    expires: "2027-01-01"\n    reason: "  "\n')], /waivers\[0\]\.reason: a waiver needs a reason/);
    await bad(['audit', '--sample', '--config', join(dir, 'missing.yaml')], /Config ".*missing\.yaml" does not exist/);    await bad(['audit', '--sample', '--config', dir], /Config ".*" is a directory/);
  });
  it('a config saved with a BOM or as UTF-16 by PowerShell is read', async () => {
    const text = 'severity:\n  GPU012: high\n';
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, '\ufeff' + text);
    const utf16 = join(dir, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const path of [bom, utf16]) {
      const r = await cli(['audit', '--sample', '--config', path, '-o', 'json']);
      expect(r.stderr, path).not.toMatch(/error/);
      const gpu012 = (JSON.parse(r.stdout) as AuditReport).findings.filter((f) => f.ruleId === 'GPU012');
      expect(gpu012.length).toBeGreaterThan(0);
      expect(gpu012.every((f) => f.severity === 'high')).toBe(true);
    }
  });
  it('applies waivers (reported as skipped), severities, sizes and thresholds from the file', async () => {
    const path = cfg('ok.yaml', [
      'allowedSizes: [Standard_NC24ads_A100_v4]',
      'severity: { GPU012: high }',
      'waivers:',
      '  - { rule: GPU009, resource: "*/virtualMachines/viz-a10", expires: "2026-12-31", reason: "demo until year end" }',
    ].join('\n'));
    const r = await cli(['audit', '--sample', '--config', path, '-o', 'json']);
    const report = r.json<AuditReport>();
    expect(report.findings.some((f) => f.ruleId === 'GPU009')).toBe(false);
    expect(report.skipped.map((s) => `${s.ruleId} ${s.resourceId.split('/').pop()} ${s.waiver.reason}`)).toEqual(['GPU009 viz-a10 demo until year end']);
    expect(report.findings.find((f) => f.ruleId === 'GPU012')!.severity).toBe('high');
    expect(report.findings.filter((f) => f.ruleId === 'GPU011').map((f) => f.resourceName).sort()).toEqual([
      'nd-weekend-01', 'nd-weekend-02', 'nd-weekend-03', 'nd-weekend-04', 'stopped-t4', 'viz-a10', 'vllm-a10',
    ]);
  });
});

describe('one unreadable resource never aborts the audit', () => {
  it('reports the bad records and audits the rest', async () => {
    const rows = [
      { id: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/ok', name: 'ok', type: 'microsoft.compute/virtualmachines', location: 'eastus', tags: {}, properties: { hardwareProfile: { vmSize: 'Standard_NC24ads_A100_v4' } } },
      { id: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/bad', name: 'bad', type: 'microsoft.compute/virtualmachinescalesets', sku: { name: 'Standard_NC24ads_A100_v4', capacity: -3 } },
      { name: 'no id' },
      { id: '/subscriptions/1/providers/Microsoft.Consumption/budgets/b', type: 'Microsoft.Consumption/budgets', notifications: { n: { enabled: true, threshold: 'eighty' } } },
    ];
    const r = await cli(['audit', '--from', file('rows.json', JSON.stringify(rows)), '-o', 'json']);
    expect(r.code).toBe(0);
    const report = r.json<AuditReport>();
    expect(report.unreadable.map((u) => u.reason)).toEqual([
      'sku.capacity is -3, not a whole number of 0 or more',
      'the record has no "id" and "type"',
      'notifications.n.threshold is "eighty", not a number of 0 or more',
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'GPU001').map((f) => f.resourceName)).toEqual(['ok']);
    expect(r.stderr).toContain('3 input record(s) could not be read and were left out');
  });
  it('a metric sample outside 0-100 is reported, not averaged', async () => {
    const doc = { value: [{ id: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/metrics/Percentage CPU', type: 'Microsoft.Insights/metrics', name: { value: 'Percentage CPU' }, timeseries: [{ data: [{ timeStamp: '2026-11-26T00:00:00Z', average: 250 }] }] }] };
    const report = (await cli(['audit', '--from', file('m.json', JSON.stringify(doc)), '-o', 'json'])).json<AuditReport>();
    expect(report.unreadable).toHaveLength(1);
    expect(report.unreadable[0]!.reason).toMatch(/^Percentage CPU: sample .* is not a percentage/);
  });
});

describe('hostile inputs kept from the trial', () => {
  const vmRow = (name: string, extra: Record<string, unknown> = {}) => ({
    id: `/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`, name, type: 'microsoft.compute/virtualmachines',
    location: 'eastus', properties: { hardwareProfile: { vmSize: 'Standard_NC24ads_A100_v4' } }, ...extra,
  });
  it('reads a UTF-16LE file with a BOM (PowerShell `>`)', async () => {
    const p = join(dir, 'u16.json');
    writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify([vmRow('v')]), 'utf16le')]));
    expect((await cli(['audit', '--from', p, '-o', 'json'])).json<AuditReport>().summary.gpuVms).toBe(1);
  });
  it('tags that are not a map are unknown, an impossible expiry date fails GPU001, a numeric size is no GPU size', async () => {
    const rows = [vmRow('tags-array', { tags: [1, 2] }), vmRow('feb30', { tags: { owner: 'o', 'cost-center': 'c', expires: '2026-02-30' } }),
      { ...vmRow('numeric-size'), properties: { hardwareProfile: { vmSize: 12345 } } }];
    const report = (await cli(['audit', '--from', file('hostile-tags.json', JSON.stringify(rows)), '-o', 'json'])).json<AuditReport>();
    expect(report.findings.filter((f) => f.ruleId === 'GPU001').map((f) => [f.resourceName, f.evidence.invalidExpiry])).toEqual([['feb30', '2026-02-30']]);
    expect(report.unknown.filter((u) => u.ruleId === 'GPU001').map((u) => u.resourceId.split('/').pop())).toEqual(['tags-array']);
    expect(report.summary.gpuVms).toBe(2);
  });
  it('a plan whose references point at itself, at variables and at data sources does not crash', async () => {
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: 'nope', child_modules: [{ resources: [
      { address: 'azurerm_linux_virtual_machine.a', mode: 'managed', type: 'azurerm_linux_virtual_machine', values: { name: 'a', size: 'Standard_NC24ads_A100_v4' } }] }] } },
    configuration: { root_module: { resources: [{ address: 'azurerm_linux_virtual_machine.a', expressions: { network_interface_ids: { references: ['azurerm_linux_virtual_machine.a.id', 'var.x', 'data.azurerm_subscription.s.id'] } } }] } } };
    const r = await cli(['audit', '--from', file('selfref.json', JSON.stringify(plan)), '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json<AuditReport>().unknown.map((u) => u.ruleId)).toEqual(['GPU009', 'GPU010']);
  });
  it('caps the table at 500 rows per severity and says how many more there are', async () => {
    const rows = Array.from({ length: 520 }, (_, i) => vmRow(`v${i}`, { tags: { owner: 'o', 'cost-center': 'c', expires: '2027-01-01' } }));
    const r = await cli(['audit', '--from', file('many.json', JSON.stringify(rows))]);
    // 520 GPU VMs with no schedule (GPU003) and no budget (GPU005): 1,040 high findings.
    expect(r.stdout).toContain('… and 540 more high finding(s): -o json, -o csv or --query list them all');
  });
  it('refuses -o sarif with --query, and --subscription without --live', async () => {
    await bad(['audit', '--sample', '-o', 'sarif', '--query', 'findings'], /--query selects from the JSON output and cannot be combined with -o sarif/);
    await bad(['audit', '--sample', '--subscription', '00000000-0000-0000-0000-000000000001'], /--subscription applies to --live only/);
  });
  it('inventory: an unknown action, and an --out that cannot be written', async () => {
    await bad(['inventory', 'bogus', '--sample'], /inventory action "bogus" is not known; expected one of: export, list/);
    await bad(['inventory', 'list', '--sample', '--out', join(dir, 'list.json')], /--out applies to `inventory export` only/);
    await bad(['inventory', 'export', '--sample', '--out', dir], /--out ".*" cannot be written \(EISDIR\)/);
    // The bundle is written beside --out and renamed: a failure leaves no temporary file behind.
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith(`${basename(dir)}.`) && f.endsWith('.tmp'))).toEqual([]);
  });
  it('inventory export --out replaces an earlier export whole', async () => {
    const out = file('estate.json', '{"old": true}\n');
    const r = await cli(['inventory', 'export', '--sample', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'gpuops-inventory/1' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
