import { homedir } from 'node:os';
import { InputError } from '../errors.js';
import { normalizeRegion } from '../model/names.js';
import type { QuotaListing, ReconSource, SkuListing } from '../model/source.js';
import type { CliContext, GlobalOptions } from './context.js';

/** The source a command will read, and the subscription when live. */
export interface ChosenSource {
  source: ReconSource;
  subscriptionId?: string;
  /** Said on stderr so an offline answer is never mistaken for a live one. */
  note?: string;
}

/** Validate `--region`: every recon command needs one. */
export function requireRegion(opts: GlobalOptions): string {
  const region = opts.region?.trim();
  if (!region) {
    throw new InputError('--region is required: GPU sizes, prices and quota are per region', {
      suggestion: 'pass --region, e.g. --region eastus2 (or set AZURE_DEFAULTS_LOCATION)',
    });
  }
  const name = normalizeRegion(region);
  // ARM region names are letters and digits ("eastus2"); anything else would end up in a request path.
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    throw new InputError(`--region ${JSON.stringify(region)} is not valid: expected an Azure region name of letters and digits such as eastus2`, {
      code: 'UNKNOWN_REGION',
      suggestion: 'list the region names with: az account list-locations -o table',
    });
  }
  return name;
}

/** A region's sizes and quota from the chosen source, read in parallel. */
export interface RegionData extends ChosenSource {
  region: string;
  listing: SkuListing;
  quota: QuotaListing;
  /** What stderr must say about the answer's source: offline, incomplete exports. */
  notes: string[];
}

/** Choose the source, then read the region's SKUs and quota from it. */
export async function readRegion(opts: GlobalOptions, ctx: CliContext): Promise<RegionData> {
  const region = requireRegion(opts);
  const chosen = await chooseSource(opts, ctx);
  const [listing, quota] = await Promise.all([chosen.source.listSkus(region), chosen.source.listQuota(region)]);
  const notes = [...(chosen.note ? [chosen.note] : []), ...exportNotes(listing, quota)];
  return { ...chosen, region, listing, quota, notes };
}

/** A file that is visibly only part of a list is named, with how to get all of it. */
export function exportNotes(listing?: SkuListing, quota?: QuotaListing): string[] {
  const notes: string[] = [];
  if (listing?.export?.incomplete) {
    notes.push(`SKUs file "${listing.export.file}": ${listing.export.incomplete}; sizes missing from it are answered as unknown. az follows nextLink, so export all pages with: az vm list-skus --location ${listing.region} --all -o json`);
  }
  if (quota?.export?.incomplete) {
    notes.push(`Usage file "${quota.export.file}": ${quota.export.incomplete}; quotas missing from it are unknown. az follows nextLink, so export all pages with: az vm list-usage --location ${quota.region} -o json`);
  }
  return notes;
}

/** Files first, then live Azure (asked for, or configured), then the embedded catalog. */
export async function chooseSource(opts: GlobalOptions, ctx: CliContext): Promise<ChosenSource> {
  if (opts.offline && opts.live) throw new InputError('--offline and --live contradict each other; pass one of them');
  if (opts.live && (opts.skusFile !== undefined || opts.usageFile !== undefined)) {
    const flag = opts.skusFile !== undefined ? '--skus-file' : '--usage-file';
    throw new InputError(`--live and ${flag} contradict each other: --live reads Azure, ${flag} reads an exported file`, {
      suggestion: `pass one of them (with ${flag}, nothing is read from the network)`,
    });
  }
  if (opts.skusFile || opts.usageFile) return fileBacked(opts, ctx);
  const { catalogSource, CATALOG_DATE } = await import('../catalog/index.js');
  if (opts.offline) return { source: catalogSource(), note: offlineNote('--offline was given', CATALOG_DATE) };
  const azure = await import('../azure/index.js');
  const configured = azure.hasAzureConfig(ctx.env, homedir());
  if (!opts.live && !configured) {
    return { source: catalogSource(), note: offlineNote('no Azure subscription is configured (AZURE_SUBSCRIPTION_ID, or az login)', CATALOG_DATE) };
  }
  const sub = azure.resolveSubscription({ flag: opts.subscription, env: ctx.env, home: homedir() });
  if (!sub) {
    throw new InputError('--live needs a subscription: none was given and none is configured', {
      code: 'NO_CREDENTIALS',
      suggestion: 'pass --subscription with the id, set AZURE_SUBSCRIPTION_ID, or sign in with: az login',
    });
  }
  const credential = ctx.azure?.credential ?? (await azure.defaultCredential());
  const source = azure.liveSource({
    subscriptionId: sub.id,
    credential,
    endpoint: ctx.azure?.endpoint,
    tlsCa: ctx.azure?.tlsCa,
    maxRetries: ctx.azure?.maxRetries,
  });
  return { source: withProgress(source, sub.id, ctx), subscriptionId: sub.id };
}

/** Tell a person at a terminal what is being read from Azure while they wait. */
function withProgress(source: ReconSource, subscriptionId: string, ctx: CliContext): ReconSource {
  const say = ctx.progress;
  if (!say) return source;
  return {
    info: source.info,
    listSkus: (region) => {
      say(`reading Resource SKUs for ${region} from Azure (subscription ${subscriptionId})…`);
      return source.listSkus(region);
    },
    listQuota: (region) => {
      say(`reading Compute usages for ${region}…`);
      return source.listQuota(region);
    },
  };
}

function offlineNote(why: string, catalogDate: string): string {
  return `offline: ${why}; answering from the embedded catalog (facts read ${catalogDate}). Quota and restrictions are unknown offline.`;
}

/** Exported files answer what they hold; the catalog fills in SKUs when only a usage file is given. */
async function fileBacked(opts: GlobalOptions, ctx: CliContext): Promise<ChosenSource> {
  const { fileSource } = await import('../azure/index.js');
  const files = fileSource({ skusFile: opts.skusFile, usageFile: opts.usageFile, stdin: ctx.stdin });
  if (opts.skusFile) return { source: files };
  const { catalogSizesWithQuota } = await import('../catalog/index.js');
  return { source: catalogSizesWithQuota(files) };
}
