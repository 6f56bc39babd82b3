import { describe, expect, it } from 'vitest';
import { failing, run, undecided } from '../../../test/support/audit.js';
import {
  budget, GOOD_TAGS, inventory, lock, nic, nodePool, nsg, publicIp, rgId, rid, rule, samples, schedule, subnet, SUB, vm, vmss,
} from '../../../test/support/inventory.js';

const CPU = 'Standard_D4s_v3';

describe('GPU001 required tags', () => {
  const inv = inventory([
    vm('ok'),
    vm('no-owner', { tags: { 'cost-center': 'x', expires: '2027-01-01' } }),
    vm('empty-owner', { tags: { ...GOOD_TAGS, owner: ' ' } }),
    vm('upper-case-keys', { tags: { OWNER: 'a', 'Cost-Center': 'b', Expires: '2027-01-01' } }),
    vm('bad-date', { tags: { ...GOOD_TAGS, expires: 'next friday' } }),
    vm('cpu-untagged', { size: CPU, tags: {} }),
    vm('tags-unreadable', { tags: null }),
    vmss('pool-untagged', { tags: {} }),
    nodePool('np-untagged', { tags: { owner: 'x' } }),
  ]);
  it('fails exactly the GPU hosts missing a tag or with a non-date expiry', () => {
    expect(failing('GPU001', inv)).toEqual(['bad-date', 'empty-owner', 'no-owner', 'np-untagged', 'pool-untagged']);
    expect(undecided('GPU001', inv)).toEqual(['tags-unreadable']);
  });
  it('uses the configured tag list', () => {
    expect(failing('GPU001', inv, { requiredTags: ['owner'] })).toEqual(['bad-date', 'empty-owner', 'no-owner', 'pool-untagged']);
  });
  it('names the missing tags', () => {
    const f = run(inv).findings.find((x) => x.resourceName === 'no-owner' && x.ruleId === 'GPU001')!;
    expect(f.evidence.missingTags).toEqual(['owner']);
    expect(f.message).toBe('GPU VM no-owner is missing required tag(s) owner');
  });
});

describe('GPU002 expired but allocated', () => {
  const old = { ...GOOD_TAGS, expires: '2026-11-26' };
  const inv = inventory([
    vm('ok'),
    vm('expires-today', { tags: { ...GOOD_TAGS, expires: '2026-11-27' } }),
    vm('expired-running', { tags: old }),
    vm('expired-stopped', { tags: old, powerState: 'stopped' }),
    vm('expired-deallocated', { tags: old, powerState: 'deallocated' }),
    vm('expired-unknown-state', { tags: old, powerState: null }),
    vm('expired-datetime', { tags: { ...GOOD_TAGS, expires: '2026-10-01T00:00:00Z' } }),
    vm('expired-cpu', { tags: old, size: CPU }),
    vmss('expired-pool', { tags: old, capacity: 2 }),
    vmss('expired-empty-pool', { tags: old, capacity: 0 }),
  ]);
  it('fails exactly the allocated GPU hosts past their expiry', () => {
    expect(failing('GPU002', inv)).toEqual(['expired-datetime', 'expired-pool', 'expired-running', 'expired-stopped']);
    expect(undecided('GPU002', inv)).toEqual(['expired-unknown-state']);
  });
  it('prices the waste per instance', () => {
    const f = run(inv).findings.filter((x) => x.ruleId === 'GPU002');
    expect(Object.fromEntries(f.map((x) => [x.resourceName, x.monthlyCost]))).toEqual({
      'expired-datetime': 2920, 'expired-pool': 5840, 'expired-running': 2920, 'expired-stopped': 2920,
    });
  });
});

