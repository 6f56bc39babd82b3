import { describe, expect, it } from 'vitest';
import { GOOD_TAGS, inventory, rid, vm, vmss } from '../../test/support/inventory.js';
import { run } from '../../test/support/audit.js';
import { withDefaults } from './config.js';
import { audit } from './engine.js';
import { defineRule, type AnyRule } from './rule.js';
import { RULES } from './rules/index.js';

const untagged = inventory([vm('a', { tags: {} }), vm('b', { tags: {} }), vmss('c', { tags: {}, autoscale: false, minCount: null, capacity: 3 })]);

describe('audit engine', () => {
  it('reports a waived check as skipped, with the waiver, and not as a finding', () => {
    const r = run(untagged, { waivers: [{ rule: 'GPU001', resource: rid('Microsoft.Compute/virtualMachines', 'A').toUpperCase(), expires: '2026-12-31', reason: 'lab VM' }] });
    expect(r.findings.filter((f) => f.ruleId === 'GPU001').map((f) => f.resourceName).sort()).toEqual(['b', 'c']);
    expect(r.skipped).toEqual([{ ruleId: 'GPU001', resourceId: rid('Microsoft.Compute/virtualMachines', 'a'), resourceType: 'microsoft.compute/virtualmachines', reason: 'waived: lab VM', waiver: { reason: 'lab VM', expires: '2026-12-31' } }]);
    expect(r.summary.skipped).toBe(1);
  });
  it('matches waiver globs and ignores expired waivers, saying so', () => {
    const r = run(untagged, { waivers: [
      { rule: 'GPU001', resource: '*/virtualmachines/*', expires: '2026-12-31', reason: 'all VMs' },
      { rule: 'GPU003', resource: '*', expires: '2026-11-26', reason: 'old' },
    ] });
    expect(r.findings.filter((f) => f.ruleId === 'GPU001').map((f) => f.resourceName)).toEqual(['c']);
    expect(r.findings.filter((f) => f.ruleId === 'GPU003').map((f) => f.resourceName).sort()).toEqual(['a', 'b', 'c']);
    expect(r.notes[0]).toBe('waiver for GPU003 on * expired on 2026-11-26 and no longer applies (old)');
  });
  it('applies severity overrides and disabled rules, and sorts by severity then rule then id', () => {
    const r = run(untagged, { severity: { GPU001: 'critical' }, disabled: ['GPU005'] });
    expect(r.findings.some((f) => f.ruleId === 'GPU005')).toBe(false);
    // Ids compare by code unit: ".../virtualMachineScaleSets/c" sorts before ".../virtualMachines/a" ('S' < 's').
    expect(r.findings.map((f) => `${f.severity}:${f.ruleId}:${f.resourceName}`)).toEqual([
      'critical:GPU001:c', 'critical:GPU001:a', 'critical:GPU001:b', 'high:GPU003:c', 'high:GPU003:a', 'high:GPU003:b',
    ]);
    expect(r.summary.findings).toEqual({ critical: 3, high: 3, medium: 0, low: 0 });
  });
  it('fills remediation placeholders with the resource', () => {
    const f = run(untagged).findings.find((x) => x.ruleId === 'GPU003' && x.resourceName === 'a')!;
    expect(f.remediation.az).toBe(`az vm auto-shutdown --ids ${rid('Microsoft.Compute/virtualMachines', 'a')} --time 1900 --email <owner@example.com>`);
  });
  it('runs each rule only on the kinds it declares and GPU rules only on GPU sizes', () => {
    const seen: string[] = [];
    const probe = defineRule({
      id: 'T1', title: 't', severity: 'low', appliesTo: ['vm'], gpuOnly: true, waste: false, rationale: '', semantics: [], xref: [],
      remediation: { az: '', terraform: '' }, check: (r) => (seen.push(r.name), null),
    }) as unknown as AnyRule;
    audit(inventory([vm('gpu'), vm('cpu', { size: 'Standard_D4s_v3' }), vmss('pool')]), withDefaults(), { today: '2026-11-27', rules: [probe] });
    expect(seen).toEqual(['gpu']);
  });
  it('has unique rule ids, each documented with semantics and both remediations', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.semantics.length, r.id).toBeGreaterThan(0);
      expect(r.remediation.az, r.id).toMatch(/^az /);
      expect(r.remediation.terraform.length, r.id).toBeGreaterThan(0);
    }
  });
  it('a tagged GPU VM with nothing around it lacks only a shutdown schedule and a budget', () => {
    expect(run(inventory([vm('fine', { tags: { ...GOOD_TAGS } })])).findings.map((f) => f.ruleId)).toEqual(['GPU003', 'GPU005']);
  });
});

describe('a resource listed by two sources', () => {
  it('is counted and checked once (the first one listed wins)', () => {
    const a = vm('twice', { tags: {} });
    const b = { ...vm('twice', { tags: { ...GOOD_TAGS } }), id: a.id.toUpperCase() };
    const r = run(inventory([a, b]));
    expect(r.summary.resources).toBe(1);
    expect(r.summary.gpuVms).toBe(1);
    expect(r.findings.filter((f) => f.ruleId === 'GPU001').map((f) => f.resourceId)).toEqual([a.id]);
  });
});
