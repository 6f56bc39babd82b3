import { Option } from 'commander';
import type { VmSku } from '../../model/sku.js';
import type { SkuListing, SourceInfo } from '../../model/source.js';
import { filterSkus, hiddenRestricted, hiddenRetired, sortSkus, type SkuFilter, type SkuSort } from '../../recon/skus.js';
import type { CommandResult } from '../context.js';
import { choiceFlag, intFlag, numberFlag } from '../flags.js';
import { chooseSource, exportNotes, requireRegion } from '../source.js';
import { skusTable, sourceLine } from '../views.js';
import type { CommandSpec } from './spec.js';

/** Every catalog size, for `gpuops skus --offline` without a region. */
async function wholeCatalog(info: SourceInfo): Promise<SkuListing> {
  const { catalogVmSkus } = await import('../../catalog/index.js');
  return { region: 'all regions', skus: catalogVmSkus(), source: info };
}

/** "NC_Promo, NV_Promo retired 2023-09-06; NCv3 retired 2025-09-30": series per retirement date. */
function retiredSeries(skus: readonly VmSku[]): string {
  const byDate = new Map<string, Set<string>>();
  for (const s of skus) byDate.set(s.retirement!, (byDate.get(s.retirement!) ?? new Set()).add(s.series));
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, series]) => `${[...series].join(', ')} retired ${date}`).join('; ');
}

interface SkusOptions extends SkuFilter {
  sort?: SkuSort;
  minVram?: number;
}

/** `gpuops skus`: GPU sizes in a region with what is inside them, price and availability. */
export const skusCommand: CommandSpec<SkusOptions> = {
  name: 'skus',
  summary: 'list GPU VM sizes in a region: GPU model x count, VRAM, vCPUs, RAM, NVMe, InfiniBand, NVLink, price, availability',
  recon: true,
  examples: [
    'gpuops skus --region eastus2 --gpu a100 --sort price',
    'gpuops skus --region eastus2 --min-gpus 8 --infiniband -o json',
    'gpuops skus --offline --gpu h100',
    // JMESPath literals use backticks: single quotes keep bash and zsh from running them as commands.
    "gpuops skus --region eastus2 --all --query '[?available==`false`].name' -o tsv",
    'az vm list-skus -l eastus2 --all -o json | gpuops skus --skus-file - --region eastus2',
  ],
  options: (cmd) => {
    cmd
      .option('--size <prefix>', 'size-name prefix, e.g. Standard_NC or ND96')
      .option('--gpu <model>', 'GPU model, e.g. A100, H100, T4, A10')
      .addOption(new Option('--min-vram <GiB>', 'minimum VRAM per VM in GiB').argParser(numberFlag('--min-vram')))
      .addOption(new Option('--min-gpus <n>', 'minimum GPUs per VM').argParser(intFlag('--min-gpus', 0)))
      .addOption(new Option('--family <letters>', 'size family: NC|ND|NV|NG|NCC').argParser(choiceFlag('--family', ['NC', 'ND', 'NV', 'NG', 'NCC'] as const)))
      .option('--infiniband', 'only sizes with InfiniBand')
      .addOption(new Option('--sort <key>', 'sort by: name|price|vram|gpus (price ascending, the others largest first)').argParser(choiceFlag('--sort', ['name', 'price', 'vram', 'gpus'] as const)))
      .option('--all', 'also list sizes that are restricted for this subscription, and retired sizes (with the date)');
  },
  async run(_args, opts, ctx): Promise<CommandResult> {
    const { source, note } = await chooseSource(opts, ctx);
    // Offline without --region: the whole catalog, every region (no prices, which are per region).
    const region = !opts.region && source.info.kind === 'catalog' ? 'all regions' : requireRegion(opts);
    const listing = region === 'all regions' ? await wholeCatalog(source.info) : await source.listSkus(region);
    const filter: SkuFilter = { ...opts, minVramGiB: opts.minVram, today: ctx.today };
    const skus = sortSkus(filterSkus(listing.skus, filter), opts.sort ?? 'name');
    const hidden = hiddenRestricted(listing.skus, filter);
    const notes = [...(note ? [note] : []), ...exportNotes(region === 'all regions' ? undefined : listing)];
    if (hidden.length > 0) {
      notes.push(
        `${hidden.length} more GPU size(s) exist in ${region} but are restricted for this subscription ` +
          `(${hidden.map((s) => `${s.name}: ${s.restrictions.map((r) => r.reason).join(', ')}`).join('; ')}); --all lists them`,
      );
    }
    if (region === 'all regions' && opts.sort === 'price') {
      notes.push('prices are per region and no --region was given, so no size has a price here and --sort price orders by name; pass --region to sort by price');
    }
    const retired = hiddenRetired(listing.skus, filter);
    if (retired.length > 0) {
      notes.push(`${retired.length} retired GPU size(s) left out (${retiredSeries(retired)}); --all lists them with the date`);
    }
    return { data: skus, table: () => `${skusTable(skus, region, ctx.today)}\n${sourceLine(listing.source)}`, notes };
  },
};