describe('GPU003 auto-shutdown', () => {
  const inv = inventory([
    vm('ok'), schedule('ok'),
    vm('none'),
    vm('disabled'), schedule('disabled', { enabled: false }),
    vm('status-unknown'), schedule('status-unknown', { enabled: null }),
    vm('wrong-name'), { ...schedule('x'), targetId: rid('Microsoft.Compute/virtualMachines', 'wrong-name') },
    vm('case'), { ...schedule('case'), targetId: rid('Microsoft.Compute/virtualMachines', 'case').toUpperCase() },
    vm('cpu', { size: CPU }),
    vmss('autoscale-min0'),
    vmss('autoscale-min2', { minCount: 2, capacity: 2 }),
    vmss('fixed', { autoscale: false, minCount: null, capacity: 4 }),
    vmss('fixed-empty', { autoscale: false, minCount: null, capacity: 0 }),
    nodePool('np-fixed', { autoscale: false, minCount: null, capacity: 1 }),
    nodePool('np-unknown', { autoscale: null, minCount: null, capacity: null }),
  ]);
  it('fails exactly the GPU VMs without an enabled schedule and pools that cannot reach zero', () => {
    expect(failing('GPU003', inv)).toEqual(['autoscale-min2', 'disabled', 'fixed', 'none', 'np-fixed', 'wrong-name']);
    expect(undecided('GPU003', inv)).toEqual(['np-unknown', 'status-unknown']);
  });
});

describe('GPU005 budget and GPU006 early alert', () => {
  const other = '/subscriptions/99999999-0000-0000-0000-000000000000';
  const inv = inventory([
    vm('in-rg-budget'),
    vm('in-sub-budget', { resourceGroup: 'rg-b', id: rid('Microsoft.Compute/virtualMachines', 'in-sub-budget', 'rg-b') }),
    vm('no-budget', { subscriptionId: '99999999-0000-0000-0000-000000000000', resourceGroup: 'rg-c', id: `${other}/resourceGroups/rg-c/providers/Microsoft.Compute/virtualMachines/no-budget` }),
    vm('cpu-no-budget', { size: CPU, subscriptionId: '99999999-0000-0000-0000-000000000000', id: `${other}/resourceGroups/rg-c/providers/Microsoft.Compute/virtualMachines/cpu` }),
    budget('rg-early', rgId().toUpperCase()),
    budget('sub-late', `/subscriptions/${SUB}`, { notifications: [{ enabled: true, threshold: 100, thresholdType: 'Actual', contacts: 2 }] }),
    budget('forecast', rgId(), { notifications: [{ enabled: true, threshold: 100, thresholdType: 'Forecasted', contacts: 1 }] }),
    budget('disabled-early', rgId(), { notifications: [{ enabled: false, threshold: 50, thresholdType: 'Actual', contacts: 1 }] }),
    budget('no-contacts', rgId(), { notifications: [{ enabled: true, threshold: 50, thresholdType: 'Actual', contacts: 0 }] }),
    budget('empty', rgId(), { notifications: [] }),
    budget('no-gpu-scope', `${other}/resourceGroups/rg-d`, { notifications: [] }),
  ]);
  it('GPU005 fails exactly the GPU hosts whose group and subscription have no budget', () => {
    expect(failing('GPU005', inv)).toEqual(['no-budget']);
  });
  it('GPU006 fails exactly the budgets over GPU compute with no early enabled alert', () => {
    expect(failing('GPU006', inv)).toEqual(['disabled-early', 'empty', 'no-contacts', 'sub-late']);
    expect(failing('GPU006', inv, { budget: { earlyAlertPercent: 100 } })).toEqual(['disabled-early', 'empty', 'no-contacts']);
  });
});

