import { bx, type BicepValue } from './bicep.js';
import { API, allowedSizes, bicepTags, head, tfTags } from './base.js';
import type { DriverPath } from './drivers.js';
import { Block, hcl, type Body } from './hcl.js';
import { param, v } from './params.js';
import type { Stack } from './stack.js';

/** The GPU size facts the VM generators need. */
export interface GpuSize {
  name: string;
  gpus: string;
  infiniband: boolean;
  nvmeGiB: number | null;
  pricePerHour: number | null;
  spotPerHour: number | null;
  driver: DriverPath;
}

/** Inputs shared by GPU VMs and scale sets. */
function vmParams(stack: Stack): void {
  const r = stack.req;
  param(stack, { tf: 'vm_size', bicep: 'vmSize', type: 'string', description: 'GPU VM size', default: r.sku ?? '' });
  param(stack, { tf: 'vm_count', bicep: 'vmCount', type: 'number', description: 'Number of GPU VMs', default: r.count });
  param(stack, { tf: 'admin_username', bicep: 'adminUsername', type: 'string', description: 'Linux admin user (SSH key log-in only)', default: r.adminUsername });
  param(stack, { tf: 'ssh_public_key', bicep: 'sshPublicKey', type: 'string', description: 'SSH public key (ssh-ed25519 or ssh-rsa ...); password log-in is disabled' });
  if (!stack.has('allow-no-shutdown')) {
    param(stack, { tf: 'shutdown_time', bicep: 'shutdownTime', type: 'string', description: 'Daily auto-shutdown time, HHMM', default: r.shutdown });
    param(stack, { tf: 'shutdown_timezone', bicep: 'shutdownTimezone', type: 'string', description: 'Windows time zone id of the shutdown time', default: r.timezone });
  }
}

const IMAGE = (d: DriverPath) => ({ publisher: d.image.publisher, offer: d.image.offer, sku: d.image.sku, version: d.image.version });

function imageBlock(d: DriverPath): Block {
  const i = IMAGE(d);
  return new Block([['publisher', i.publisher], ['offer', i.offer], ['sku', i.sku], ['version', i.version]]);
}

/** A proximity placement group keeps InfiniBand nodes close (same cluster, lowest latency). */
function placement(stack: Stack, size: GpuSize): boolean {
  if (!size.infiniband || stack.req.count < 2) return false;
  stack.tf.push({ keyword: 'resource', labels: ['azurerm_proximity_placement_group', 'gpu'], body: [...head(hcl('"${var.name}-ppg"')), ...tfTags(stack)] });
  stack.bicep.push({ kind: 'resource', symbol: 'ppg', type: 'Microsoft.Compute/proximityPlacementGroups', apiVersion: API.compute, body: { name: bx("'${name}-ppg'"), location: bx('location'), ...bicepTags(stack), properties: { proximityPlacementGroupType: 'Standard' } } });
  stack.items.push({ address: 'azurerm_proximity_placement_group.gpu', instances: 1, infra: 'proximity placement group', ai: 'keeps the InfiniBand nodes physically close so gradient all-reduce over RDMA stays fast', perHour: 0 });
  return true;
}

function spotLines(stack: Stack): Body {
  return stack.req.spot ? [['priority', 'Spot'], ['eviction_policy', 'Deallocate'], ['max_bid_price', -1]] : [];
}

