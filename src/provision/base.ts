import { bx, type BicepDecl, type BicepValue } from './bicep.js';
import { Block, hcl, type Body, type Expr, type TopBlock, type Value } from './hcl.js';
import { param, v } from './params.js';
import { budgetStart } from './request.js';
import type { Stack } from './stack.js';

// API versions of the Bicep output (current GA versions, 2026).
export const API = {
  network: '2024-05-01',
  dns: '2024-06-01',
  compute: '2024-07-01',
  devtest: '2018-09-15',
  budget: '2023-11-01',
  locks: '2020-05-01',
  policy: '2024-04-01',
  storage: '2023-05-01',
  cognitive: '2024-10-01',
  aks: '2024-09-01',
  autoscale: '2022-10-01',
} as const;

/** "Allowed virtual machine size SKUs" (built-in policy, Deny). */
export const ALLOWED_SIZES_POLICY = '/providers/Microsoft.Authorization/policyDefinitions/cccc23c7-8427-4f53-ad12-b6a63eb452b3';

const RG = hcl('azurerm_resource_group.main.name');
const LOC = hcl('azurerm_resource_group.main.location');

/** `tags = local.tags` unless tags were turned off. */
export function tfTags(stack: Stack, local = 'tags'): Array<readonly [string, Value]> {
  return stack.has('allow-no-tags') ? [] : [['tags', hcl(`local.${local}`)]];
}

/** `tags: tags` unless tags were turned off. */
export function bicepTags(stack: Stack, name = 'tags'): Record<string, ReturnType<typeof bx>> {
  return stack.has('allow-no-tags') ? {} : { tags: bx(name) };
}

/** name, location and resource group lines every resource starts with. */
export function head(name: Value): Body {
  return [['name', name], ['location', LOC], ['resource_group_name', RG]];
}

/** The inputs, tags, resource group, network with no inbound from the internet, NAT egress, budget, lock. */
export function base(stack: Stack): void {
  const r = stack.req;
  param(stack, { tf: 'name', bicep: 'name', type: 'string', description: 'Short name used in every resource name', default: r.name });
  param(stack, { tf: 'location', bicep: 'location', type: 'string', description: 'Azure region', default: r.region });
  param(stack, { tf: 'owner', bicep: 'owner', type: 'string', description: 'Tag: who owns these resources', default: r.owner });
  param(stack, { tf: 'cost_center', bicep: 'costCenter', type: 'string', description: 'Tag: who pays', default: r.costCenter });
  param(stack, { tf: 'expires', bicep: 'expires', type: 'string', description: 'Tag: date (YYYY-MM-DD) after which the resources may be deleted', default: r.expires });
  param(stack, { tf: 'notify_email', bicep: 'notifyEmail', type: 'string', description: 'Who gets auto-shutdown and budget alerts', default: r.notify });
  if (!stack.has('allow-no-tags')) {
    const tags: Record<string, Value> = { owner: v('owner'), 'cost-center': v('cost_center'), expires: v('expires'), workload: r.blueprint };
    stack.tfLocals.push(['tags', tags]);
    stack.bicepVars.push({ kind: 'var', name: 'tags', value: { owner: bx('owner'), 'cost-center': bx('costCenter'), expires: bx('expires'), workload: r.blueprint } });
  }
  resourceGroup(stack);
  network(stack);
  if (!stack.has('allow-no-budget')) budget(stack);
  if (r.lock) lock(stack);
}

function resourceGroup(stack: Stack): void {
  stack.tf.push({ keyword: 'resource', labels: ['azurerm_resource_group', 'main'], body: [['name', hcl('"rg-${var.name}"')], ['location', v('location')], ...tfTags(stack)] });
  stack.items.push({ address: 'azurerm_resource_group.main', instances: 1, infra: 'resource group', ai: 'the project folder: everything for this job, deleted together', perHour: 0 });
}

