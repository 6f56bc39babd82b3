// Builders of ARM records shaped as Resource Graph and `az` print them, for the sample estate.

export const SAMPLE_SUBSCRIPTION = '8f5c2d1e-4b7a-4c3e-9d2f-6a1b0c9e7d34';

type Json = Record<string, unknown>;

export const armId = (rg: string, type: string, name: string) => `/subscriptions/${SAMPLE_SUBSCRIPTION}/resourceGroups/${rg}/providers/${type}/${name}`;
export const rgArmId = (rg: string) => `/subscriptions/${SAMPLE_SUBSCRIPTION}/resourceGroups/${rg}`;

const record = (rg: string, type: string, name: string, location: string, extra: Json): Json => ({
  id: armId(rg, type, name), name, type: type.toLowerCase(), location, resourceGroup: rg, subscriptionId: SAMPLE_SUBSCRIPTION, tags: {}, ...extra,
});

export function resourceGroup(name: string, location: string): Json {
  return { id: rgArmId(name), name, type: 'microsoft.resources/subscriptions/resourcegroups', location, resourceGroup: name, subscriptionId: SAMPLE_SUBSCRIPTION, tags: {} };
}

export function vm(rg: string, name: string, o: { location: string; size: string; power: string; tags: Json; nics: string[] }): Json {
  return record(rg, 'Microsoft.Compute/virtualMachines', name, o.location, {
    tags: o.tags,
    properties: {
      hardwareProfile: { vmSize: o.size },
      networkProfile: { networkInterfaces: o.nics.map((id) => ({ id })) },
      osProfile: { computerName: name, adminUsername: 'azureuser', linuxConfiguration: { disablePasswordAuthentication: true } },
      extended: { instanceView: { powerState: { code: `PowerState/${o.power}`, displayStatus: `VM ${o.power}` } } },
      provisioningState: 'Succeeded',
    },
  });
}

export function nic(rg: string, name: string, o: { location: string; subnetId: string; publicIpId?: string; nsgId?: string }): Json {
  return record(rg, 'Microsoft.Network/networkInterfaces', name, o.location, {
    properties: {
      ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: o.subnetId }, privateIPAllocationMethod: 'Dynamic', ...(o.publicIpId ? { publicIPAddress: { id: o.publicIpId } } : {}) } }],
      ...(o.nsgId ? { networkSecurityGroup: { id: o.nsgId } } : {}),
    },
  });
}

export function publicIp(rg: string, name: string, location: string, ip: string): Json {
  return record(rg, 'Microsoft.Network/publicIPAddresses', name, location, { properties: { ipAddress: ip, publicIPAllocationMethod: 'Static' } });
}

export function nsg(rg: string, name: string, location: string, rules: { name: string; priority: number; access: string; source: string; port: string }[]): Json {
  return record(rg, 'Microsoft.Network/networkSecurityGroups', name, location, {
    properties: {
      securityRules: rules.map((r) => ({
        name: r.name,
        properties: { direction: 'Inbound', access: r.access, protocol: 'Tcp', priority: r.priority, sourceAddressPrefix: r.source, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: r.port },
      })),
    },
  });
}

export function vnet(rg: string, name: string, location: string, subnets: { name: string; nsgId?: string }[]): Json {
  const id = armId(rg, 'Microsoft.Network/virtualNetworks', name);
  return record(rg, 'Microsoft.Network/virtualNetworks', name, location, {
    properties: { subnets: subnets.map((s) => ({ id: `${id}/subnets/${s.name}`, name: s.name, properties: s.nsgId ? { networkSecurityGroup: { id: s.nsgId } } : {} })) },
  });
}

export function shutdownSchedule(rg: string, vmName: string, location: string, status: 'Enabled' | 'Disabled'): Json {
  return record(rg, 'Microsoft.DevTestLab/schedules', `shutdown-computevm-${vmName}`, location, {
    properties: {
      status, taskType: 'ComputeVmShutdownTask', dailyRecurrence: { time: '1900' }, timeZoneId: 'UTC',
      targetResourceId: armId(rg, 'Microsoft.Compute/virtualMachines', vmName),
      notificationSettings: { status: 'Enabled', timeInMinutes: 30, emailRecipient: 'ml-platform@contoso.example' },
    },
  });
}

/** As `az consumption budget list -o json` prints a budget: properties at the top level. */
export function budget(scope: string, name: string, amount: number, notifications: Record<string, { threshold: number; thresholdType: string }>): Json {
  return {
    id: `${scope}/providers/Microsoft.Consumption/budgets/${name}`, name, type: 'Microsoft.Consumption/budgets', amount, category: 'Cost', timeGrain: 'Monthly',
    notifications: Object.fromEntries(Object.entries(notifications).map(([k, n]) => [k, { enabled: true, operator: 'GreaterThanOrEqualTo', ...n, contactEmails: ['finops@contoso.example'], contactGroups: [], contactRoles: [] }])),
  };
}

/** As `az lock list -o json` prints a lock. */
export function lock(scope: string, name: string, level: 'CanNotDelete' | 'ReadOnly'): Json {
  return { id: `${scope}/providers/Microsoft.Authorization/locks/${name}`, level, name, notes: 'training runs last weeks', owners: null, type: 'Microsoft.Authorization/locks' };
}