/** `count` individual GPU VMs with NICs (no public IP), driver extensions and shutdown schedules. */
export function gpuVms(stack: Stack, size: GpuSize, role: string): void {
  vmParams(stack);
  const ppg = placement(stack, size);
  const tags = tfTags(stack);
  stack.tf.push(
    {
      keyword: 'resource', labels: ['azurerm_network_interface', 'gpu'],
      body: [
        ['count', v('vm_count')], ...head(hcl('"${var.name}-nic-${count.index}"')), ['accelerated_networking_enabled', true], ...tags,
        ['ip_configuration', new Block([['name', 'internal'], ['subnet_id', hcl('azurerm_subnet.compute.id')], ['private_ip_address_allocation', 'Dynamic']])],
      ],
    },
    {
      keyword: 'resource', labels: ['azurerm_linux_virtual_machine', 'gpu'], comment: `GPU VMs, ${size.name} (${size.gpus}). ${size.driver.note}.`,
      body: [
        ['count', v('vm_count')], ...head(hcl('"${var.name}-vm-${count.index}"')), ['size', v('vm_size')], ['admin_username', v('admin_username')],
        ['disable_password_authentication', true], ['network_interface_ids', [hcl('azurerm_network_interface.gpu[count.index].id')]],
        ...(ppg ? [['proximity_placement_group_id', hcl('azurerm_proximity_placement_group.gpu.id')] as const] : []), ...spotLines(stack), ...tags,
        ['admin_ssh_key', new Block([['username', v('admin_username')], ['public_key', v('ssh_public_key')]])],
        ['os_disk', new Block([['caching', 'ReadWrite'], ['storage_account_type', 'Premium_LRS'], ['disk_size_gb', 256]])],
        ['source_image_reference', imageBlock(size.driver)],
      ],
    },
  );
  for (const ext of size.driver.extensions) {
    stack.tf.push({
      keyword: 'resource', labels: ['azurerm_virtual_machine_extension', snake(ext.type)],
      body: [
        ['count', v('vm_count')], ['name', ext.name], ['virtual_machine_id', hcl('azurerm_linux_virtual_machine.gpu[count.index].id')],
        ['publisher', ext.publisher], ['type', ext.type], ['type_handler_version', ext.typeHandlerVersion], ['auto_upgrade_minor_version', true], ...tags,
        // The extension downloads the driver: the subnet's NAT egress must exist first.
        ['depends_on', [hcl('azurerm_subnet_nat_gateway_association.compute')]],
      ],
    });
  }
  if (!stack.has('allow-no-shutdown')) {
    stack.tf.push({
      keyword: 'resource', labels: ['azurerm_dev_test_global_vm_shutdown_schedule', 'gpu'],
      body: [
        ['count', v('vm_count')], ['virtual_machine_id', hcl('azurerm_linux_virtual_machine.gpu[count.index].id')], ['location', hcl('azurerm_resource_group.main.location')],
        ['enabled', true], ['daily_recurrence_time', v('shutdown_time')], ['timezone', v('shutdown_timezone')], ...tags,
        ['notification_settings', new Block([['enabled', true], ['time_in_minutes', 30], ['email', v('notify_email')]])],
      ],
    });
  }
  bicepVms(stack, size, ppg, role);
  allowedSizes(stack, hcl('[var.vm_size]'), [bx('vmSize')]);
  vmItems(stack, size, role, 'azurerm_linux_virtual_machine.gpu');
}