function network(stack: Stack): void {
  const tags = tfTags(stack);
  stack.tf.push(
    { keyword: 'resource', labels: ['azurerm_virtual_network', 'main'], body: [...head(hcl('"${var.name}-vnet"')), ['address_space', ['10.42.0.0/16']], ...tags] },
    {
      keyword: 'resource', labels: ['azurerm_subnet', 'compute'], body: [
        ['name', 'compute'], ['resource_group_name', RG], ['virtual_network_name', hcl('azurerm_virtual_network.main.name')],
        ['address_prefixes', ['10.42.1.0/24']], ['default_outbound_access_enabled', false],
      ],
    },
    {
      keyword: 'resource', labels: ['azurerm_network_security_group', 'compute'], comment: 'No inbound from the internet: SSH only from inside the VNet (Bastion, VPN or peering).',
      body: [...head(hcl('"${var.name}-nsg"')), ...tags, ['security_rule', nsgRule('ssh-from-vnet', 1000, 'Allow', '22', 'VirtualNetwork')], ['security_rule', nsgRule('deny-internet-inbound', 4000, 'Deny', '*', 'Internet')]],
    },
    {
      keyword: 'resource', labels: ['azurerm_subnet_network_security_group_association', 'compute'],
      body: [['subnet_id', hcl('azurerm_subnet.compute.id')], ['network_security_group_id', hcl('azurerm_network_security_group.compute.id')]],
    },
    { keyword: 'resource', labels: ['azurerm_public_ip', 'egress'], comment: 'The NAT gateway\'s outbound address: no VM gets a public IP, but drivers and packages still download.', body: [...head(hcl('"${var.name}-egress-ip"')), ['allocation_method', 'Static'], ['sku', 'Standard'], ...tags] },
    { keyword: 'resource', labels: ['azurerm_nat_gateway', 'egress'], body: [...head(hcl('"${var.name}-nat"')), ['sku_name', 'Standard'], ...tags] },
    { keyword: 'resource', labels: ['azurerm_nat_gateway_public_ip_association', 'egress'], body: [['nat_gateway_id', hcl('azurerm_nat_gateway.egress.id')], ['public_ip_address_id', hcl('azurerm_public_ip.egress.id')]] },
    { keyword: 'resource', labels: ['azurerm_subnet_nat_gateway_association', 'compute'], body: [['subnet_id', hcl('azurerm_subnet.compute.id')], ['nat_gateway_id', hcl('azurerm_nat_gateway.egress.id')]] },
  );
  stack.bicep.push(
    {
      kind: 'resource', symbol: 'nsg', type: 'Microsoft.Network/networkSecurityGroups', apiVersion: API.network,
      comment: 'No inbound from the internet: SSH only from inside the VNet (Bastion, VPN or peering).',
      body: { name: bx("'${name}-nsg'"), location: bx('location'), ...bicepTags(stack), properties: { securityRules: [bicepNsgRule('ssh-from-vnet', 1000, 'Allow', '22', 'VirtualNetwork'), bicepNsgRule('deny-internet-inbound', 4000, 'Deny', '*', 'Internet')] } },
    },
    { kind: 'resource', symbol: 'egressIp', type: 'Microsoft.Network/publicIPAddresses', apiVersion: API.network, body: { name: bx("'${name}-egress-ip'"), location: bx('location'), ...bicepTags(stack), sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } } },
    { kind: 'resource', symbol: 'nat', type: 'Microsoft.Network/natGateways', apiVersion: API.network, body: { name: bx("'${name}-nat'"), location: bx('location'), ...bicepTags(stack), sku: { name: 'Standard' }, properties: { publicIpAddresses: [{ id: bx('egressIp.id') }] } } },
    {
      kind: 'resource', symbol: 'vnet', type: 'Microsoft.Network/virtualNetworks', apiVersion: API.network,
      body: {
        name: bx("'${name}-vnet'"), location: bx('location'), ...bicepTags(stack),
        properties: {
          addressSpace: { addressPrefixes: ['10.42.0.0/16'] },
          subnets: [{ name: 'compute', properties: { addressPrefix: '10.42.1.0/24', defaultOutboundAccess: false, networkSecurityGroup: { id: bx('nsg.id') }, natGateway: { id: bx('nat.id') } } }],
        },
      },
    },
    { kind: 'var', name: 'subnetId', value: bx("resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'compute')") },
  );
  stack.items.push(
    { address: 'azurerm_virtual_network.main', instances: 1, infra: 'virtual network and subnet', ai: 'the private network the GPUs talk over; nothing in it is reachable from the internet', perHour: 0 },
    { address: 'azurerm_network_security_group.compute', instances: 1, infra: 'network security group', ai: 'the firewall: SSH from inside the VNet only, every inbound connection from the internet denied', perHour: 0, guardrail: 'no inbound from the internet' },
    { address: 'azurerm_nat_gateway.egress', instances: 1, infra: 'NAT gateway with one static public IP', ai: 'outbound-only internet access so drivers, containers and model weights can be downloaded', perHour: null },
  );
}

function nsgRule(name: string, priority: number, access: string, port: string, source: string): Block {
  return new Block([
    ['name', name], ['priority', priority], ['direction', 'Inbound'], ['access', access], ['protocol', access === 'Deny' ? '*' : 'Tcp'],
    ['source_port_range', '*'], ['destination_port_range', port], ['source_address_prefix', source], ['destination_address_prefix', '*'],
  ]);
}

function bicepNsgRule(name: string, priority: number, access: string, port: string, source: string) {
  return {
    name,
    properties: {
      priority, direction: 'Inbound', access, protocol: access === 'Deny' ? '*' : 'Tcp',
      sourcePortRange: '*', destinationPortRange: port, sourceAddressPrefix: source, destinationAddressPrefix: '*',
    },
  };
}

const ALERTS: Array<[number, 'Actual' | 'Forecasted']> = [[50, 'Actual'], [80, 'Actual'], [100, 'Actual'], [100, 'Forecasted']];