export function aiAccount(rg: string, name: string, o: { location: string; kind: string; public: boolean; localAuth: boolean; peId?: string }): Json {
  return record(rg, 'Microsoft.CognitiveServices/accounts', name, o.location, {
    kind: o.kind, sku: { name: 'S0' },
    tags: { owner: 'apps@contoso.example', 'cost-center': 'CC-300' },
    properties: {
      customSubDomainName: name, publicNetworkAccess: o.public ? 'Enabled' : 'Disabled', ...(o.localAuth ? {} : { disableLocalAuth: true }),
      networkAcls: { defaultAction: o.public ? 'Allow' : 'Deny', ipRules: [], virtualNetworkRules: [] },
      privateEndpointConnections: o.peId ? [{ properties: { privateEndpoint: { id: o.peId }, privateLinkServiceConnectionState: { status: 'Approved' } } }] : [],
    },
  });
}

export function privateEndpoint(rg: string, name: string, location: string, targetId: string, subnetId: string): Json {
  return record(rg, 'Microsoft.Network/privateEndpoints', name, location, {
    properties: {
      subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name, properties: { privateLinkServiceId: targetId, groupIds: ['account'], privateLinkServiceConnectionState: { status: 'Approved' } } }],
    },
  });
}

export function mlWorkspace(rg: string, name: string, location: string): Json {
  return record(rg, 'Microsoft.MachineLearningServices/workspaces', name, location, { properties: { publicNetworkAccess: 'Enabled', privateEndpointConnections: [] } });
}

export function mlChild(rg: string, ws: string, child: 'onlineEndpoints' | 'computes', name: string, location: string, properties: Json): Json {
  return record(rg, `Microsoft.MachineLearningServices/workspaces/${child}`, `${ws}/${name}`, location, { properties });
}

export function storage(rg: string, name: string, location: string, o: { tags: Json; public: boolean; blobPublic: boolean }): Json {
  return record(rg, 'Microsoft.Storage/storageAccounts', name, location, {
    kind: 'StorageV2', tags: o.tags,
    properties: { publicNetworkAccess: o.public ? 'Enabled' : 'Disabled', allowBlobPublicAccess: o.blobPublic, networkAcls: { defaultAction: o.public ? 'Allow' : 'Deny' }, privateEndpointConnections: [] },
  });
}

export function managementPolicy(rg: string, account: string): Json {
  return record(rg, 'Microsoft.Storage/storageAccounts/managementPolicies', `${account}/default`, '', {
    id: `${armId(rg, 'Microsoft.Storage/storageAccounts', account)}/managementPolicies/default`,
    properties: { policy: { rules: [{ name: 'age-out-checkpoints', enabled: true, type: 'Lifecycle', definition: { filters: { blobTypes: ['blockBlob'] }, actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: 7 }, delete: { daysAfterModificationGreaterThan: 90 } } } } }] } },
  });
}

export function aks(rg: string, name: string, location: string, pools: Json[]): Json {
  return record(rg, 'Microsoft.ContainerService/managedClusters', name, location, {
    tags: { owner: 'apps@contoso.example', 'cost-center': 'CC-300', expires: '2099-12-31' },
    properties: { kubernetesVersion: '1.31', agentPoolProfiles: pools },
  });
}

export function vmss(rg: string, name: string, location: string, size: string, capacity: number, tags: Json, subnetId: string): Json {
  return record(rg, 'Microsoft.Compute/virtualMachineScaleSets', name, location, {
    sku: { name: size, tier: 'Standard', capacity }, tags,
    properties: { virtualMachineProfile: { networkProfile: { networkInterfaceConfigurations: [{ name: 'nic', properties: { ipConfigurations: [{ name: 'ip', properties: { subnet: { id: subnetId } } }] } }] } } },
  });
}

export function autoscale(rg: string, name: string, location: string, targetId: string, minimum: number): Json {
  return record(rg, 'Microsoft.Insights/autoscalesettings', name, location, {
    properties: { enabled: true, targetResourceUri: targetId, profiles: [{ name: 'default', capacity: { minimum: String(minimum), maximum: '8', default: String(minimum) }, rules: [] }] },
  });
}

/** `az monitor metrics list` output: hourly averages over `hours` hours ending at `end`. */
export function metrics(resourceId: string, name: string, end: Date, hours: number, value: (hour: number) => number): Json {
  const data = Array.from({ length: hours }, (_, i) => ({
    timeStamp: new Date(end.getTime() - (hours - i) * 3_600_000).toISOString().replace('.000Z', '+00:00'),
    average: Math.round(value(i) * 100) / 100,
  }));
  return {
    cost: hours, interval: 'PT1H', namespace: name === 'Percentage CPU' ? 'Microsoft.Compute/virtualMachines' : 'Azure.VM.Linux.GuestMetrics',
    resourceregion: 'eastus', timespan: `${data[0]!.timeStamp.replace('+00:00', 'Z')}/${end.toISOString().replace('.000Z', 'Z')}`,
    value: [{
      displayDescription: '', errorCode: 'Success', id: `${resourceId}/providers/Microsoft.Insights/metrics/${name}`,
      name: { localizedValue: name, value: name }, resourceGroup: resourceId.split('/')[4],
      timeseries: [{ data, metadatavalues: [] }], type: 'Microsoft.Insights/metrics', unit: 'Percent',
    }],
  };
}
