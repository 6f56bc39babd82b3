import type { Nsg } from '../../model/inventory.js';
import { defineRule, pass, unknown, type RuleContext } from '../rule.js';
import { allowsFromInternet } from './nsg.js';
import { sizeLabel } from './helpers.js';

const PORTS = [
  [22, 'SSH'],
  [3389, 'RDP'],
] as const;

type Layer = { layer: 'nic' | 'subnet'; id: string; nsg: Nsg | null | undefined };

/** NSGs on the path of inbound traffic: the subnet's and the NIC's. `nsg` null = none attached; undefined = not in the inventory. */
function layers(nicIds: readonly string[], ctx: RuleContext): { paths: Layer[][]; missing: string[] } {
  const missing: string[] = [];
  const nsgAt = (id: string | null): Nsg | null | undefined => {
    if (id === null) return null;
    const n = ctx.index.get(id);
    if (n?.kind === 'nsg') return n;
    missing.push(id);
    return undefined;
  };
  const paths: Layer[][] = [];
  for (const nicId of nicIds) {
    const nic = ctx.index.get(nicId);
    if (nic?.kind !== 'nic') {
      missing.push(nicId);
      continue;
    }
    for (const cfg of nic.ipConfigurations) {
      const subnet = cfg.subnetId ? ctx.index.get(cfg.subnetId) : undefined;
      if (cfg.subnetId && subnet?.kind !== 'subnet') missing.push(cfg.subnetId);
      paths.push([
        { layer: 'subnet', id: cfg.subnetId ?? '', nsg: subnet?.kind === 'subnet' ? nsgAt(subnet.nsgId) : cfg.subnetId ? undefined : null },
        { layer: 'nic', id: nic.id, nsg: nsgAt(nic.nsgId) },
      ]);
    }
  }
  return { paths, missing };
}

export const gpu010 = defineRule({
  id: 'GPU010',
  title: 'SSH or RDP open to the internet on a GPU VM',
  severity: 'high',
  appliesTo: ['vm'],
  gpuOnly: true,
  waste: false,
  rationale: 'SSH and RDP open to the internet are brute-forced within minutes of an address going live; a GPU VM is worth more to an attacker than most.',
  semantics: [
    'Inbound traffic passes the subnet\'s NSG and then the NIC\'s; it gets through only when every NSG present allows it. Within an NSG the matching rule with the lowest priority number decides; with none matching, the default DenyAllInBound drops it.',
    'A rule matches internet traffic when its source is `*`, `Internet`, `Any`, `0.0.0.0/0` or `::/0`, its protocol TCP or `*`, and its destination ports include 22 (SSH) or 3389 (RDP).',
    'Fails when, for some NIC IP configuration, port 22 or 3389 is allowed through every NSG present, or when no NSG is attached at either layer. Reported on the VM, with NIC, subnet and NSG ids in `evidence`.',
    'Unknown when a NIC, subnet or NSG the path needs is not in the inventory and the NSGs that are there would let the traffic in.',
  ],
  xref: ['CKV_AZURE_10', 'CKV_AZURE_9', 'CKV2_AZURE_31', 'AVD-AZU-0050', 'AVD-AZU-0047'],
  remediation: {
    az: 'az network nsg rule update --resource-group {resourceGroup} --nsg-name <nsg> --name <rule> --access Deny   # reach the VM with az network bastion ssh',
    terraform: 'security_rule {\n  name                       = "ssh-from-bastion"\n  priority                   = 100\n  direction                  = "Inbound"\n  access                     = "Allow"\n  protocol                   = "Tcp"\n  source_address_prefix      = "10.0.255.0/26" # AzureBastionSubnet, not "*"\n  source_port_range          = "*"\n  destination_address_prefix = "*"\n  destination_port_range     = "22"\n}',
  },
  check(r, ctx) {
    const { paths, missing } = layers(r.nicIds, ctx);
    if (paths.length === 0) return missing.length > 0 ? unknown(`NIC(s) ${missing.join(', ')} are not in the inventory`) : null;
    let undecided = false;
    for (const path of paths) {
      for (const [port, proto] of PORTS) {
        const present = path.filter((l) => l.nsg !== null);
        if (present.some((l) => l.nsg && !allowsFromInternet(l.nsg, port).allowed)) continue;
        if (present.some((l) => l.nsg === undefined)) {
          undecided = true;
          continue;
        }
        const rules = present.map((l) => `${l.nsg!.name}:${allowsFromInternet(l.nsg!, port).rule}`);
        return {
          outcome: 'fail',
          message: present.length === 0
            ? `GPU VM ${r.name} (${sizeLabel(r, ctx)}) has no NSG on its NIC or subnet, so ${proto} (${port}) is not filtered`
            : `GPU VM ${r.name} (${sizeLabel(r, ctx)}) allows ${proto} (${port}) from the internet (${rules.join(', ')})`,
          evidence: {
            port, protocol: proto,
            nicId: path.find((l) => l.layer === 'nic')!.id,
            subnetId: path.find((l) => l.layer === 'subnet')!.id || null,
            nsgIds: present.map((l) => l.nsg!.id),
            rules: present.map((l) => allowsFromInternet(l.nsg!, port).rule),
          },
        };
      }
    }
    return undecided ? unknown(`NSG, subnet or NIC not in the inventory: ${[...new Set(missing)].join(', ')}`) : pass;
  },
});
