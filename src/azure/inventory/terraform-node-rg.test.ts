import { describe, expect, it } from 'vitest';
import { linkTerraformResources, mapTerraformResource } from './terraform-map.js';

// AKS node VMs are billed in the node resource group, not the cluster's: a budget must be found there.
describe('AKS node pools from Terraform get the node resource group the cluster names', () => {
  const cluster = (extra: Record<string, unknown>) => mapTerraformResource('azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster.main', {
    name: 'c', resource_group_name: 'rg-app', default_node_pool: [{ name: 'system', vm_size: 'Standard_D4ds_v5' }], ...extra,
  });
  const gpuPool = () => mapTerraformResource('azurerm_kubernetes_cluster_node_pool', 'azurerm_kubernetes_cluster_node_pool.gpu', { name: 'gpu', vm_size: 'Standard_NC24ads_A100_v4' }, { kubernetes_cluster_id: ['terraform:azurerm_kubernetes_cluster.main'] });

  it('with node_resource_group: the default and the separate pools are in it', () => {
    const all = linkTerraformResources([...cluster({ node_resource_group: 'rg-app-nodes' }), ...gpuPool()], []);
    expect(all.filter((r) => r.kind === 'nodePool').map((r) => [r.name, r.resourceGroup])).toEqual([['system', 'rg-app-nodes'], ['gpu', 'rg-app-nodes']]);
  });

  it('without it: the separate pool stays unknown (AKS picks MC_..., unknown before apply)', () => {
    const all = linkTerraformResources([...cluster({}), ...gpuPool()], []);
    expect(all.find((r) => r.name === 'gpu')!.resourceGroup).toBeNull();
  });
});
