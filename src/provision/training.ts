import { bx, type BicepValue } from './bicep.js';
import { API, allowedSizes, bicepTags, head, tfTags } from './base.js';
import { gpuVms, vmItems, type GpuSize } from './gpu-vms.js';
import { Block, hcl } from './hcl.js';
import { param, v } from './params.js';
import { privateEndpoint } from './private-link.js';
import type { Stack } from './stack.js';

const ROLE = 'the training nodes: the batch job\'s workers, where the model is trained';

/** Training: GPU VMs (or one scale set) plus checkpoint storage with a lifecycle policy. */
export function training(stack: Stack, size: GpuSize): void {
  if (stack.req.scaleSet) scaleSet(stack, size);
  else gpuVms(stack, size, ROLE);
  checkpoints(stack);
}

/** Days after which checkpoints move to cool and archive, then are deleted. */
export function checkpointTiers(days: number): { cool: number; archive: number; delete: number } {
  return { cool: Math.min(30, Math.floor(days / 3)), archive: Math.min(90, Math.floor((2 * days) / 3)), delete: days };
}

function checkpoints(stack: Stack): void {
  const name = `${stack.req.name.replace(/-/g, '').slice(0, 13)}ckpt${stack.suffix}`;
  const tiers = stack.req.checkpointTiers ? { ...stack.req.checkpointTiers, delete: stack.req.checkpointDays } : checkpointTiers(stack.req.checkpointDays);
  param(stack, { tf: 'storage_account_name', bicep: 'storageAccountName', type: 'string', description: 'Checkpoint storage account (globally unique, 3-24 lower-case letters and digits)', default: name });
  param(stack, { tf: 'checkpoint_retention_days', bicep: 'checkpointRetentionDays', type: 'number', description: 'Checkpoints are deleted this many days after their last change', default: tiers.delete });
  if (!stack.has('allow-no-tags')) {
    stack.tfLocals.push(['checkpoint_tags', { owner: v('owner'), 'cost-center': v('cost_center'), expires: v('expires'), workload: 'training', purpose: 'checkpoints' }]);
    stack.bicepVars.push({ kind: 'var', name: 'checkpointTags', value: bx("union(tags, {\n  purpose: 'checkpoints'\n})") });
  }
  const tags = tfTags(stack, 'checkpoint_tags');
  stack.tf.push(
    {
      keyword: 'resource', labels: ['azurerm_storage_account', 'checkpoints'], comment: 'Checkpoints: reachable only through the private endpoint, Entra ID auth only.',
      body: [
        ...head(v('storage_account_name')), ['account_kind', 'StorageV2'], ['account_tier', 'Standard'], ['account_replication_type', 'LRS'],
        ['min_tls_version', 'TLS1_2'], ['https_traffic_only_enabled', true], ['public_network_access_enabled', false],
        ['allow_nested_items_to_be_public', false], ['shared_access_key_enabled', false], ['default_to_oauth_authentication', true], ...tags,
      ],
    },
    {
      keyword: 'resource', labels: ['azurerm_storage_container', 'checkpoints'],
      body: [['name', 'checkpoints'], ['storage_account_id', hcl('azurerm_storage_account.checkpoints.id')], ['container_access_type', 'private']],
    },
    {
      keyword: 'resource', labels: ['azurerm_storage_management_policy', 'checkpoints'],
      body: [
        ['storage_account_id', hcl('azurerm_storage_account.checkpoints.id')],
        ['rule', new Block([
          ['name', 'age-out-checkpoints'], ['enabled', true],
          ['filters', new Block([['prefix_match', ['checkpoints/']], ['blob_types', ['blockBlob']]])],
          ['actions', new Block([['base_blob', new Block([
            ['tier_to_cool_after_days_since_modification_greater_than', tiers.cool],
            ['tier_to_archive_after_days_since_modification_greater_than', tiers.archive],
            ['delete_after_days_since_modification_greater_than', v('checkpoint_retention_days')],
          ])]])],
        ])],
      ],
    },
  );
  const btags: Record<string, BicepValue> = stack.has('allow-no-tags') ? {} : { tags: bx('checkpointTags') };
  stack.bicep.push(
    {
      kind: 'resource', symbol: 'checkpoints', type: 'Microsoft.Storage/storageAccounts', apiVersion: API.storage, comment: 'Checkpoints: reachable only through the private endpoint, Entra ID auth only.',
      body: {
        name: bx('storageAccountName'), location: bx('location'), ...btags, kind: 'StorageV2', sku: { name: 'Standard_LRS' },
        properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, publicNetworkAccess: 'Disabled', allowBlobPublicAccess: false, allowSharedKeyAccess: false, defaultToOAuthAuthentication: true },
      },
    },
    { kind: 'resource', symbol: 'blobService', type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: API.storage, body: { parent: bx('checkpoints'), name: 'default' } },
    { kind: 'resource', symbol: 'checkpointContainer', type: 'Microsoft.Storage/storageAccounts/blobServices/containers', apiVersion: API.storage, body: { parent: bx('blobService'), name: 'checkpoints', properties: { publicAccess: 'None' } } },
    {
      kind: 'resource', symbol: 'checkpointLifecycle', type: 'Microsoft.Storage/storageAccounts/managementPolicies', apiVersion: API.storage,
      body: {
        parent: bx('checkpoints'), name: 'default',
        properties: {
          policy: {
            rules: [{
              name: 'age-out-checkpoints', enabled: true, type: 'Lifecycle',
              definition: {
                filters: { blobTypes: ['blockBlob'], prefixMatch: ['checkpoints/'] },
                actions: {
                  baseBlob: {
                    tierToCool: { daysAfterModificationGreaterThan: tiers.cool },
                    tierToArchive: { daysAfterModificationGreaterThan: tiers.archive },
                    delete: { daysAfterModificationGreaterThan: bx('checkpointRetentionDays') },
                  },
                },
              },
            }],
          },
        },
      },
    },
  );
  stack.items.push(
    { address: 'azurerm_storage_account.checkpoints', instances: 1, infra: 'storage account (Standard LRS, no public network access, no shared keys)', ai: 'where the training job saves checkpoints: the save files of a long run, so a crash or a Spot eviction resumes instead of restarting', perHour: null },
    { address: 'azurerm_storage_management_policy.checkpoints', instances: 1, infra: `lifecycle policy: cool after ${tiers.cool} days, archive after ${tiers.archive}, delete after ${tiers.delete}`, ai: 'old checkpoints age out to cheaper tiers and are deleted, so storage does not grow forever', perHour: 0, guardrail: 'checkpoint lifecycle' },
  );
  privateEndpoint(stack, { key: 'blob', tfId: 'azurerm_storage_account.checkpoints.id', bicepId: 'checkpoints.id', subresource: 'blob', zone: 'privatelink.blob.core.windows.net', what: 'the checkpoint storage' });
}

