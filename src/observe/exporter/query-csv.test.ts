import { describe, expect, it } from 'vitest';
import { numericValue, parseQueryCsv, QueryParseError, rejectedField, yesNoValue } from './query-csv.js';

const FIELDS = ['index', 'uuid', 'name', 'pci.bus_id', 'driver_version', 'utilization.gpu', 'temperature.memory', 'remapped_rows.failure'];

describe('parseQueryCsv', () => {
  it('reads identity into labels and keeps only the fields nvidia-smi could read', () => {
    const [g] = parseQueryCsv('0, GPU-1, NVIDIA L40S, 00000000:01:00.0, 595.80, 9, N/A, No\n', FIELDS);
    expect(g).toEqual({ index: '0', uuid: 'GPU-1', name: 'NVIDIA L40S', busId: '00000000:01:00.0', driver: '595.80', values: { 'utilization.gpu': '9', 'remapped_rows.failure': 'No' } });
  });

  it.each(['[N/A]', 'N/A', '[Not Supported]', '[Unknown Error]', '[Insufficient Permissions]', ''])('%j gives no value (never 0)', (raw) => {
    const [g] = parseQueryCsv(`1, GPU-2, X, 0:1:0.0, 1, ${raw}, 40, No`, FIELDS);
    expect(g!.values).not.toHaveProperty('utilization.gpu');
  });

  it('reads several GPUs and skips blank lines (CRLF too)', () => {
    const gpus = parseQueryCsv('0, GPU-a, A, b, d, 1, 2, No\r\n\r\n1, GPU-b, A, b, d, 3, 4, Yes\r\n', FIELDS);
    expect(gpus.map((g) => [g.index, g.uuid, g.values['utilization.gpu']])).toEqual([['0', 'GPU-a', '1'], ['1', 'GPU-b', '3']]);
  });

  it('names the line of a row with the wrong number of values', () => {
    expect(() => parseQueryCsv('0, GPU-a, A, b, d, 1, 2, No\n0, GPU-b\n', FIELDS)).toThrow(new QueryParseError('expected 8 comma-separated values, found 2', 2));
  });

  it('rejects a GPU listed twice (Prometheus would drop the whole scrape)', () => {
    expect(() => parseQueryCsv('0, GPU-a, A, b, d, 1, 2, No\n1, GPU-a, A, b, d, 1, 2, No', FIELDS)).toThrow(new QueryParseError('GPU 1 (GPU-a) is listed twice', 2));
    expect(() => parseQueryCsv('0, GPU-a, A, b, d, 1, 2, No\n0, GPU-b, A, b, d, 1, 2, No', FIELDS)).toThrow(/listed twice/);
  });

  it('rejects a GPU without an index or UUID, or with an index that is not a whole number', () => {
    expect(() => parseQueryCsv('[N/A], GPU-a, A, b, d, 1, 2, No', FIELDS)).toThrow(/no index/);
    expect(() => parseQueryCsv('0, [N/A], A, b, d, 1, 2, No', FIELDS)).toThrow(/no uuid/);
    expect(() => parseQueryCsv('-1, GPU-a, A, b, d, 1, 2, No', FIELDS)).toThrow(/index "-1"/);
  });
});

describe('values', () => {
  it('numbers are plain decimals; anything else is null', () => {
    expect([numericValue('631.95'), numericValue('0'), numericValue('-8')]).toEqual([631.95, 0, -8]);
    expect([numericValue('0x1'), numericValue('1e400'), numericValue('12 MiB'), numericValue('Infinity'), numericValue(undefined)]).toEqual([null, null, null, null, null]);
  });

  it('Yes/No, Enabled/Disabled and Active/Not Active are 1/0; other words null', () => {
    expect(['Yes', 'No', 'Enabled', 'Disabled', 'Active', 'Not Active', 'Pending', undefined].map(yesNoValue)).toEqual([1, 0, 1, 0, 1, 0, null, null]);
  });

  it('finds the field an older driver rejects', () => {
    expect(rejectedField('Field "memory.reserved" is not a valid field to query.\n')).toBe('memory.reserved');
    expect(rejectedField('NVIDIA-SMI has failed because it could not communicate')).toBeNull();
  });
});
