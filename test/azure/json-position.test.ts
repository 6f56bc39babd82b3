import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonErrorWhere, lineAndColumn } from '../../src/azure/json-position.js';

describe('jsonErrorOffset', () => {
  it('returns null for valid JSON', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, "x\\n", true, null, {}], "b": []}')).toBeNull();
  });

  it.each([
    ['[1, 2,]', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1] x', 4],
    ['[1, 2', 5],
    ["{'a': 1}", 1],
  ])('finds the first bad character of %j', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('turns an offset into a 1-based line and column', () => {
    expect(lineAndColumn('[\n  {"a": 1,}\n]', 12)).toEqual({ line: 2, column: 11 });
  });

  it('says where in words, or nothing when the position is unknown', () => {
    expect(jsonErrorWhere('[\n  {"a": 1,}\n]')).toBe(' at line 2, column 11');
    expect(jsonErrorWhere('{"a": 1}')).toBe('');
  });
});
