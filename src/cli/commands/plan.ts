import { Option } from 'commander';
import { InputError } from '../../errors.js';
import { normalizeRegion } from '../../model/names.js';
import type { PriceQuote, WorkloadRequest } from '../../model/workload-plan.js';
import type { RegionInput } from '../../plan/candidates.js';
import { GUARDRAIL_DEFAULTS, checkGuardrailOptions, type GuardrailOptions } from '../../plan/guardrails.js';
import type { RequestParts } from '../../plan/request.js';
import type { Reading } from '../../plan/words.js';
import type { CliContext, CommandResult, GlobalOptions } from '../context.js';
import { intFlag, positiveNumberFlag } from '../flags.js';
import { chooseSource, exportNotes, type ChosenSource } from '../source.js';
import { yamlFile } from './plan-files.js';
import { planText } from './plan-view.js';
import { priceLookup } from './price-lookup.js';
import type { CommandSpec } from './spec.js';

interface PlanOptions {
  gpus?: number;
  gpu?: string;
  interconnect?: string;
  scratch?: string;
  purpose?: string;
  hours?: number;
  days?: number;
  deadline?: string;
  spot?: boolean;
  request?: string;
  regions?: string;
  anyRegion?: boolean;
  owner?: string;
  costCenter?: string;
  shutdownTime: string;
  timezone: string;
  checkpointContainer: string;
  coolAfterDays: number;
  archiveAfterDays: number;
  deleteAfterDays: number;
}

/** Regions read at once in live mode: enough to hide latency, few enough not to be throttled. */
const REGION_CONCURRENCY = 4;
const PRICE_CONCURRENCY = 8;

/** Run `work` over `items` with at most `limit` in flight, keeping the order of the results. */
async function bounded<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Words, then the request file, then flags: a later one overrides an earlier one field by field. */
async function requestParts(args: string[], opts: PlanOptions & GlobalOptions, now: string): Promise<{ parts: RequestParts; reading: Reading[] | null }> {
  let parts: RequestParts = {};
  let reading: Reading[] | null = null;
  if (args.length > 0) {
    const [{ parseWords }, catalog] = await Promise.all([import('../../plan/words.js'), import('../../catalog/index.js')]);
    const gpuNames = catalog.gpuModels().flatMap((m) => [m.id, ...m.aliases]).map((n) => n.toLowerCase());
    const read = parseWords(args.join(' '), { now, gpuNames, regions: catalog.knownRegions() });
    parts = read.parts;
    reading = read.reading;
  }
  if (opts.request) {
    const { requestFromFile } = await import('../../plan/request.js');
    parts = { ...parts, ...requestFromFile(await yamlFile(opts.request, 'request file'), opts.request) };
  }
  if (opts.hours !== undefined && opts.days !== undefined) throw new InputError('--hours and --days both give the run length; pass one of them');
  const flags: RequestParts = {
    gpus: opts.gpus, gpu: opts.gpu, interconnect: opts.interconnect, scratch: opts.scratch, purpose: opts.purpose,
    hours: opts.hours ?? (opts.days === undefined ? undefined : opts.days * 24), region: opts.region, deadline: opts.deadline,
    spot: opts.spot,
  };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (parts as Record<string, unknown>)[k] = v;
  return { parts, reading };
}

/** The regions to compare: --any-region, --regions, or the one region of the request. */
async function regionsFor(opts: PlanOptions, parts: RequestParts, ctx: CliContext): Promise<string[]> {
  if (opts.anyRegion && opts.regions) throw new InputError('--any-region and --regions both choose regions; pass one of them');
  if (opts.anyRegion) return (await import('../../catalog/index.js')).knownRegions();
  const list = opts.regions ? opts.regions.split(',') : parts.regions;
  if (list) {
    const regions = [...new Set(list.map((r) => normalizeRegion(r)).filter(Boolean))];
    if (regions.length === 0) throw new InputError(`--regions "${opts.regions}" names no region; expected e.g. eastus2,westus3`);
    return regions;
  }
  const one = parts.region ?? ctx.env.AZURE_DEFAULTS_LOCATION;
  return one ? [normalizeRegion(one)] : [];
}

/** Read each region's sizes and quota from the chosen source (bounded, with progress), then price the candidates. */
async function readRegions(regions: string[], request: WorkloadRequest, chosen: ChosenSource, opts: PlanOptions & GlobalOptions, ctx: CliContext, notes: string[]): Promise<RegionInput[]> {
  const { candidateSkus } = await import('../../plan/candidates.js');
  const live = chosen.source.info.kind === 'live';
  const prices = await priceLookup({ offline: !live, live }, ctx);
  const today = (ctx.now ?? new Date().toISOString()).slice(0, 10);
  const read = await bounded(regions, REGION_CONCURRENCY, async (region, i) => {
    if (regions.length > 1) ctx.progress?.(`reading ${region} (${i + 1}/${regions.length})…`);
    try {
      const [listing, quota] = await Promise.all([chosen.source.listSkus(region), chosen.source.listQuota(region)]);
      return { region: listing.region, skus: listing.skus, usages: quota.usages, exportNotes: exportNotes(listing, quota) };
    } catch (err) {
      // With --any-region a region the source does not hold is skipped, and said; otherwise it is an error.
      if (opts.anyRegion && err instanceof InputError) return null;
      throw err;
    }
  });
  const held = read.filter((r): r is NonNullable<typeof r> => r !== null);
  // An export that is visibly one page of a list is said, as the recon commands say it.
  notes.push(...held.flatMap((r) => r.exportNotes));
  if (held.length < regions.length) notes.push(`${regions.length - held.length} of ${regions.length} regions were skipped: the source holds no data for them`);
  const out = await bounded(held, REGION_CONCURRENCY, async (r) => {
    const names = candidateSkus(request, r.skus, today).map((s) => s.name);
    const quotes = await bounded(names, PRICE_CONCURRENCY, (name) => prices.quote(name, r.region, request.spot ? 'spot' : 'payg'));
    return { region: r.region, skus: r.skus, usages: r.usages, prices: new Map<string, PriceQuote | null>(names.map((n, i) => [n, quotes[i]!])) };
  });
  notes.push(...prices.notes.filter((n) => !n.startsWith('offline:')));
  return out;
}

