import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { hclResources } from './terraform-hcl-eval.js';

const CONFIG = `
variable "name" {
  type    = string
  default = "demo"
}
variable "vm_count" {
  type    = number
  default = 2
}
variable "ssh_public_key" {
  type = string
}
locals {
  tags = {
    owner = "alice"
  }
}
resource "azurerm_resource_group" "main" {
  name     = "rg-\${var.name}"
  location = "eastus2"
  tags     = local.tags
}
resource "azurerm_network_interface" "gpu" {
  count               = var.vm_count
  name                = "\${var.name}-nic-\${count.index}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  ip_configuration {
    name      = "internal"
    subnet_id = azurerm_subnet.compute.id
  }
}
resource "azurerm_subnet" "compute" {
  name = "compute"
}
resource "azurerm_linux_virtual_machine" "gpu" {
  count                 = var.vm_count
  name                  = "\${var.name}-vm-\${count.index}"
  network_interface_ids = [azurerm_network_interface.gpu[count.index].id]
  literal               = "cost $\${var.name}"
  admin_ssh_key {
    public_key = var.ssh_public_key
  }
  parameters = jsonencode({ a = 1 })
}
`;

describe('HCL evaluation', () => {
  it('expands count, resolves variables, locals, attributes of other resources, and ids as terraform: references', async () => {
    const { resources, problems } = hclResources([(await parse('main.tf', CONFIG)) as Record<string, unknown>]);
    expect(problems).toEqual([]);
    expect(resources.map((r) => r.address).sort()).toEqual([
      'azurerm_linux_virtual_machine.gpu[0]', 'azurerm_linux_virtual_machine.gpu[1]', 'azurerm_network_interface.gpu[0]',
      'azurerm_network_interface.gpu[1]', 'azurerm_resource_group.main', 'azurerm_subnet.compute',
    ]);
    const rg = resources.find((r) => r.address === 'azurerm_resource_group.main')!;
    expect(rg.values).toEqual({ name: 'rg-demo', location: 'eastus2', tags: { owner: 'alice' } });
    const nic1 = resources.find((r) => r.address === 'azurerm_network_interface.gpu[1]')!;
    expect(nic1.values).toMatchObject({ name: 'demo-nic-1', location: 'eastus2', resource_group_name: 'rg-demo' });
    expect(nic1.refs).toEqual({ 'ip_configuration.0.subnet_id': ['terraform:azurerm_subnet.compute'] });
    const vm1 = resources.find((r) => r.address === 'azurerm_linux_virtual_machine.gpu[1]')!;
    expect(vm1.refs).toEqual({ network_interface_ids: ['terraform:azurerm_network_interface.gpu[1]'] });
    expect(vm1.values.literal).toBe('cost ${var.name}');
    // Unknown before apply: a variable with no default, a function call.
    expect(vm1.values.admin_ssh_key).toEqual([{}]);
    expect(vm1.values).not.toHaveProperty('parameters');
  });

  it('keeps the resource group of an ARM id whose subscription is known only after apply', async () => {
    const text = 'resource "azurerm_consumption_budget_resource_group" "b" {\n  resource_group_id = "/subscriptions/${data.azurerm_subscription.current.subscription_id}/resourceGroups/rg-${var.n}"\n  name = "${data.x.y.z}-b"\n}\nvariable "n" {\n  default = "demo"\n}\n';
    const { resources } = hclResources([(await parse('main.tf', text)) as Record<string, unknown>]);
    expect(resources[0]!.values).toEqual({ resource_group_id: '/subscriptions/(known-after-apply)/resourceGroups/rg-demo' });
  });

  it('reports a count it cannot resolve and reads one instance', async () => {
    const text = 'resource "azurerm_subnet" "x" {\n  count = length(var.names)\n  name = "a"\n}\n';
    const { resources, problems } = hclResources([(await parse('main.tf', text)) as Record<string, unknown>]);
    expect(problems).toEqual([{ address: 'azurerm_subnet.x', reason: 'count could not be resolved before apply; read as one instance' }]);
    expect(resources.map((r) => r.address)).toEqual(['azurerm_subnet.x[0]']);
  });
});
