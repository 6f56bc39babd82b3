import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { checkGuardrailOptions, GUARDRAIL_DEFAULTS } from './guardrails.js';
import { buildRequest, parseDeadline, parseStorage, requestFromFile } from './request.js';

const NOW = '2026-11-27T10:00:00Z';

describe('parseStorage', () => {
  it('TB and GB are decimal, TiB and GiB binary; the answer is GiB', () => {
    expect(parseStorage('2TB')).toBe(1862.65); // 2e12 / 2^30
    expect(parseStorage('960 GB')).toBe(894.07); // the docs' NVMe disk, as the catalog has it
    expect(parseStorage('1.5TiB')).toBe(1536);
    expect(parseStorage('100gib')).toBe(100);
  });
  it.each(['', '2', '-2TB', '0TB', '2PB', 'lots'])('rejects %j', (t) => {
    expect(() => parseStorage(t)).toThrow(InputError);
  });
});

describe('parseDeadline', () => {
  it('reads UTC unless a zone is given; a date alone is 09:00', () => {
    expect(parseDeadline('2026-12-02T09:00')).toBe('2026-12-02T09:00:00Z');
    expect(parseDeadline('2026-12-02 17:30')).toBe('2026-12-02T17:30:00Z');
    expect(parseDeadline('2026-12-02')).toBe('2026-12-02T09:00:00Z');
    expect(parseDeadline('2026-12-02T09:00+02:00')).toBe('2026-12-02T07:00:00Z');
  });
  it.each(['Wednesday', '2026-13-01', '2026-02-30T09:00', '2026-12-02T25:00', '12/02/2026'])('rejects %j', (t) => {
    expect(() => parseDeadline(t)).toThrow(/expected a date and time such as 2026-12-02T09:00/);
  });
  it.each(['2026-02-30T09:00Z', '2026-02-31T09:00+02:00', '2026-04-31 12:00-05:00'])('rejects a day the month lacks even with a zone: %j', (t) => {
    expect(() => parseDeadline(t)).toThrow(/expected a date and time such as 2026-12-02T09:00/);
  });
});

describe('buildRequest', () => {
  it('fills defaults and normalises the region', () => {
    expect(buildRequest({ gpus: 8, region: 'East US 2' }, NOW)).toEqual({
      gpus: 8, gpu: null, interconnect: 'any', scratchGiB: null, purpose: null, hours: null, region: 'eastus2', deadline: null, spot: false,
    });
  });
  it('a deadline in the past is bad input with its own code', () => {
    const err = (() => { try { buildRequest({ gpus: 1, region: 'eastus2', deadline: '2026-11-26T09:00' }, NOW); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('DEADLINE_PASSED');
  });
  it.each([
    [{ region: 'eastus2' }, /names no GPU count/],
    [{ gpus: 0, region: 'eastus2' }, /--gpus 0 is not valid/],
    [{ gpus: 1 }, /--region is required/],
    [{ gpus: 1, region: 'eastus2', interconnect: 'pcie' }, /--interconnect "pcie" is not valid/],
    [{ gpus: 1, region: 'eastus2', purpose: 'gaming' }, /--purpose "gaming" is not valid/],
    [{ gpus: 1, region: 'eastus2', hours: -1 }, /--hours -1 is not valid/],
    [{ gpus: 1, region: 'eastus2', hours: Infinity }, /--hours Infinity is not valid/],
  ])('%j is bad input', (parts, message) => {
    expect(() => buildRequest(parts, NOW)).toThrow(message);
  });
});

describe('requestFromFile', () => {
  it('accepts the documented fields', () => {
    expect(requestFromFile({ gpus: 8, gpu: 'A100', interconnect: 'nvlink', scratch: '2TB', hours: 60, region: 'eastus2' }, 'r.yaml'))
      .toEqual({ gpus: 8, gpu: 'A100', interconnect: 'nvlink', scratch: '2TB', hours: 60, region: 'eastus2' });
  });
  it('names every bad field, and unknown ones', () => {
    expect(() => requestFromFile({ gpus: -8, hours: 'soon', colour: 'red' }, 'r.yaml')).toThrow(/request file r\.yaml is not valid: .*gpus.*hours.*colour/s);
    expect(() => requestFromFile([1, 2], 'r.yaml')).toThrow(/r\.yaml is not valid/);
  });
});

describe('checkGuardrailOptions', () => {
  it.each([
    [{ shutdownTime: '7pm' }, /--shutdown-time "7pm"/],
    [{ shutdownTime: '24:00' }, /--shutdown-time "24:00"/],
    [{ coolAfterDays: 30, archiveAfterDays: 30 }, /must grow/],
    [{ checkpointContainer: 'Bad_Name' }, /not a valid Blob container name/],
  ])('%j is bad input', (over, message) => {
    expect(() => checkGuardrailOptions({ ...GUARDRAIL_DEFAULTS, ...over })).toThrow(message);
  });
  it('the defaults pass', () => {
    expect(() => checkGuardrailOptions(GUARDRAIL_DEFAULTS)).not.toThrow();
  });
});
