import { describe, expect, it } from 'vitest';
import { audit, linkTerraformResources, mapTerraformResource, withDefaults, type InventoryResource } from '../../src/index.js';

// How `gpuops provision` audits what it generates: resources from HCL values through the per-resource
// mapping, references as `terraform:<address>` ids, audited by the same rules.
const ref = (address: string) => [`terraform:${address}`];

function guardedVm(): InventoryResource[] {
  const tags = { owner: 'ana@contoso.example', 'cost-center': 'CC-1', expires: '2027-01-31' };
  return [
    ...mapTerraformResource('azurerm_resource_group', 'azurerm_resource_group.gpu', { name: 'rg-gpu', location: 'eastus', tags }),
    ...mapTerraformResource('azurerm_network_security_group', 'azurerm_network_security_group.gpu', { name: 'nsg-gpu', security_rule: [] }, { resource_group_name: ['rg-gpu'] }),
    ...mapTerraformResource('azurerm_subnet', 'azurerm_subnet.gpu', { name: 'snet' }, { resource_group_name: ['rg-gpu'] }),
    ...mapTerraformResource('azurerm_network_interface', 'azurerm_network_interface.gpu', { name: 'nic', ip_configuration: [{ name: 'internal' }] },
      { 'ip_configuration.0.subnet_id': ref('azurerm_subnet.gpu'), resource_group_name: ['rg-gpu'] }),
    ...mapTerraformResource('azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine.gpu', { name: 'vm-gpu', size: 'Standard_NC24ads_A100_v4', location: 'eastus', tags },
      { network_interface_ids: ref('azurerm_network_interface.gpu'), resource_group_name: ['rg-gpu'] }),
    ...mapTerraformResource('azurerm_dev_test_global_vm_shutdown_schedule', 'azurerm_dev_test_global_vm_shutdown_schedule.gpu',
      { enabled: true, daily_recurrence_time: '1900', timezone: 'UTC', notification_settings: [{ enabled: true, email: 'ana@contoso.example' }] },
      { virtual_machine_id: ref('azurerm_linux_virtual_machine.gpu') }),
    ...mapTerraformResource('azurerm_consumption_budget_resource_group', 'azurerm_consumption_budget_resource_group.gpu',
      { name: 'budget', amount: 5000, notification: [{ enabled: true, threshold: 80, threshold_type: 'Actual', contact_emails: ['ana@contoso.example'] }] },
      { resource_group_id: ref('azurerm_resource_group.gpu') }),
  ];
}

describe('auditing generated IaC through the library', () => {
  it('a guarded GPU VM gives zero findings', () => {
    const resources = linkTerraformResources(guardedVm(), [{
      type: 'azurerm_subnet_network_security_group_association', values: {},
      refs: { subnet_id: ref('azurerm_subnet.gpu'), network_security_group_id: ref('azurerm_network_security_group.gpu') },
    }]);
    const report = audit({ resources, metrics: [], unreadable: [], sources: ['hcl'] }, withDefaults(), { today: '2026-11-27' });
    expect(report.findings).toEqual([]);
    expect(report.summary.gpuVms).toBe(1);
  });
  it('each missing guardrail gives exactly its finding', () => {
    const run = (drop: string, association = true) => {
      const resources = linkTerraformResources(guardedVm().filter((r) => r.address !== drop), association ? [{
        type: 'azurerm_subnet_network_security_group_association', values: {},
        refs: { subnet_id: ref('azurerm_subnet.gpu'), network_security_group_id: ref('azurerm_network_security_group.gpu') },
      }] : []);
      return audit({ resources, metrics: [], unreadable: [], sources: [] }, withDefaults(), { today: '2026-11-27' }).findings.map((f) => f.ruleId);
    };
    expect(run('azurerm_dev_test_global_vm_shutdown_schedule.gpu')).toEqual(['GPU003']);
    expect(run('azurerm_consumption_budget_resource_group.gpu')).toEqual(['GPU005']);
    // Without the subnet association nothing filters SSH: GPU010.
    expect(run('none', false)).toEqual(['GPU010']);
    expect(run('none')).toEqual([]);
  });
});
