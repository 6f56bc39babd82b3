import { describe, expect, it } from 'vitest';
import { makeResource, type ResourceBase } from './inventory.js';

const base: ResourceBase = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1', type: 'microsoft.compute/virtualmachines',
  name: 'vm-1', location: 'eastus', subscriptionId: 's', resourceGroup: 'rg', tags: { owner: 'o' },
};

describe('makeResource', () => {
  it('gives the common fields, then the kind, then its own, in the order an export writes them', () => {
    const vm = makeResource(base, 'vm', { size: 'Standard_NC4as_T4_v3', powerState: 'running', nicIds: ['/n'] });
    expect(Object.entries(vm)).toEqual([
      ['id', base.id], ['type', base.type], ['name', 'vm-1'], ['location', 'eastus'], ['subscriptionId', 's'], ['resourceGroup', 'rg'],
      ['tags', { owner: 'o' }], ['kind', 'vm'], ['size', 'Standard_NC4as_T4_v3'], ['powerState', 'running'], ['nicIds', ['/n']],
    ]);
    expect(vm).not.toBe(base);
    expect(base).not.toHaveProperty('kind');
  });

  it('keeps a Terraform address (before the kind) only when there is one', () => {
    const lock = makeResource({ ...base, address: 'azurerm_management_lock.l' }, 'lock', { scopeId: '/subscriptions/s', level: 'CanNotDelete' });
    expect(Object.keys(lock)).toEqual(['id', 'type', 'name', 'location', 'subscriptionId', 'resourceGroup', 'tags', 'address', 'kind', 'scopeId', 'level']);
    expect(Object.keys(makeResource(base, 'other', {}))).not.toContain('address');
  });
});
