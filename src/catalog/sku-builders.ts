import { oneGpuOrLess } from '../model/sku.js';
import { aliasesOf } from './aliases.js';
import { gpuModel } from './gpus.js';
import { RESOURCE_SKUS, RESOURCE_SKUS_AS_OF } from './resource-sku-data.js';
import { retirementOf } from './retirements.js';
import { CATALOG_DATE } from './provenance.js';
import { parseSizeName, seriesFromName } from './size-name.js';
import type { CatalogSku } from './skus.js';

/** What every size of a series shares. `gpu` is a GpuModel id, or the name's token when only the name tells. */
export interface SeriesFacts {
  series: string;
  quotaFamily: string | null;
  quotaName: string | null;
  gpu: string | null;
  infiniband: boolean | null;
  nvlink: boolean | null;
  interconnectNote?: string;
  retirement?: string;
  factsFrom: string;
}

/** [name, GPUs per VM, vCPUs, RAM GiB, temp disk GiB, NVMe GiB]; null = not stated. */
export type Row = readonly [string, number | null, number | null, number | null, number | null, number | null];

/** Per-size facts that differ from the series: a GPU slice, a flag a capture states, another source. */
export interface SizeExtra {
  /** A partitioned GPU: its label ("1/6") and the slice's memory in GiB. */
  slice?: readonly [string, number];
  lowPriorityCapable?: boolean;
  infiniband?: boolean;
  interconnectNote?: string;
  retirement?: string;
  factsFrom?: string;
  /** A slice of a GPU whose fraction no source states: the count stays unknown whatever the API rounds it to. */
  partitioned?: boolean;
}

// Entries whose GPU is a slice of unknown size; withApiFacts leaves their count unknown.
const partitioned = new WeakSet<CatalogSku>();

function gpuOf(model: string | null, count: number | null, extra: SizeExtra | undefined): CatalogSku['gpu'] {
  if (extra?.slice) {
    const [fraction, sliceGiB] = extra.slice;
    return { model, count, memoryGiB: sliceGiB, totalMemoryGiB: sliceGiB, fraction };
  }
  const perGpu = model === null ? null : (gpuModel(model)?.memoryGiB ?? null);
  const total = perGpu !== null && count !== null ? perGpu * count : null;
  return { model, count, memoryGiB: perGpu, totalMemoryGiB: total };
}

/** The catalog entries of one series, from its shared facts and one row per size. */
export function series(facts: SeriesFacts, rows: readonly Row[], extras: Record<string, SizeExtra> = {}): CatalogSku[] {
  return rows.map(([name, count, vcpus, memoryGiB, tempDiskGiB, nvmeGiB]) => {
    const extra = extras[name];
    const sku: CatalogSku = {
      name,
      series: facts.series,
      quotaFamily: facts.quotaFamily,
      quotaName: facts.quotaName,
      gpu: gpuOf(facts.gpu, count, extra),
      vcpus,
      memoryGiB,
      tempDiskGiB,
      nvmeGiB,
      infiniband: extra?.infiniband ?? facts.infiniband,
      nvlink: facts.nvlink,
      lowPriorityCapable: extra?.lowPriorityCapable ?? null,
      factsFrom: extra?.factsFrom ?? facts.factsFrom,
    };
    const note = extra?.interconnectNote ?? facts.interconnectNote;
    if (note) sku.interconnectNote = note;
    const retirement = extra?.retirement ?? facts.retirement;
    if (retirement) sku.retirement = retirement;
    if (extra?.partitioned) partitioned.add(sku);
    return sku;
  });
}

/** What a variant keeps from its twin: the hardware. Never its quota family, flags or retirement. */
export interface TwinFacts {
  why: string;
  infiniband: boolean | null;
  interconnectNote?: string;
  series?: string;
}

/** A size Azure prices but the docs do not describe, with the hardware of the size it is a variant of. */
export function twin(name: string, of: CatalogSku, facts: TwinFacts): CatalogSku {
  const sku: CatalogSku = {
    ...of,
    name,
    series: facts.series ?? of.series,
    quotaFamily: null,
    quotaName: null,
    gpu: { ...of.gpu },
    infiniband: facts.infiniband,
    lowPriorityCapable: null,
    factsFrom: `catalog ${CATALOG_DATE} (derived from twin ${of.name}, ${facts.why}; own quota family unknown)`,
  };
  delete sku.retirement;
  delete sku.retirementSource;
  delete sku.aliases;
  delete sku.interconnectNote;
  if (facts.interconnectNote) sku.interconnectNote = facts.interconnectNote;
  return sku;
}