/** One scale set instead of individual VMs; it scales to 0 at the shutdown time through autoscale. */
function scaleSet(stack: Stack, size: GpuSize): void {
  const r = stack.req;
  param(stack, { tf: 'vm_size', bicep: 'vmSize', type: 'string', description: 'GPU VM size', default: r.sku ?? '' });
  param(stack, { tf: 'vm_count', bicep: 'vmCount', type: 'number', description: 'Number of GPU VMs in the scale set', default: r.count });
  param(stack, { tf: 'admin_username', bicep: 'adminUsername', type: 'string', description: 'Linux admin user (SSH key log-in only)', default: r.adminUsername });
  param(stack, { tf: 'ssh_public_key', bicep: 'sshPublicKey', type: 'string', description: 'SSH public key; password log-in is disabled' });
  const tags = tfTags(stack);
  const ib = size.infiniband;
  const img = size.driver.image;
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_linux_virtual_machine_scale_set', 'gpu'], comment: `${size.name} (${size.gpus}). ${size.driver.note}.`,
    body: [
      ...head(hcl('"${var.name}-vmss"')), ['sku', v('vm_size')], ['instances', v('vm_count')], ['admin_username', v('admin_username')],
      ['disable_password_authentication', true], ['overprovision', false], ['single_placement_group', ib], ['upgrade_mode', 'Manual'],
      ...(r.spot ? [['priority', 'Spot'] as const, ['eviction_policy', 'Deallocate'] as const, ['max_bid_price', -1] as const] : []), ...tags,
      ['admin_ssh_key', new Block([['username', v('admin_username')], ['public_key', v('ssh_public_key')]])],
      ['os_disk', new Block([['caching', 'ReadWrite'], ['storage_account_type', 'Premium_LRS'], ['disk_size_gb', 256]])],
      ['source_image_reference', new Block([['publisher', img.publisher], ['offer', img.offer], ['sku', img.sku], ['version', img.version]])],
      ['network_interface', new Block([
        ['name', 'nic'], ['primary', true], ['enable_accelerated_networking', true],
        ['ip_configuration', new Block([['name', 'internal'], ['primary', true], ['subnet_id', hcl('azurerm_subnet.compute.id')]])],
      ])],
      ['depends_on', [hcl('azurerm_subnet_nat_gateway_association.compute')]],
      ...size.driver.extensions.map((e) => ['extension', new Block([
        ['name', e.name], ['publisher', e.publisher], ['type', e.type], ['type_handler_version', e.typeHandlerVersion], ['auto_upgrade_minor_version', true],
      ])] as const),
    ],
  });
  stack.bicep.push({
    kind: 'resource', symbol: 'vmss', type: 'Microsoft.Compute/virtualMachineScaleSets', apiVersion: API.compute, comment: `${size.name} (${size.gpus}). ${size.driver.note}.`,
    body: {
      name: bx("'${name}-vmss'"), location: bx('location'), ...bicepTags(stack), sku: { name: bx('vmSize'), capacity: bx('vmCount') },
      properties: {
        overprovision: false, singlePlacementGroup: ib, upgradePolicy: { mode: 'Manual' },
        virtualMachineProfile: {
          ...(r.spot ? { priority: 'Spot', evictionPolicy: 'Deallocate', billingProfile: { maxPrice: -1 } } : {}),
          osProfile: {
            computerNamePrefix: bx('name'), adminUsername: bx('adminUsername'),
            linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: bx("'/home/${adminUsername}/.ssh/authorized_keys'"), keyData: bx('sshPublicKey') }] } },
          },
          storageProfile: { imageReference: { ...img }, osDisk: { createOption: 'FromImage', caching: 'ReadWrite', diskSizeGB: 256, managedDisk: { storageAccountType: 'Premium_LRS' } } },
          networkProfile: { networkInterfaceConfigurations: [{ name: 'nic', properties: { primary: true, enableAcceleratedNetworking: true, ipConfigurations: [{ name: 'internal', properties: { primary: true, subnet: { id: bx('subnetId') } } }] } }] },
          ...(size.driver.extensions.length > 0
            ? { extensionProfile: { extensions: size.driver.extensions.map((e) => ({ name: e.name, properties: { publisher: e.publisher, type: e.type, typeHandlerVersion: e.typeHandlerVersion, autoUpgradeMinorVersion: true } })) } }
            : {}),
        },
      },
    },
  });
  if (!stack.has('allow-no-shutdown')) nightlyScaleToZero(stack);
  allowedSizes(stack, hcl('[var.vm_size]'), [bx('vmSize')]);
  vmItems(stack, size, ROLE, 'azurerm_linux_virtual_machine_scale_set.gpu');
}