function bicepVms(stack: Stack, size: GpuSize, ppg: boolean, role: string): void {
  const loop = 'for i in range(0, vmCount)';
  const spot: Record<string, BicepValue> = stack.req.spot ? { priority: 'Spot', evictionPolicy: 'Deallocate', billingProfile: { maxPrice: -1 } } : {};
  stack.bicep.push(
    {
      kind: 'resource', symbol: 'nic', type: 'Microsoft.Network/networkInterfaces', apiVersion: API.network, loop,
      body: { name: bx("'${name}-nic-${i}'"), location: bx('location'), ...bicepTags(stack), properties: { enableAcceleratedNetworking: true, ipConfigurations: [{ name: 'internal', properties: { subnet: { id: bx('subnetId') }, privateIPAllocationMethod: 'Dynamic' } }] } },
    },
    {
      kind: 'resource', symbol: 'vm', type: 'Microsoft.Compute/virtualMachines', apiVersion: API.compute, loop, comment: `GPU VMs, ${size.name} (${size.gpus}). ${size.driver.note}.`,
      body: {
        name: bx("'${name}-vm-${i}'"), location: bx('location'), ...bicepTags(stack),
        properties: {
          hardwareProfile: { vmSize: bx('vmSize') },
          ...(ppg ? { proximityPlacementGroup: { id: bx('ppg.id') } } : {}),
          ...spot,
          osProfile: {
            computerName: bx("'${name}-vm-${i}'"), adminUsername: bx('adminUsername'),
            linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: bx("'/home/${adminUsername}/.ssh/authorized_keys'"), keyData: bx('sshPublicKey') }] } },
          },
          storageProfile: { imageReference: IMAGE(size.driver), osDisk: { createOption: 'FromImage', caching: 'ReadWrite', diskSizeGB: 256, managedDisk: { storageAccountType: 'Premium_LRS' } } },
          networkProfile: { networkInterfaces: [{ id: bx('nic[i].id') }] },
        },
      },
    },
  );
  for (const ext of size.driver.extensions) {
    stack.bicep.push({
      kind: 'resource', symbol: camel(ext.type), type: 'Microsoft.Compute/virtualMachines/extensions', apiVersion: API.compute, loop,
      body: { parent: bx('vm[i]'), name: ext.name, location: bx('location'), ...bicepTags(stack), properties: { publisher: ext.publisher, type: ext.type, typeHandlerVersion: ext.typeHandlerVersion, autoUpgradeMinorVersion: true } },
    });
  }
  if (!stack.has('allow-no-shutdown')) {
    stack.bicep.push({
      kind: 'resource', symbol: 'shutdown', type: 'Microsoft.DevTestLab/schedules', apiVersion: API.devtest, loop,
      comment: 'Azure only links a VM to its auto-shutdown schedule when the schedule is named shutdown-computevm-<vm name>.',
      body: {
        name: bx("'shutdown-computevm-${vm[i].name}'"), location: bx('location'), ...bicepTags(stack),
        properties: {
          status: 'Enabled', taskType: 'ComputeVmShutdownTask', dailyRecurrence: { time: bx('shutdownTime') }, timeZoneId: bx('shutdownTimezone'),
          targetResourceId: bx('vm[i].id'), notificationSettings: { status: 'Enabled', timeInMinutes: 30, emailRecipient: bx('notifyEmail') },
        },
      },
    });
  }
}

/** README lines for the GPU compute, its driver and its schedule. */
export function vmItems(stack: Stack, size: GpuSize, role: string, address: string): void {
  const price = stack.req.spot ? size.spotPerHour : size.pricePerHour;
  const count = stack.req.count;
  stack.items.push({ address, instances: count, infra: `${count} x ${size.name}${stack.req.spot ? ' (Spot)' : ''}: ${size.gpus} each`, ai: role, perHour: price === null ? null : price * count });
  for (const ext of size.driver.extensions) {
    stack.items.push({ address: `azurerm_virtual_machine_extension.${snake(ext.type)}`, instances: count, infra: `${ext.type} VM extension (${ext.publisher})`, ai: ext.type.startsWith('InfiniBand') ? 'the RDMA network driver NCCL needs for multi-node training' : 'the GPU driver: without it CUDA (or ROCm) cannot see the GPUs', perHour: 0 });
  }
  if (size.driver.kind === 'image') {
    stack.items.push({ address: `${address} (image)`, instances: count, infra: `image ${size.driver.image.publisher}:${size.driver.image.offer}:${size.driver.image.sku}`, ai: 'the operating system with the GPU driver, CUDA/ROCm, NCCL and the InfiniBand stack preinstalled', perHour: 0 });
  }
  if (!stack.has('allow-no-shutdown') && address.includes('linux_virtual_machine.')) {
    stack.items.push({ address: 'azurerm_dev_test_global_vm_shutdown_schedule.gpu', instances: count, infra: `auto-shutdown at ${stack.req.shutdown.slice(0, 2)}:${stack.req.shutdown.slice(2)} ${stack.req.timezone}, e-mail 30 minutes before`, ai: 'the job timeout: a run left going overnight stops billing for GPUs at the end of the day', perHour: 0, guardrail: 'auto-shutdown' });
  }
  if (size.nvmeGiB) {
    stack.notes.push(`${size.name} has ${Math.round(size.nvmeGiB)} GiB of local NVMe: use it as scratch for datasets and checkpoint staging; it is wiped when the VM is deallocated (auto-shutdown), so copy checkpoints to the storage account`);
  }
}

/** NvidiaGpuDriverLinux -> nvidia_gpu_driver_linux. */
export function snake(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** NvidiaGpuDriverLinux -> nvidiaGpuDriverLinux. */
export function camel(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