describe('GPU007 idle and GPU008 stopped but allocated', () => {
  const id = (n: string) => rid('Microsoft.Compute/virtualMachines', n);
  const inv = inventory(
    [
      vm('busy'), vm('idle-cpu'), vm('idle-gpu-busy-cpu'), vm('busy-gpu-idle-cpu'), vm('short-window'), vm('no-metrics'),
      vm('idle-but-deallocated', { powerState: 'deallocated' }), vm('stopped', { powerState: 'stopped' }),
      vm('stopped-unpriced', { powerState: 'stopped', location: 'westus' }), vm('state-unknown', { powerState: null }),
      vm('idle-cpu-vm', { size: CPU }), vm('idle-8gpu', { size: 'Standard_ND96asr_v4' }),
    ],
    [
      samples(id('busy'), 40, 48), samples(id('idle-cpu'), 2, 48), samples(id('idle-gpu-busy-cpu'), 0, 30, 'gpu'),
      samples(id('idle-gpu-busy-cpu'), 60, 30), samples(id('busy-gpu-idle-cpu'), 90, 30, 'gpu'), samples(id('busy-gpu-idle-cpu'), 1, 30),
      samples(id('short-window'), 0, 10), samples(id('idle-but-deallocated'), 0, 48), samples(id('idle-cpu-vm'), 0, 48),
      samples(id('idle-8gpu'), 1, 60, 'gpu'),
    ],
  );
  it('GPU007 fails exactly the running GPU VMs under 5% over at least 24 h, GPU utilisation first', () => {
    expect(failing('GPU007', inv)).toEqual(['idle-8gpu', 'idle-cpu', 'idle-gpu-busy-cpu']);
    expect(undecided('GPU007', inv)).toEqual(['no-metrics', 'short-window']);
    expect(failing('GPU007', inv, { idle: { thresholdPercent: 50 } })).toEqual(['idle-8gpu', 'idle-cpu', 'idle-gpu-busy-cpu', 'busy']
      .sort());
  });
  it('GPU007 prices the month and the window', () => {
    const f = run(inv).findings.find((x) => x.ruleId === 'GPU007' && x.resourceName === 'idle-8gpu')!;
    expect(f.monthlyCost).toBe(30 * 730);
    expect(f.evidence).toMatchObject({ basis: 'gpu', meanPercent: 1, windowHours: 60, costOverWindow: 1800 });
  });
  it('GPU008 fails exactly the stopped (not deallocated) GPU VMs', () => {
    expect(failing('GPU008', inv)).toEqual(['stopped', 'stopped-unpriced']);
    expect(undecided('GPU008', inv)).toEqual(['state-unknown']);
  });
  it('sums each wasting resource once, and counts what it could not price', () => {
    const tagged = inventory([vm('both', { powerState: 'running', tags: { ...GOOD_TAGS, expires: '2026-01-01' } })], [samples(id('both'), 0, 48)]);
    const s = run(tagged).summary;
    expect(s.estimatedMonthlyWaste).toBe(2920);
    expect(run(inv).summary).toMatchObject({ estimatedMonthlyWaste: 2920 * 2 + 21900 + 2920, unpricedWaste: 1, gpuVms: 11 });
  });
});

