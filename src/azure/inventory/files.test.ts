import { describe, expect, it } from 'vitest';
import { inventoryFromRecords, RecordConverter } from './files.js';

const SS = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/gpu-pool';
const scaleSet = { id: SS, name: 'gpu-pool', type: 'Microsoft.Compute/virtualMachineScaleSets', location: 'eastus', sku: { name: 'Standard_NC24ads_A100_v4', capacity: 2 }, properties: {} };
const autoscale = {
  id: '/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/autoscalesettings/as', name: 'as', type: 'microsoft.insights/autoscalesettings',
  properties: { enabled: true, targetResourceUri: SS.toLowerCase(), profiles: [{ capacity: { minimum: '0', maximum: '4', default: '2' } }] },
};

describe('RecordConverter (pages of Resource Graph rows)', () => {
  it('applies an autoscale setting on a later page to a scale set on an earlier one, and numbers bad records across pages', () => {
    const converter = new RecordConverter('graph');
    converter.add([scaleSet, { name: 'no id' }]);
    converter.add([autoscale, 'not a record']);
    const inv = converter.finish();
    const pool = inv.resources.find((r) => r.id === SS);
    expect(pool).toMatchObject({ kind: 'vmss', autoscale: true, minCount: 0, capacity: 2 });
    expect(inv.unreadable.map((u) => u.id)).toEqual(['record 1', 'record 3']);
    expect(inv.sources).toEqual(['graph']);
  });

  it('gives the same inventory page by page as all at once', () => {
    const records = [scaleSet, autoscale, { id: '/x', type: 'Microsoft.KeyVault/vaults', name: 'kv' }];
    const converter = new RecordConverter('graph');
    for (const r of records) converter.add([r]);
    expect(converter.finish()).toEqual(inventoryFromRecords(records, 'graph'));
  });
});