/**
 * Sizes known only by name (and, where given, SkyPilot's vCPUs/RAM): the GPU model is the name's
 * accelerator token, GPU count and memory stay unknown.
 */
export function nameOnly(sizes: readonly (string | readonly [string, number, number])[], factsFrom: string, gpu?: string): CatalogSku[] {
  return sizes.map((entry) => {
    const [name, vcpus, memoryGiB] = typeof entry === 'string' ? [entry, null, null] : entry;
    const parsed = parseSizeName(name);
    return {
      name,
      series: seriesFromName(name),
      quotaFamily: null,
      quotaName: null,
      gpu: { model: gpu ?? parsed?.accelerator ?? null, count: null, memoryGiB: null, totalMemoryGiB: null },
      vcpus: vcpus ?? parsed?.vcpus ?? null,
      memoryGiB,
      tempDiskGiB: null,
      nvmeGiB: null,
      infiniband: null,
      nvlink: null,
      lowPriorityCapable: null,
      factsFrom,
    };
  });
}

/**
 * Facts that hold for every entry, applied once: a VM with at most one GPU has no NVLink peer
 * (`nvlink: false`); a size a retirement notice names carries its date and source; a size the
 * price sheet also names otherwise carries that alias.
 */
export function finish(entries: readonly CatalogSku[]): CatalogSku[] {
  return entries.map((entry) => {
    const sku: CatalogSku = { ...entry, gpu: { ...entry.gpu } };
    withApiFacts(sku, partitioned.has(entry));
    if (oneGpuOrLess(sku.gpu)) sku.nvlink = false;
    const notice = retirementOf(sku.name);
    if (notice) {
      sku.retirement = notice.date;
      sku.retirementSource = notice.source;
    }
    const aliases = aliasesOf(sku.name);
    if (aliases.length > 0) sku.aliases = aliases;
    return sku;
  });
}

/**
 * The Resource SKUs API's own values win over docs and name-derived ones: its `family` string, vCPUs,
 * MemoryGB and GPUs. Where the API and another source differ, `factsFrom` says which is shown and
 * names the other. A partitioned GPU keeps its fraction: the API rounds a slice up to "1".
 */
function withApiFacts(sku: CatalogSku, slice: boolean): void {
  const api = RESOURCE_SKUS[sku.name];
  if (!api) return;
  const facts = ['family', 'vCPUs', 'RAM'];
  const differs: string[] = [];
  sku.quotaFamily = api.family;
  // The API's family replaces what other sources said of it.
  sku.factsFrom = sku.factsFrom.replace("; family as SkyPilot's Azure fetcher records it", '').replace('; own quota family unknown', '');
  if (sku.vcpus !== null && sku.vcpus !== api.vcpus) differs.push(`vCPUs: ${api.vcpus} from the API shown, ${sku.vcpus} from the earlier source`);
  sku.vcpus = api.vcpus;
  if (sku.memoryGiB !== null && sku.memoryGiB !== api.memoryGB) differs.push(`RAM: the API's MemoryGB ${api.memoryGB} shown; the docs say ${sku.memoryGiB}`);
  sku.memoryGiB = api.memoryGB;
  if (api.gpus !== null) {
    if (sku.gpu.fraction !== undefined) {
      differs.push(`GPUs: the API says ${api.gpus}, the docs ${sku.gpu.fraction} of a GPU; the fraction is shown`);
    } else if (slice) {
      differs.push(`GPUs: the API says ${api.gpus}, which it also says for a slice of a GPU; the count stays unknown`);
    } else {
      if (sku.gpu.count !== null && sku.gpu.count !== api.gpus) differs.push(`GPUs: the API's ${api.gpus} shown; the docs say ${sku.gpu.count}`);
      sku.gpu.count = api.gpus;
      sku.gpu.totalMemoryGiB = sku.gpu.memoryGiB === null ? null : sku.gpu.memoryGiB * api.gpus;
      facts.push('GPUs');
    }
  }
  sku.factsFrom += `; ${facts.join(', ')} from the Resource SKUs API (${RESOURCE_SKUS_AS_OF})${differs.length > 0 ? `; ${differs.join('; ')}` : ''}`;
}
