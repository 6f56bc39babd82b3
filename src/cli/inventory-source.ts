import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import type { CliContext } from './context.js';

/** Where `audit` and `inventory` read the estate from. */
export interface InventoryFlags {
  from?: string[];
  sample?: boolean;
  live?: boolean;
  subscription?: string[] | string;
  metricsHours?: number;
  /** A directory of Terraform (.tf) files, read as HCL before apply. */
  terraformDir?: string;
}

const CHOOSE = 'pass --from FILE (an az or terraform export; repeat for several), --terraform-dir DIR (Terraform .tf files), --live (read Azure), or --sample (a fictional estate)';

/** The inventory from files, the sample, or live Azure; `note` says which, for stderr. */
export async function readInventory(flags: InventoryFlags, ctx: CliContext, today: string): Promise<{ inventory: Inventory; note?: string }> {
  const files = flags.from ?? [];
  const chosen = [files.length > 0 || flags.terraformDir !== undefined, flags.sample === true, flags.live === true].filter(Boolean).length;
  if (chosen > 1) throw new InputError(`--from, --live and --sample are different sources (--terraform-dir counts as a file); pass one of them (${CHOOSE})`);
  const subs = typeof flags.subscription === 'string' ? [flags.subscription] : flags.subscription ?? [];
  if (subs.length > 0 && (files.length > 0 || flags.sample || flags.terraformDir !== undefined)) throw new InputError('--subscription applies to --live only; files and the sample say which subscriptions they hold');
  const { combineInventories } = await import('../model/inventory.js');
  if (files.length > 0 || flags.terraformDir !== undefined) {
    const { readInventoryFile } = await import('../azure/inventory/files.js');
    const seen = new Set<string>();
    const parts: Inventory[] = [];
    for (const f of files) {
      // ./a.json and a.json are one file.
      const key = resolve(f);
      if (seen.has(key)) throw new InputError(`--from "${f}" is given twice; pass each file once`);
      seen.add(key);
      parts.push((await readInventoryFile(f)).inventory);
    }
    if (flags.terraformDir !== undefined) {
      const { terraformDirInventory } = await import('../azure/terraform-hcl.js');
      parts.push(await terraformDirInventory(flags.terraformDir));
    }
    return { inventory: combineInventories(parts) };
  }
  if (flags.sample) return { inventory: await sampleInventory(today), note: 'sample: a fictional estate ("Contoso ML") shipped with gpuops; no Azure account was read' };
  const azure = await import('../azure/index.js');
  if (!flags.live && !azure.hasAzureConfig(ctx.env, homedir())) throw new InputError(`no inventory source: ${CHOOSE}`);
  return { inventory: await liveInventory(subs, flags.metricsHours ?? 72, ctx) };
}

/** The shipped sample estate, converted by the same code as real `az` exports. */
export async function sampleInventory(today: string): Promise<Inventory> {
  const { sampleEstate } = await import('../guard/sample/estate.js');
  const { inventoryFromRecords } = await import('../azure/inventory/files.js');
  const { metricsFromDocument } = await import('../azure/inventory/metrics.js');
  const { combineInventories } = await import('../model/inventory.js');
  const estate = sampleEstate(today);
  const metrics = estate.metrics.map((m) => metricsFromDocument(m, 'sample metrics'));
  return combineInventories([
    inventoryFromRecords(estate.resourceGraph, 'sample Resource Graph export'),
    inventoryFromRecords(estate.budgets, 'sample budgets'),
    inventoryFromRecords(estate.locks, 'sample locks'),
    { resources: [], metrics: metrics.flatMap((m) => m.metrics), unreadable: metrics.flatMap((m) => m.unreadable), sources: ['sample metrics'] },
  ]);
}

async function liveInventory(subscriptions: string[], metricsHours: number, ctx: CliContext): Promise<Inventory> {
  const azure = await import('../azure/index.js');
  const { liveInventorySource } = await import('../azure/inventory/live.js');
  let subs = subscriptions;
  if (subs.length === 0) {
    const sub = azure.resolveSubscription({ flag: undefined, env: ctx.env, home: homedir() });
    if (!sub) {
      throw new InputError('--live needs a subscription: none was given and none is configured', {
        code: 'NO_CREDENTIALS',
        suggestion: 'pass --subscription <id> (repeat it for several), set AZURE_SUBSCRIPTION_ID, or run `az login`',
      });
    }
    subs = [sub.id];
  }
  const credential = ctx.azure?.credential ?? (await azure.defaultCredential());
  const source = liveInventorySource({ subscriptionIds: subs, credential, endpoint: ctx.azure?.endpoint, tlsCa: ctx.azure?.tlsCa, maxRetries: ctx.azure?.maxRetries, progress: ctx.progress });
  const { embeddedCatalog } = await import('../guard/catalog.js');
  // Metrics are read for GPU VMs only: one Azure Monitor call per VM.
  return source.read({ metricsHours, now: new Date(), wantsMetrics: embeddedCatalog().isGpuSize });
}
