import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { portFlag } from './units.js';

describe('portFlag', () => {
  const port = portFlag('--port');

  it('takes 0 (a free port) up to 65535', () => {
    expect(port('0')).toBe(0);
    expect(port('8000')).toBe(8000);
    expect(port('65535')).toBe(65535);
  });

  it.each(['65536', '70000', '-1', '1.5', '', 'abc', '1e3', '0x50'])('refuses %j naming the flag', (v) => {
    expect(() => port(v)).toThrow(InputError);
    expect(() => port(v)).toThrow(`--port "${v}" is not valid`);
  });

  it('says the range and what 0 means above the top', () => {
    expect(() => port('70000')).toThrow('--port "70000" is not valid: expected a whole number from 0 to 65535 (0 picks a free port)');
  });
});
