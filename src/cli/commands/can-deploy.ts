import { Option } from 'commander';
import { InputError, nearest } from '../../errors.js';
import { sizeKey } from '../../model/names.js';
import type { VmSku } from '../../model/sku.js';
import { canDeploy, notOffered, type DeployAnswer } from '../../recon/can-deploy.js';
import type { CliContext, CommandResult } from '../context.js';
import { intFlag } from '../flags.js';
import { readRegion } from '../source.js';
import { deployText, sourceLine } from '../views.js';
import type { CommandSpec } from './spec.js';

interface CanDeployOptions {
  count: number;
  spot?: boolean;
  zone?: string;
}

/** A size that exists nowhere: exit 2 with the nearest names. */
async function unknownSku(name: string, region: string, listed: readonly VmSku[]): Promise<InputError> {
  const { skuNames } = await import('../../catalog/index.js');
  const candidates = [...listed.filter((s) => s.gpu.count !== 0).map((s) => s.name), ...skuNames()];
  return new InputError(`SKU "${name}" is not a VM size known in ${region} or in the catalog`, {
    code: 'UNKNOWN_SKU',
    suggestion: `did you mean ${nearest(name, candidates, 3).join(', ')}? (expected a size name such as Standard_NC24ads_A100_v4)`,
  });
}

/** The size exists elsewhere but is not offered in this region: a negative answer, exit 1. */
async function elsewhere(name: string, count: number, region: string, opts: CanDeployOptions): Promise<DeployAnswer | null> {
  const { catalogSku, regionsOffering } = await import('../../catalog/index.js');
  const known = catalogSku(name);
  if (!known) return null;
  return notOffered({ sku: known.name, vcpus: known.vcpus, count, region, spot: opts.spot, zone: opts.zone, offeredIn: regionsOffering(known.name) });
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
      .addOption(new Option('--count <n>', 'number of VMs').argParser(intFlag('--count', 1)).default(1))
      .option('--spot', 'Spot VMs (draw on lowPriorityCores)')
      .option('--zone <zone>', 'availability zone, e.g. 1');
  },
  async run(args, opts, ctx: CliContext): Promise<CommandResult> {
    const name = args[0] ?? '';
    const { region, listing, quota, note, subscriptionId } = await readRegion(opts, ctx);
    const sku = listing.skus.find((s) => sizeKey(s.name) === sizeKey(name));
    const notes = note ? [note] : [];
    let answer: DeployAnswer;
    if (sku) {
      answer = canDeploy({ sku, count: opts.count, region, spot: opts.spot, zone: opts.zone, usages: quota.usages, subscriptionId, today: ctx.today });
    } else {
      const missing = await elsewhere(name, opts.count, region, opts);
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
