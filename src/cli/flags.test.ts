import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { numberFlag, positiveNumberFlag } from './flags.js';

describe('numberFlag', () => {
  it('takes 0 and more, up to the bound when one is given', () => {
    expect(numberFlag('--x')('0')).toBe(0);
    expect(numberFlag('--x')('1e300')).toBe(1e300);
    expect(numberFlag('--x', 1024)('1024')).toBe(1024);
  });
  it.each(['', ' ', '-1', 'NaN', 'Infinity', '1e400', '12GB'])('rejects %j', (v) => {
    expect(() => numberFlag('--x')(v)).toThrow(InputError);
  });
  it('names the bound it broke', () => {
    expect(() => numberFlag('--x', 1024)('1025')).toThrow('--x "1025" is not valid: expected a number of 0 or more and at most 1,024');
  });
});

describe('positiveNumberFlag', () => {
  it('takes fractions above 0 up to the bound', () => {
    expect(positiveNumberFlag('--hours', 87600)('0.5')).toBe(0.5);
    expect(positiveNumberFlag('--hours', 87600)('87600')).toBe(87600);
  });
  it.each(['', '0', '-2', '87600.1', 'NaN', 'Infinity', '3h'])('rejects %j', (v) => {
    expect(() => positiveNumberFlag('--hours', 87600)(v)).toThrow(`--hours "${v}" is not valid: expected a number above 0 and at most 87600`);
  });
});
