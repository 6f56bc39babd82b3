import { readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../support/cli.js';

// The OASIS SARIF 2.1.0 schema (draft-04), committed as a fixture.
const schema = JSON.parse(readFileSync(fixture('guard', 'sarif-schema-2.1.0.json'), 'utf8'));
// ajv-draft-04 is CommonJS: its class is the default export's default.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const validate = new (Ajv as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

interface Sarif {
  version: string;
  runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
}

describe('gpuops audit -o sarif', () => {
  it('is valid SARIF 2.1.0 with one result per finding, each pointing at its rule', async () => {
    const [sarif, json] = await Promise.all([cli(['audit', '--sample', '-o', 'sarif']), cli(['audit', '--sample', '-o', 'json'])]);
    const log = JSON.parse(sarif.stdout) as Sarif;
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const findings = json.json<{ findings: { ruleId: string; resourceId: string; severity: string }[] }>().findings;
    expect(run.results).toHaveLength(findings.length);
    for (const [i, res] of run.results.entries()) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(findings[i]!.resourceId);
      expect(res.level).toBe(findings[i]!.severity === 'medium' ? 'warning' : findings[i]!.severity === 'low' ? 'note' : 'error');
    }
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const broken = { version: '2.1.0', runs: [{ tool: { driver: { name: 'gpuops' } }, results: [{ ruleId: 'GPU001' }] }] };
    expect(validate(broken)).toBe(false);
  });

  it('stays valid with no findings', async () => {
    const empty = { version: '2.1.0' };
    const r = await cli(['audit', '--from', fixture('guard', 'contoso', 'locks.json'), '-o', 'sarif']);
    const log = JSON.parse(r.stdout) as Sarif;
    expect(validate(log)).toBe(true);
    expect(log).toMatchObject(empty);
    expect(log.runs[0]!.results).toEqual([]);
  });
});
