import { defineRule, pass, unknown } from '../rule.js';
import { GPU_HOSTS, hostNoun, sizeLabel } from './helpers.js';

export const gpu009 = defineRule({
  id: 'GPU009',
  title: 'GPU compute reachable through a public IP',
  severity: 'high',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: false,
  rationale: 'GPU VMs are targets for cryptomining and hold model weights and data. Reach them through Bastion, a VPN or a private endpoint, not a public address.',
  semantics: [
    'VM: fails when any IP configuration of any of its NICs has a public IP; the finding is on the VM, with the NIC and public IP ids in `evidence`.',
    'Scale set: fails when instances get a public IP each (`publicIPAddressConfiguration`). AKS node pool: fails when `enableNodePublicIP` is true.',
    'Unknown when a NIC the VM names is not in the inventory, or the setting could not be read.',
  ],
  xref: ['CKV_AZURE_119', 'CKV2_AZURE_39', 'AVD-AZU-0076', 'KICS c1573577', 'Azure Policy 83a86a26'],
  remediation: {
    az: 'az network nic ip-config update --resource-group {resourceGroup} --nic-name <nic> --name <ipconfig> --remove publicIpAddress',
    terraform: 'ip_configuration {\n  name                          = "internal"\n  subnet_id                     = azurerm_subnet.gpu.id\n  private_ip_address_allocation = "Dynamic"\n  # no public_ip_address_id\n}',
  },
  check(r, ctx) {
    if (r.kind !== 'vm') {
      if (r.publicIpPerInstance === null) return unknown('whether instances get a public IP could not be read');
      return r.publicIpPerInstance
        ? { outcome: 'fail', message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) gives each instance a public IP`, evidence: { publicIpPerInstance: true } }
        : pass;
    }
    const nics = ctx.index.nicsOf(r.id);
    const missing = r.nicIds.filter((id) => !nics.some((n) => n.id.toLowerCase() === id.toLowerCase()));
    const exposed = nics.flatMap((n) => n.ipConfigurations.filter((c) => c.publicIpId !== null).map((c) => ({ nicId: n.id, publicIpId: c.publicIpId! })));
    if (exposed.length === 0) return missing.length > 0 ? unknown(`NIC(s) ${missing.join(', ')} are not in the inventory`) : pass;
    const ips = exposed.map((e) => {
      const pip = ctx.index.get(e.publicIpId);
      return pip?.kind === 'publicIp' && pip.ipAddress ? `${pip.ipAddress}` : e.publicIpId.split('/').pop();
    });
    return {
      outcome: 'fail',
      message: `GPU VM ${r.name} (${sizeLabel(r, ctx)}) has a public IP (${ips.join(', ')})`,
      evidence: { nicIds: [...new Set(exposed.map((e) => e.nicId))], publicIpIds: exposed.map((e) => e.publicIpId) },
    };
  },
});
