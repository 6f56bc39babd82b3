import { Option } from 'commander';
import { InputError, nearest } from '../../errors.js';
import type { CostReport, PriceKind } from '../../model/workload-plan.js';
import { costReport, HOURS_PER_MONTH } from '../../plan/cost.js';
import type { CliContext, CommandResult } from '../context.js';
import { intFlag, MAX_VM_COUNT, positiveNumberFlag } from '../flags.js';
import { requireRegion } from '../source.js';
import { priceLookup } from './price-lookup.js';
import type { CommandSpec } from './spec.js';

interface CostOptions {
  count: number;
  hours?: number;
  days?: number;
  spot?: boolean;
  reservation?: '1y' | '3y';
  idleHours?: number;
  region?: string;
  offline?: boolean;
  live?: boolean;
}

const money = (n: number | null, cur: string): string => (n === null ? 'not found' : `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${cur}`);

function costText(r: CostReport): string {
  const per = r.pricePerHour === null ? 'not found' : `${r.pricePerHour} ${r.currency}`;
  return [
    `${r.count} x ${r.sku} in ${r.region} (${r.pricing})`,
    `  per VM-hour      ${per}`,
    `  per hour, all    ${money(r.pricePerHour === null ? null : Math.round(r.pricePerHour * r.count * 1000) / 1000, r.currency)}`,
    `  this run         ${r.hours === null ? 'pass --hours or --days' : `${money(r.total, r.currency)} (${r.hours} h)`}`,
    `  per month        ${money(r.perMonth, r.currency)} (${HOURS_PER_MONTH} h)`,
    `  idle risk        ${money(r.idle.cost, r.currency)} if ${r.idle.scenario} (${r.idle.hours} h)`,
    `source: ${r.source}${r.asOf && !r.source.includes(r.asOf) ? `, read ${r.asOf}` : ''}`,
  ].join('\n');
}

/** `gpuops cost SKU`: per hour, per run, per month and the idle weekend, with the price's source and date. */
export const costCommand: CommandSpec<CostOptions> = {
  name: 'cost',
  args: '<sku>',
  summary: 'what N VMs of a size cost per hour, per run and per month (730 h), and what an unwatched weekend costs',
  examples: [
    'gpuops cost Standard_ND96amsr_A100_v4 --count 2 --hours 60 --region eastus2',
    'gpuops cost NC24ads_A100_v4 --count 8 --days 3 --spot --region westus3',
    'gpuops cost Standard_NC40ads_H100_v5 --reservation 1y --region eastus2 --live',
  ],
  options: (cmd) => {
    cmd
      .addOption(new Option('--count <n>', 'number of VMs').argParser(intFlag('--count', 1, MAX_VM_COUNT)).default(1))
      .addOption(new Option('--hours <h>', 'hours the VMs run').argParser(positiveNumberFlag('--hours', 87600)))
      .addOption(new Option('--days <d>', 'days the VMs run (24 h each)').argParser(positiveNumberFlag('--days', 3650)))
      .option('--spot', 'Spot price (can be evicted)')
      .addOption(new Option('--reservation <term>', 'reserved-instance price per hour: 1y|3y').choices(['1y', '3y']))
      .addOption(new Option('--idle-hours <h>', 'hours of idle running to price (default: Saturday 3 AM to Monday 9 AM, 54 h)').argParser(positiveNumberFlag('--idle-hours', 87600)))
      .option('-r, --region <region>', 'Azure region, e.g. eastus2')
      .option('--offline', 'catalog prices; never touch the network')
      .option('--live', 'read the Azure Retail Prices API (the default when a subscription is configured)');
  },
  async run(args, opts, ctx: CliContext): Promise<CommandResult> {
    if (opts.hours !== undefined && opts.days !== undefined) throw new InputError('--hours and --days both give the run length; pass one of them');
    if (opts.spot && opts.reservation) throw new InputError('--spot and --reservation are different prices; pass one of them');
    const region = requireRegion({ ...opts, region: opts.region ?? ctx.env.AZURE_DEFAULTS_LOCATION, output: 'json' });
    const catalog = await import('../../catalog/index.js');
    const known = catalog.catalogSku(args[0] ?? '');
    if (!known) {
      throw new InputError(`SKU "${args[0]}" is not a GPU VM size in the catalog`, {
        code: 'UNKNOWN_SKU', suggestion: `did you mean ${nearest(args[0] ?? '', catalog.skuNames(), 3).join(', ')}?`,
      });
    }
    const prices = await priceLookup(opts, ctx);
    const where = prices.live ? region : catalog.catalogRegion(region);
    const kind: PriceKind = opts.spot ? 'spot' : opts.reservation ? `reservation-${opts.reservation}` : 'payg';
    const quote = await prices.quote(known.name, where, kind);
    const hours = opts.hours ?? (opts.days !== undefined ? opts.days * 24 : null);
    const notFound = `no ${kind} Linux price for ${known.name} in ${where} in the ${prices.live ? 'Azure Retail Prices API' : 'embedded catalog'}`;
    const report = costReport({ sku: known.name, count: opts.count, region: where, kind, hours, quote, idleHours: opts.idleHours, notFound });
    const notes = [...prices.notes];
    const retired = catalog.retirementOf(known.name);
    // A price sheet may still list a retired size; the cost of something that cannot be deployed again must say so.
    if (retired && ctx.today !== undefined && retired.date <= ctx.today) {
      notes.push(`${known.name} was retired on ${retired.date} (${retired.source}): it cannot be deployed again; gpuops skus --region ${where} lists current sizes`);
    }
    if (!quote) notes.push(`${notFound}; costs are unknown (not 0)${kind.startsWith('reservation') && !prices.live ? '; reservation prices need --live' : ''}`);
    return { data: report, table: () => costText(report), notes, exitCode: quote ? 0 : 1 };
  },
};
