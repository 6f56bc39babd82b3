import { describe, expect, it } from 'vitest';
import { genericTable, parseFormat, render } from './index.js';

const rows = [
  { name: 'Standard_NC24ads_A100_v4', gpu: { model: 'A100', count: 1 }, zones: ['1', '2'], price: null },
  { name: 'Standard_NV6ads_A10_v5', gpu: { model: 'A10, sliced', count: 1 / 6 }, zones: [], price: 0.454 },
];

describe('render', () => {
  it('csv flattens nested keys, joins scalar arrays and quotes commas; null is empty', () => {
    expect(render('csv', rows)).toBe(
      'name,gpu.model,gpu.count,zones,price\n' +
        'Standard_NC24ads_A100_v4,A100,1,1;2,\n' +
        `Standard_NV6ads_A10_v5,"A10, sliced",${1 / 6},,0.454`,
    );
  });

  it('tsv has no header and turns rows that are arrays into columns, like az -o tsv', () => {
    expect(render('tsv', [['a', 1, null], ['b', 2, true]])).toBe('a\t1\t\nb\t2\ttrue');
    expect(render('tsv', rows.map((r) => r.name))).toBe('Standard_NC24ads_A100_v4\nStandard_NV6ads_A10_v5');
  });

  it('json and yaml are the data itself', () => {
    expect(JSON.parse(render('json', rows))).toEqual(rows);
    expect(render('yaml', { a: [1, 2] })).toBe('a:\n  - 1\n  - 2');
  });

  it('markdown escapes pipes and says unknown for null', () => {
    expect(render('markdown', [{ sku: 'a|b', ib: null }])).toBe('| sku | ib |\n|---|---|\n| a\\|b | unknown |');
  });

  it('the generic table says unknown for null and yes/no for booleans', () => {
    const t = genericTable([{ sku: 'x', ib: true, nvlink: null }]);
    expect(t).toMatch(/x\s+│ yes\s+│ unknown/);
  });

  it('names the valid formats for a bad -o', () => {
    expect(() => parseFormat('xml')).toThrow('--output "xml" is not a known format; expected one of: table, json, yaml, csv, tsv, markdown');
    expect(parseFormat('JSON')).toBe('json');
  });
});
