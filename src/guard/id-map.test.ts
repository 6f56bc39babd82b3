import { describe, expect, it } from 'vitest';
import { IdMap, IdMultiMap } from './id-map.js';

const rec = (id: string) => ({ id });

describe('IdMap', () => {
  it('finds a value by its id in any case, and refuses a second value with the same id', () => {
    const map = new IdMap<{ id: string }>((v) => v.id);
    const vm = rec('/subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm-1');
    expect(map.add(vm)).toBe(true);
    expect(map.get('/SUBSCRIPTIONS/s/resourcegroups/rg/providers/microsoft.compute/VIRTUALMACHINES/VM-1')).toBe(vm);
    expect(map.add(rec(vm.id.toUpperCase()))).toBe(false);
    expect(map.get(`${vm.id}x`)).toBeUndefined();
    expect(map.size).toBe(1);
  });

  it('matches non-ASCII ids as toLowerCase does (Kelvin sign K lower-cases to k)', () => {
    const map = new IdMap<{ id: string }>((v) => v.id);
    const a = rec('/x/\u212Aelvin');
    map.add(a);
    expect(map.get('/x/kelvin')).toBe(a);
    expect(map.get('/x/\u00C9t\u00E9')).toBeUndefined();
    const b = rec('/x/\u00C9t\u00E9');
    map.add(b);
    expect(map.get('/X/\u00E9T\u00C9')).toBe(b);
  });

  it('keeps every one of many ids apart (these 200,000 include a few 32-bit hash collisions)', () => {
    const map = new IdMap<{ id: string }>((v) => v.id);
    const ids = Array.from({ length: 200_000 }, (_, i) => `/subscriptions/s/resourceGroups/rg-${i % 97}/providers/T/n-${i}`);
    let added = 0;
    for (const id of ids) if (map.add(rec(id))) added++;
    let found = 0;
    for (const id of ids) if (map.get(id.toLowerCase())?.id === id) found++;
    expect([added, found, map.size]).toEqual([ids.length, ids.length, ids.length]);
  });
});

describe('IdMultiMap', () => {
  it('lists values by the id they refer to, case-insensitively, in the order added', () => {
    const map = new IdMultiMap<string>();
    map.push('/a/VM', 'first');
    map.push('/A/vm', 'second');
    map.push('/a/other', 'third');
    expect(map.get('/a/vm')).toEqual(['first', 'second']);
    expect(map.get('/a/missing')).toBeUndefined();
    expect(map.size).toBe(2);
  });
});
