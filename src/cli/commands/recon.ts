import { recon } from '../../recon/report.js';
import type { CommandResult } from '../context.js';
import { readRegion } from '../source.js';
import { reconText } from '../views.js';
import type { CommandSpec } from './spec.js';

/** `gpuops recon --region R`: the day-one questions answered in one report. */
export const reconCommand: CommandSpec = {
  name: 'recon',
  summary: 'one report for a region: T4 and A100 sizes, smallest/largest GPU size, GPU quotas, can one A100 VM be deployed today, ND GPUs per VM',
  recon: true,
  examples: ['gpuops recon --region eastus2', 'gpuops recon --region eastus2 --skus-file skus.json --usage-file usage.json -o json'],
  async run(_args, opts, ctx): Promise<CommandResult> {
    const { region, listing, quota, notes, subscriptionId } = await readRegion(opts, ctx);
    const report = recon({ region, source: listing.source, skus: listing.skus, usages: quota.usages, subscriptionId, today: ctx.today });
    return { data: report, table: () => reconText(report), notes };
  },
};