describe('GPU009 public IP and GPU010 SSH/RDP', () => {
  const pip = publicIp('pip1');
  const open = nsg('nsg-open', [rule({ name: 'ssh-any' })]);
  const rdp = nsg('nsg-rdp', [rule({ name: 'rdp', sourcePrefixes: ['Internet'], destinationPorts: ['3000-4000'] })]);
  const shadowed = nsg('nsg-shadowed', [rule({ name: 'deny', access: 'Deny', priority: 100 }), rule({ name: 'allow', priority: 200 })]);
  const corp = nsg('nsg-corp', [rule({ name: 'corp', sourcePrefixes: ['10.0.0.0/8'] })]);
  const udp = nsg('nsg-udp', [rule({ name: 'udp', protocol: 'Udp' })]);
  const denySub = nsg('nsg-deny-sub', []);
  const sOpen = subnet('vnet', 'open', null);
  const sDeny = subnet('vnet', 'deny', denySub.id);
  const host = (name: string, n: ReturnType<typeof nic>) => vm(name, { nicIds: [n.id] });
  const nics = {
    pub: nic('n-pub', { ipConfigurations: [{ subnetId: sDeny.id, publicIpId: pip.id }], nsgId: corp.id }),
    ssh: nic('n-ssh', { ipConfigurations: [{ subnetId: sOpen.id, publicIpId: null }], nsgId: open.id }),
    rdp: nic('n-rdp', { ipConfigurations: [{ subnetId: sOpen.id, publicIpId: null }], nsgId: rdp.id }),
    shadow: nic('n-shadow', { ipConfigurations: [{ subnetId: sOpen.id, publicIpId: null }], nsgId: shadowed.id }),
    subnetBlocks: nic('n-subblock', { ipConfigurations: [{ subnetId: sDeny.id, publicIpId: null }], nsgId: open.id }),
    bare: nic('n-bare', { ipConfigurations: [{ subnetId: sOpen.id, publicIpId: null }], nsgId: null }),
    udp: nic('n-udp', { ipConfigurations: [{ subnetId: sOpen.id, publicIpId: null }], nsgId: udp.id }),
    unknownSubnet: nic('n-unk', { ipConfigurations: [{ subnetId: rid('Microsoft.Network/virtualNetworks', 'gone/subnets/x'), publicIpId: null }], nsgId: open.id }),
  };
  const inv = inventory([
    pip, open, rdp, shadowed, corp, udp, denySub, sOpen, sDeny, ...Object.values(nics),
    host('public', nics.pub), host('ssh-open', nics.ssh), host('rdp-open', nics.rdp), host('shadowed', nics.shadow),
    host('subnet-blocks', nics.subnetBlocks), host('no-nsg', nics.bare), host('udp-only', nics.udp), host('unknown-subnet', nics.unknownSubnet),
    vm('missing-nic', { nicIds: [rid('Microsoft.Network/networkInterfaces', 'gone')] }),
    vm('cpu-public', { size: CPU, nicIds: [nics.pub.id] }),
    vmss('pool-public', { publicIpPerInstance: true }), nodePool('np-private'),
  ]);
  it('GPU009 fails exactly the GPU hosts with a public IP, with the NIC and IP in evidence', () => {
    expect(failing('GPU009', inv)).toEqual(['pool-public', 'public']);
    expect(undecided('GPU009', inv)).toEqual(['missing-nic']);
    const f = run(inv).findings.find((x) => x.ruleId === 'GPU009' && x.resourceName === 'public')!;
    expect(f.evidence).toEqual({ nicIds: [nics.pub.id], publicIpIds: [pip.id] });
    expect(f.resourceId).toBe(rid('Microsoft.Compute/virtualMachines', 'public'));
  });
  it('GPU010 fails exactly the GPU VMs whose NSGs (or lack of them) let SSH or RDP in from the internet', () => {
    expect(failing('GPU010', inv)).toEqual(['no-nsg', 'rdp-open', 'ssh-open']);
    expect(undecided('GPU010', inv)).toEqual(['missing-nic', 'unknown-subnet']);
    const f = run(inv).findings.find((x) => x.ruleId === 'GPU010' && x.resourceName === 'rdp-open')!;
    expect(f.evidence).toMatchObject({ port: 3389, nicId: nics.rdp.id, subnetId: sOpen.id, nsgIds: [rdp.id], rules: ['rdp'] });
  });
});

describe('GPU011 allowed sizes and GPU012 delete lock', () => {
  const training = { ...GOOD_TAGS, workload: 'Training' };
  const inv = inventory([
    vm('a100'), vm('nd', { size: 'Standard_ND96asr_v4' }), vm('cpu', { size: CPU }),
    vm('train-unlocked', { tags: training }), vm('train-vm-lock', { tags: training }),
    lock('vm-lock', rid('Microsoft.Compute/virtualMachines', 'train-vm-lock')),
    vm('train-rg-lock', { tags: training, resourceGroup: 'rg-locked', id: rid('Microsoft.Compute/virtualMachines', 'train-rg-lock', 'rg-locked') }),
    lock('rg-lock', rgId('rg-locked'), 'ReadOnly'),
    vmss('train-pool', { tags: training }),
  ]);
  it('GPU011 applies only with a list, and fails exactly the GPU sizes outside it', () => {
    expect(failing('GPU011', inv)).toEqual([]);
    expect(failing('GPU011', inv, { allowedSizes: ['nc24ads_a100_v4'] })).toEqual(['nd']);
  });
  it('GPU012 fails exactly the training GPU hosts with no lock on them, their group or subscription', () => {
    expect(failing('GPU012', inv)).toEqual(['train-pool', 'train-unlocked']);
    expect(failing('GPU012', inventory([...inv.resources, lock('sub-lock', `/subscriptions/${SUB}`)]))).toEqual([]);
  });
});
