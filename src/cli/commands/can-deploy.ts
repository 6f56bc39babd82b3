import { Option } from 'commander';
import { InputError, nearest } from '../../errors.js';
import { canonicalSize } from '../../catalog/aliases.js';
import { sizeKey } from '../../model/names.js';
import type { VmSku } from '../../model/sku.js';
import type { SkuListing } from '../../model/source.js';
import { canDeploy, notOffered, type DeployAnswer } from '../../recon/can-deploy.js';
import { isGpuSku } from '../../recon/skus.js';
import type { CliContext, CommandResult } from '../context.js';
import { intFlag, MAX_VM_COUNT, zoneFlag } from '../flags.js';
import { readRegion } from '../source.js';
import { deployText, sourceLine } from '../views.js';
import type { CommandSpec } from './spec.js';

/** Azure size names are short; a longer argument is no size name (and is not echoed whole). */
const MAX_NAME = 100;

interface CanDeployOptions {
  count: number;
  spot?: boolean;
  zone?: string;
}

/** A size that exists nowhere: exit 2 with the nearest names. */
async function unknownSku(name: string, region: string, listed: readonly VmSku[]): Promise<InputError> {
  const { skuNames } = await import('../../catalog/index.js');
  const candidates = [...listed.filter(isGpuSku).map((s) => s.name), ...skuNames()];
  return new InputError(`SKU "${name}" is not a VM size known in ${region} or in the catalog`, {
    code: 'UNKNOWN_SKU',
    suggestion: `did you mean ${nearest(name, candidates, 3).join(', ')}? (expected a size name such as Standard_NC24ads_A100_v4)`,
  });
}

/** A size the catalog knows but the listing lacks: retired, left out of an export, or not offered here. */
async function absent(name: string, listing: SkuListing, opts: CanDeployOptions, today: string | undefined): Promise<DeployAnswer | null> {
  const { catalogSku, regionsOffering } = await import('../../catalog/index.js');
  const known = catalogSku(name);
  if (!known) return null;
  return notOffered({
    sku: known.name, vcpus: known.vcpus, count: opts.count, region: listing.region, spot: opts.spot, zone: opts.zone,
    offeredIn: regionsOffering(known.name), retirement: known.retirement, today, export: listing.export,
  });
}

/** `gpuops can-deploy SKU --count N`: quota, regional cores and restrictions, with what to file. */
export const canDeployCommand: CommandSpec<CanDeployOptions> = {
  name: 'can-deploy',
  args: '<sku>',
  summary: 'can N VMs of a size be deployed in a region now? checks family quota, regional vCPUs (or Spot vCPUs) and restrictions; exit 0 yes, 1 no',
  recon: true,
  examples: [
    'gpuops can-deploy Standard_ND96isr_H100_v5 --count 8 --region eastus2',
    'gpuops can-deploy NC24ads_A100_v4 --count 2 --region westeurope --spot',
    'gpuops can-deploy Standard_NC40ads_H100_v5 --region eastus2 --zone 3 -o json',
  ],
  options: (cmd) => {
    cmd
      .addOption(new Option('--count <n>', 'number of VMs').argParser(intFlag('--count', 1, MAX_VM_COUNT)).default(1))
      .option('--spot', 'Spot VMs (draw on lowPriorityCores)')
      .addOption(new Option('--zone <zone>', 'availability zone: 1, 2 or 3').argParser(zoneFlag));
  },
  async run(args, opts, ctx: CliContext): Promise<CommandResult> {
    const name = args[0] ?? '';
    if (name.length > MAX_NAME) {
      throw new InputError(`SKU "${name.slice(0, 40)}…" (${name.length} characters) is not a VM size name: expected a name such as Standard_NC24ads_A100_v4`, { code: 'UNKNOWN_SKU' });
    }
    const { region, listing, quota, notes, subscriptionId } = await readRegion(opts, ctx);
    // The price sheet's alias of a size names the same VM.
    const wanted = sizeKey(canonicalSize(name));
    const sku = listing.skus.find((s) => sizeKey(s.name) === wanted);
    let answer: DeployAnswer;
    if (sku) {
      answer = canDeploy({ sku, count: opts.count, region, spot: opts.spot, zone: opts.zone, usages: quota.usages, subscriptionId, today: ctx.today });
    } else {
      const missing = await absent(name, listing, opts, ctx.today);
      if (!missing) throw await unknownSku(name, region, listing.skus);
      answer = missing;
    }
    return {
      data: answer,
      table: () => `${deployText(answer)}\n${sourceLine(listing.source)}`,
      notes,
      exitCode: answer.deployable === true ? 0 : 1,
    };
  },
};
