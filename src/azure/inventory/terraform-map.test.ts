import { describe, expect, it } from 'vitest';
import { linkTerraformResources, mapTerraformResource } from './terraform-map.js';

// The per-resource mapping as an HCL reader would call it: values as written, references resolved to
// `terraform:<address>` ids (or to the referenced value, e.g. a resource group's name).
describe('mapTerraformResource', () => {
  it('maps a Linux VM, with NIC ids from references and unknown power state', () => {
    const [vm] = mapTerraformResource('azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine.gpu',
      { name: 'vm1', location: 'eastus', size: 'Standard_NC24ads_A100_v4', tags: { owner: 'a' } },
      { network_interface_ids: ['terraform:azurerm_network_interface.gpu'], resource_group_name: ['rg-x'] });
    expect(vm).toEqual({
      id: 'terraform:azurerm_linux_virtual_machine.gpu', type: 'microsoft.compute/virtualmachines', name: 'vm1', location: 'eastus',
      subscriptionId: null, resourceGroup: 'rg-x', tags: { owner: 'a' }, address: 'azurerm_linux_virtual_machine.gpu',
      kind: 'vm', size: 'Standard_NC24ads_A100_v4', powerState: null, nicIds: ['terraform:azurerm_network_interface.gpu'],
      passwordAuth: false,
    });
  });
  it('applies provider defaults: public network access and local auth on, ACL Allow', () => {
    const [acct] = mapTerraformResource('azurerm_cognitive_account', 'azurerm_cognitive_account.ai', { name: 'ai', kind: 'OpenAI' });
    expect(acct).toMatchObject({ kind: 'aiAccount', accountKind: 'OpenAI', publicNetworkAccess: true, defaultAction: 'Allow', localAuth: true });
    const [closed] = mapTerraformResource('azurerm_cognitive_account', 'azurerm_cognitive_account.ai',
      { name: 'ai', public_network_access_enabled: false, local_auth_enabled: false, network_acls: [{ default_action: 'Deny' }] });
    expect(closed).toMatchObject({ publicNetworkAccess: false, defaultAction: 'Deny', localAuth: false });
    const [st] = mapTerraformResource('azurerm_storage_account', 'azurerm_storage_account.s', { name: 's' });
    expect(st).toMatchObject({ kind: 'storage', publicNetworkAccess: true, defaultAction: 'Allow', allowBlobPublicAccess: true });
  });
  it('maps NIC IP configurations per block, with references by block index', () => {
    const [nic] = mapTerraformResource('azurerm_network_interface', 'azurerm_network_interface.n',
      { name: 'n', ip_configuration: [{ name: 'a', subnet_id: null, public_ip_address_id: null }, { name: 'b', subnet_id: '/sub/x', public_ip_address_id: null }] },
      { 'ip_configuration.0.subnet_id': ['terraform:azurerm_subnet.s'], 'ip_configuration.0.public_ip_address_id': ['terraform:azurerm_public_ip.p'] });
    expect(nic).toMatchObject({ kind: 'nic', ipConfigurations: [{ subnetId: 'terraform:azurerm_subnet.s', publicIpId: 'terraform:azurerm_public_ip.p' }, { subnetId: '/sub/x', publicIpId: null }] });
  });
  it('maps schedules, budgets (with contacts counted), locks and private endpoints', () => {
    const [s] = mapTerraformResource('azurerm_dev_test_global_vm_shutdown_schedule', 'azurerm_dev_test_global_vm_shutdown_schedule.s',
      { daily_recurrence_time: '1900', notification_settings: [{ enabled: false }] }, { virtual_machine_id: ['terraform:azurerm_linux_virtual_machine.gpu'] });
    expect(s).toMatchObject({ kind: 'schedule', targetId: 'terraform:azurerm_linux_virtual_machine.gpu', enabled: true, notificationsEnabled: false });
    const [b] = mapTerraformResource('azurerm_consumption_budget_subscription', 'azurerm_consumption_budget_subscription.b',
      { name: 'b', amount: 100, notification: [{ threshold: 90, threshold_type: 'Forecasted', contact_emails: ['a', 'b'], contact_roles: ['Owner'] }] });
    expect(b).toMatchObject({ kind: 'budget', scopeId: 'subscription:current', amount: 100, notifications: [{ enabled: true, threshold: 90, thresholdType: 'Forecasted', contacts: 3 }] });
    const [l] = mapTerraformResource('azurerm_management_lock', 'azurerm_management_lock.l', { name: 'l', lock_level: 'ReadOnly' }, { scope: ['terraform:azurerm_resource_group.rg'] });
    expect(l).toMatchObject({ kind: 'lock', scopeId: 'terraform:azurerm_resource_group.rg', level: 'ReadOnly' });
    const [pe] = mapTerraformResource('azurerm_private_endpoint', 'azurerm_private_endpoint.pe',
      { name: 'pe', private_service_connection: [{ is_manual_connection: true, subresource_names: ['account'] }] },
      { 'private_service_connection.0.private_connection_resource_id': ['terraform:azurerm_cognitive_account.ai'] });
    expect(pe).toMatchObject({ connections: [{ targetId: 'terraform:azurerm_cognitive_account.ai', groupIds: ['account'], status: 'Pending' }] });
  });
  it('maps AKS clusters to a cluster and its default node pool, and extra node pools with autoscale', () => {
    const out = mapTerraformResource('azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster.k', { name: 'k', default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5', node_count: 3 }] });
    expect(out.map((r) => r.kind)).toEqual(['aks', 'nodePool']);
    const [np] = mapTerraformResource('azurerm_kubernetes_cluster_node_pool', 'azurerm_kubernetes_cluster_node_pool.gpu',
      { name: 'gpu', vm_size: 'Standard_NC24ads_A100_v4', auto_scaling_enabled: true, min_count: 0, max_count: 4, node_public_ip_enabled: false },
      { kubernetes_cluster_id: ['terraform:azurerm_kubernetes_cluster.k'] });
    expect(np).toMatchObject({ kind: 'nodePool', autoscale: true, minCount: 0, capacity: 0, clusterId: 'terraform:azurerm_kubernetes_cluster.k', publicIpPerInstance: false });
  });
  it('maps Azure ML clusters and workspaces, lifecycle policies, and keeps unknown types as other', () => {
    const [c] = mapTerraformResource('azurerm_machine_learning_compute_cluster', 'azurerm_machine_learning_compute_cluster.c',
      { name: 'c', vm_size: 'Standard_NC24ads_A100_v4', scale_settings: [{ min_node_count: 2, max_node_count: 4 }] });
    expect(c).toMatchObject({ kind: 'mlCompute', minNodes: 2, maxNodes: 4 });
    const [w] = mapTerraformResource('azurerm_machine_learning_workspace', 'azurerm_machine_learning_workspace.w', { name: 'w' });
    expect(w).toMatchObject({ kind: 'mlWorkspace', publicNetworkAccess: true });
    const [p] = mapTerraformResource('azurerm_storage_management_policy', 'azurerm_storage_management_policy.p', { rule: [{ enabled: true }, { enabled: false }] }, { storage_account_id: ['terraform:azurerm_storage_account.s'] });
    expect(p).toMatchObject({ kind: 'storagePolicy', storageAccountId: 'terraform:azurerm_storage_account.s', enabledRules: 1 });
    expect(mapTerraformResource('azurerm_key_vault', 'azurerm_key_vault.v', { name: 'v' })[0]).toMatchObject({ kind: 'other', type: 'azurerm_key_vault' });
  });
  it('links NSG associations, separate NSG rules and VMSS autoscale settings', () => {
    const resources = [
      ...mapTerraformResource('azurerm_network_interface', 'azurerm_network_interface.n', { name: 'n', ip_configuration: [] }),
      ...mapTerraformResource('azurerm_subnet', 'azurerm_subnet.s', { name: 's' }),
      ...mapTerraformResource('azurerm_network_security_group', 'azurerm_network_security_group.g', { name: 'g', resource_group_name: 'rg', security_rule: [] }),
      ...mapTerraformResource('azurerm_linux_virtual_machine_scale_set', 'azurerm_linux_virtual_machine_scale_set.v', { name: 'v', sku: 'Standard_NC24ads_A100_v4', instances: 2 }),
    ];
    linkTerraformResources(resources, [
      { type: 'azurerm_network_interface_security_group_association', values: {}, refs: { network_interface_id: ['terraform:azurerm_network_interface.n'], network_security_group_id: ['terraform:azurerm_network_security_group.g'] } },
      { type: 'azurerm_subnet_network_security_group_association', values: {}, refs: { subnet_id: ['terraform:azurerm_subnet.s'], network_security_group_id: ['terraform:azurerm_network_security_group.g'] } },
      { type: 'azurerm_network_security_rule', values: { name: 'ssh', network_security_group_name: 'g', resource_group_name: 'rg', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', destination_port_range: '22' }, refs: {} },
      { type: 'azurerm_monitor_autoscale_setting', values: { enabled: true, profile: [{ capacity: [{ minimum: 0, maximum: 4, default: 1 }] }] }, refs: { target_resource_id: ['terraform:azurerm_linux_virtual_machine_scale_set.v'] } },
    ]);
    expect(resources.map((r) => (r.kind === 'nic' || r.kind === 'subnet' ? r.nsgId : r.kind === 'nsg' ? r.rules.map((x) => x.name) : r.kind === 'vmss' ? [r.autoscale, r.minCount] : null))).toEqual([
      'terraform:azurerm_network_security_group.g', 'terraform:azurerm_network_security_group.g', ['ssh'], [true, 0],
    ]);
  });
});