function guardrailOptions(opts: PlanOptions): GuardrailOptions {
  const g: GuardrailOptions = {
    owner: opts.owner?.trim() || null, costCenter: opts.costCenter?.trim() || null, shutdownTime: opts.shutdownTime, timezone: opts.timezone,
    checkpointContainer: opts.checkpointContainer, coolAfterDays: opts.coolAfterDays, archiveAfterDays: opts.archiveAfterDays, deleteAfterDays: opts.deleteAfterDays,
  };
  checkGuardrailOptions(g);
  return g;
}

/** `gpuops plan`: sizes, counts, cost, quota per candidate, what to file by when, and guardrails. */
export const planCommand: CommandSpec<PlanOptions> = {
  name: 'plan',
  args: '[request...]',
  summary: 'turn a GPU request (flags, a YAML file or plain words) into ranked VM candidates with cost, quota, the quota requests to file by when, and guardrails',
  recon: true,
  examples: [
    'gpuops plan --gpus 8 --gpu A100 --interconnect nvlink --scratch 2TB --purpose fine-tuning --hours 60 --region eastus2 --deadline 2026-12-02T09:00',
    'gpuops plan "8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday" --region eastus2',
    'gpuops plan --request request.yaml --any-region -o yaml > plan.yaml',
  ],
  options: (cmd) => {
    const days = (f: string, def: number) => new Option(`--${f} <days>`, `checkpoint lifecycle: ${f.replace(/-/g, ' ')}`).argParser(intFlag(`--${f}`, 1)).default(def);
    cmd
      .addOption(new Option('--gpus <n>', 'GPUs needed in all').argParser(intFlag('--gpus', 1)))
      .option('--gpu <model>', 'GPU model, e.g. A100, H100, a100-80gb')
      .option('--interconnect <kind>', 'any|nvlink|infiniband; nvlink puts all GPUs in one VM')
      .option('--scratch <size>', 'local NVMe per VM, e.g. 2TB (decimal) or 1.5TiB')
      .option('--purpose <p>', 'training|fine-tuning|inference')
      .addOption(new Option('--hours <h>', 'hours the VMs run').argParser(positiveNumberFlag('--hours', 87600)))
      .addOption(new Option('--days <d>', 'days the VMs run').argParser(positiveNumberFlag('--days', 3650)))
      .option('--deadline <time>', 'when the VMs must run, e.g. 2026-12-02T09:00 (UTC unless a zone is given)')
      .option('--spot', 'Spot VMs (lowPriorityCores quota, Spot prices)')
      .option('--request <file>', 'a YAML request file (same fields as the flags)')
      .option('--regions <list>', 'compare these regions, e.g. eastus2,westus3,swedencentral')
      .option('--any-region', 'compare every region the catalog knows')
      .option('--owner <name>', 'owner tag')
      .option('--cost-center <id>', 'cost-center tag')
      .option('--shutdown-time <HH:MM>', 'daily auto-shutdown time', GUARDRAIL_DEFAULTS.shutdownTime)
      .option('--timezone <tz>', 'time zone of the auto-shutdown', GUARDRAIL_DEFAULTS.timezone)
      .option('--checkpoint-container <name>', 'Blob container for checkpoints', GUARDRAIL_DEFAULTS.checkpointContainer)
      .addOption(days('cool-after-days', GUARDRAIL_DEFAULTS.coolAfterDays))
      .addOption(days('archive-after-days', GUARDRAIL_DEFAULTS.archiveAfterDays))
      .addOption(days('delete-after-days', GUARDRAIL_DEFAULTS.deleteAfterDays));
  },
  async run(args, opts, ctx: CliContext): Promise<CommandResult> {
    const now = ctx.now ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const g = guardrailOptions(opts);
    const { parts, reading } = await requestParts(args, opts, now);
    const regions = await regionsFor(opts, parts, ctx);
    const { buildRequest } = await import('../../plan/request.js');
    const request = buildRequest({ ...parts, region: opts.anyRegion ? 'any' : regions.join(',') || undefined }, now);
    const chosen = await chooseSource(opts, ctx);
    const notes = chosen.note ? [chosen.note] : [];
    const inputs = await readRegions(regions, request, chosen, opts, ctx, notes);
    const { makePlan } = await import('../../plan/plan.js');
    const info = chosen.source.info;
    const plan = makePlan({
      request, regions: inputs, now, subscriptionId: chosen.subscriptionId, guardrails: g, reading,
      source: `${info.detail}, facts read ${info.asOf}${info.kind === 'live' ? '; prices from the Azure Retail Prices API' : ''}`,
    });
    return { data: plan, table: () => planText(plan), notes, exitCode: plan.recommended ? 0 : 1 };
  },
};