/** A monthly resource-group budget with the four alerts, as a Terraform resource. */
export function tfBudget(key: string, name: Expr, resourceGroupId: Expr): TopBlock {
  return {
    keyword: 'resource', labels: ['azurerm_consumption_budget_resource_group', key],
    body: [
      ['name', name], ['resource_group_id', resourceGroupId], ['amount', v('budget_amount')], ['time_grain', 'Monthly'],
      ['time_period', new Block([['start_date', v('budget_start_date')]])],
      ...ALERTS.map(([t, kind]) => ['notification', new Block([
        ['enabled', true], ['threshold', t], ['operator', 'GreaterThanOrEqualTo'], ['threshold_type', kind], ['contact_emails', [v('notify_email')]],
      ])] as const),
    ],
  };
}

/** The same budget as a Bicep resource (deployed at the scope of the file or module that holds it). */
export function bicepBudget(symbol: string, name: BicepValue, amount: string, start: string, email: string): BicepDecl {
  return {
    kind: 'resource', symbol, type: 'Microsoft.Consumption/budgets', apiVersion: API.budget,
    body: {
      name,
      properties: {
        category: 'Cost', amount: bx(amount), timeGrain: 'Monthly', timePeriod: { startDate: bx(start) },
        notifications: Object.fromEntries(ALERTS.map(([t, kind]) => [`${kind.toLowerCase()}${t}`, {
          enabled: true, operator: 'GreaterThanOrEqualTo', threshold: t, thresholdType: kind, contactEmails: [bx(email)],
        }])),
      },
    },
  };
}

function budget(stack: Stack): void {
  const r = stack.req;
  param(stack, { tf: 'budget_amount', bicep: 'budgetAmount', type: 'number', description: 'Monthly budget for the resource group, USD', default: r.budget ?? 0 });
  param(stack, { tf: 'budget_start_date', bicep: 'budgetStartDate', type: 'string', description: 'First day of the first budget month (cannot change after creation)', default: budgetStart(r.today) });
  stack.tf.push(tfBudget('main', hcl('"${var.name}-budget"'), hcl('azurerm_resource_group.main.id')));
  stack.bicep.push(bicepBudget('budget', bx("'${name}-budget'"), 'budgetAmount', 'budgetStartDate', 'notifyEmail'));
  stack.items.push({ address: 'azurerm_consumption_budget_resource_group.main', instances: 1, infra: `monthly budget of $${(r.budget ?? 0).toLocaleString('en-US')} on the resource group`, ai: 'the spending limit alarm: e-mails at 50%, 80% and 100% of actual spend and when the forecast passes 100% (it alerts, it does not stop anything)', perHour: 0, guardrail: 'budget with alerts' });
}

function lock(stack: Stack): void {
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_management_lock', 'main'],
    body: [['name', 'no-delete'], ['scope', hcl('azurerm_resource_group.main.id')], ['lock_level', 'CanNotDelete'], ['notes', 'Protects a running job from an accidental delete; VMs can still be stopped and deallocated.']],
  });
  stack.bicep.push({
    kind: 'resource', symbol: 'noDelete', type: 'Microsoft.Authorization/locks', apiVersion: API.locks,
    body: { name: 'no-delete', properties: { level: 'CanNotDelete', notes: 'Protects a running job from an accidental delete; VMs can still be stopped and deallocated.' } },
  });
  stack.items.push({ address: 'azurerm_management_lock.main', instances: 1, infra: 'CanNotDelete lock on the resource group', ai: 'protects a multi-day run from one mistaken delete; remove the lock before `terraform destroy`', perHour: 0, guardrail: 'delete lock' });
}

/** The allowed-sizes policy: only the sizes this stack uses can be deployed in its resource group. */
export function allowedSizes(stack: Stack, sizes: Expr, bicepSizes: BicepValue): void {
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_resource_group_policy_assignment', 'allowed_sizes'],
    body: [
      ['name', 'allowed-vm-sizes'], ['resource_group_id', hcl('azurerm_resource_group.main.id')], ['policy_definition_id', ALLOWED_SIZES_POLICY],
      ['description', 'Only the GPU size planned for this job can be deployed here.'],
      ['parameters', hcl(`jsonencode({ listOfAllowedSKUs = { value = ${sizes.expr} } })`)],
    ],
  });
  stack.bicep.push({
    kind: 'resource', symbol: 'allowedSizes', type: 'Microsoft.Authorization/policyAssignments', apiVersion: API.policy,
    body: { name: 'allowed-vm-sizes', properties: { policyDefinitionId: ALLOWED_SIZES_POLICY, description: 'Only the GPU size planned for this job can be deployed here.', parameters: { listOfAllowedSKUs: { value: bicepSizes } } } },
  });
  stack.items.push({ address: 'azurerm_resource_group_policy_assignment.allowed_sizes', instances: 1, infra: 'Azure Policy "Allowed virtual machine size SKUs" (Deny) on the resource group', ai: 'nobody can add a bigger, pricier GPU size to this project by accident', perHour: 0, guardrail: 'allowed-size check' });
}
