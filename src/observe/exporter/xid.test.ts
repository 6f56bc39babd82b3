import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addXids, parseXidLines, pciKey, type XidState } from './xid.js';

const kernLog = readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'nvidia-smi', 'kern.log'), 'utf8');

describe('Xid events from the kernel log', () => {
  it('normalises nvidia-smi and kernel PCI addresses to one key', () => {
    expect(pciKey('00000000:3B:00.0')).toBe('0:3b:00');
    expect(pciKey('0000:3b:00')).toBe('0:3b:00');
    expect(pciKey('00000001:00:09.0')).toBe('1:00:09');
    expect(pciKey('not-a-bus')).toBeNull();
  });

  it('finds the NVRM Xid lines of a syslog file and nothing else; file lines carry no date', () => {
    expect(parseXidLines(kernLog)).toEqual([
      { pci: '0:00:09', xid: 13, uptimeS: null },
      { pci: '0:00:09', xid: 79, uptimeS: null },
      { pci: '0:3b:00', xid: 48, uptimeS: null },
    ]);
  });

  it('dates /dev/kmsg records by their microseconds since boot', () => {
    expect(parseXidLines('3,1234,981002311,-;NVRM: Xid (PCI:0000:00:09): 79, pid=1, GPU has fallen off the bus.')).toEqual([{ pci: '0:00:09', xid: 79, uptimeS: 981.002311 }]);
  });

  it('counts per GPU and Xid, keeps the last value, and dates only what it can', () => {
    const state: XidState = new Map();
    addXids(state, parseXidLines(kernLog), 1_000_000, null);
    addXids(state, [{ pci: '0:00:09', xid: 13, uptimeS: null }], 1_000_000, 2_000_000);
    addXids(state, [{ pci: '0:00:09', xid: 79, uptimeS: 500 }], 1_000_000, 2_000_000);
    const gpu = state.get('0:00:09')!;
    expect(gpu.last).toBe(79);
    expect([...gpu.byXid]).toEqual([[13, { count: 2, lastSeenS: 2_000_000 }], [79, { count: 2, lastSeenS: 1_000_500 }]]);
    expect([...state.get('0:3b:00')!.byXid]).toEqual([[48, { count: 1, lastSeenS: null }]]);
  });
});