/** Autoscale with a floor of 0 and a daily profile that takes the scale set to 0 at the shutdown time. */
function nightlyScaleToZero(stack: Stack): void {
  const r = stack.req;
  param(stack, { tf: 'shutdown_time', bicep: 'shutdownTime', type: 'string', description: 'Daily time (HHMM) the scale set goes to 0 instances', default: r.shutdown });
  param(stack, { tf: 'shutdown_timezone', bicep: 'shutdownTimezone', type: 'string', description: 'Windows time zone id of the shutdown time', default: r.timezone });
  const hour = Number(r.shutdown.slice(0, 2));
  const minute = Number(r.shutdown.slice(2));
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_monitor_autoscale_setting', 'gpu'], comment: 'At the shutdown time the scale set goes to 0 and stays there: to run again, disable this setting (az monitor autoscale update --enabled false) or change its profile.',
    body: [
      ...head(hcl('"${var.name}-vmss-autoscale"')), ['target_resource_id', hcl('azurerm_linux_virtual_machine_scale_set.gpu.id')], ['enabled', true], ...tfTags(stack),
      ['profile', new Block([['name', 'default'], ['capacity', new Block([['default', v('vm_count')], ['minimum', 0], ['maximum', v('vm_count')]])]])],
      ['profile', new Block([
        ['name', 'nightly-shutdown'],
        // Autoscale with no rules only keeps the count within bounds: a maximum of 0 is what takes it to 0.
        ['capacity', new Block([['default', 0], ['minimum', 0], ['maximum', 0]])],
        ['recurrence', new Block([['timezone', v('shutdown_timezone')], ['days', ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']], ['hours', [hour]], ['minutes', [minute]]])],
      ])],
      ['notification', new Block([['email', new Block([['custom_emails', [v('notify_email')]]])]])],
    ],
  });
  stack.bicep.push({
    kind: 'resource', symbol: 'autoscale', type: 'Microsoft.Insights/autoscalesettings', apiVersion: API.autoscale,
    body: {
      name: bx("'${name}-vmss-autoscale'"), location: bx('location'), ...bicepTags(stack),
      properties: {
        enabled: true, targetResourceUri: bx('vmss.id'),
        profiles: [
          { name: 'default', capacity: { default: bx('string(vmCount)'), minimum: '0', maximum: bx('string(vmCount)') }, rules: [] },
          {
            name: 'nightly-shutdown', capacity: { default: '0', minimum: '0', maximum: '0' }, rules: [],
            recurrence: { frequency: 'Week', schedule: { timeZone: bx('shutdownTimezone'), days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], hours: [hour], minutes: [minute] } },
          },
        ],
        notifications: [{ operation: 'Scale', email: { customEmails: [bx('notifyEmail')] } }],
      },
    },
  });
  stack.items.push({ address: 'azurerm_monitor_autoscale_setting.gpu', instances: 1, infra: `autoscale: floor 0, scale to 0 daily at ${r.shutdown.slice(0, 2)}:${r.shutdown.slice(2)} ${r.timezone}`, ai: 'the job timeout for a scale set: at the end of the day it goes to 0 GPUs and stops billing; it stays at 0 until the setting is disabled or changed', perHour: 0, guardrail: 'auto-shutdown (scale to 0)' });
}
