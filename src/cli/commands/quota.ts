import { gpuQuota, unknownGpuQuota } from '../../recon/quota.js';
import type { CommandResult } from '../context.js';
import { readRegion } from '../source.js';
import { quotaTable, sourceLine } from '../views.js';
import type { CommandSpec } from './spec.js';

/** `gpuops quota`: GPU family usage/limit/available plus Total Regional and Spot vCPUs. */
export const quotaCommand: CommandSpec = {
  name: 'quota',
  summary: 'GPU quota families in a region (used / limit / available vCPUs) plus cores and lowPriorityCores',
  recon: true,
  examples: ['gpuops quota --region eastus2', 'gpuops quota --region eastus2 --usage-file usage.json -o json'],
  async run(_args, opts, ctx): Promise<CommandResult> {
    const { listing: skus, quota, notes } = await readRegion(opts, ctx);
    if (quota.usages === null) {
      const rows = unknownGpuQuota(skus.skus);
      notes.push('quota is unknown without Azure: run with credentials (az login) or pass --usage-file (az vm list-usage -o json)');
      return { data: rows, table: () => `${quotaTable(rows)}\n${sourceLine(quota.source)}`, notes };
    }
    const rows = gpuQuota(quota.usages, skus.skus);
    return { data: rows, table: () => `${quotaTable(rows)}\n${sourceLine(quota.source)}`, notes };
  },
};
