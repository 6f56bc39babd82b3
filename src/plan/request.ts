import { z } from 'zod';
import { gpuModels } from '../catalog/gpus.js';
import { catalogSkus } from '../catalog/skus.js';
import { InputError, nearest } from '../errors.js';
import { gpuModelMatches } from '../recon/skus.js';
import { normalizeRegion } from '../model/names.js';
import { INTERCONNECTS, PURPOSES, type Interconnect, type Purpose, type WorkloadRequest } from '../model/workload-plan.js';

/** A request as given, before validation: every field optional, strings as typed. */
export interface RequestParts {
  gpus?: number;
  gpu?: string;
  interconnect?: string;
  scratch?: string;
  purpose?: string;
  hours?: number;
  region?: string;
  regions?: string[];
  deadline?: string;
  spot?: boolean;
}

const GB = 1e9;
const GIB = 1024 ** 3;

/** "2TB", "2 TB", "1.5TiB", "500GB", "960 GiB" -> GiB. TB and GB are decimal (as Azure's NVMe docs give them). */
export function parseStorage(text: string, input = '--scratch'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(tb|tib|gb|gib)\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(n) || n <= 0) {
    throw new InputError(`${input} "${text}" is not valid: expected a size such as 2TB, 1.5TiB or 960GB`);
  }
  const unit = m[2]!.toLowerCase();
  const bytes = unit === 'tb' ? n * 1000 * GB : unit === 'gb' ? n * GB : unit === 'tib' ? n * 1024 * GIB : n * GIB;
  return Math.round((bytes / GIB) * 100) / 100;
}

/**
 * "2026-12-02T09:00", "2026-12-02 09:00", "2026-12-02" (09:00) or with a zone ("…Z", "+02:00") -> ISO
 * UTC. A time without a zone is UTC; the plan shows the UTC time it read.
 */
export function parseDeadline(text: string, input = '--deadline'): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?\s*(Z|[+-]\d{2}:\d{2})?\s*$/i.exec(text);
  const iso = m ? `${m[1]}T${m[2] ?? '09:00'}:00${m[3] ?? 'Z'}` : '';
  const t = Date.parse(iso);
  // Date.parse rolls a day the month lacks over (02-30 -> 03-02): the calendar date is checked apart from the zone.
  const realDay = m !== null && new Date(Date.parse(`${m[1]}T00:00:00Z`) || 0).toISOString().slice(0, 10) === m[1];
  if (!m || !realDay || Number.isNaN(t)) {
    throw new InputError(`${input} "${text}" is not valid: expected a date and time such as 2026-12-02T09:00 (UTC unless a zone is given)`);
  }
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/** The YAML request file: the same fields as the flags. */
export const RequestFileSchema = z.object({
  gpus: z.number().int().positive().max(4096),
  gpu: z.string().min(1).optional(),
  interconnect: z.enum(INTERCONNECTS).optional(),
  scratch: z.union([z.string(), z.number().positive().transform((n) => `${n}GiB`)]).optional(),
  purpose: z.enum(PURPOSES).optional(),
  hours: z.number().positive().max(87600).optional(),
  region: z.string().min(1).optional(),
  regions: z.array(z.string().min(1)).min(1).optional(),
  deadline: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
  spot: z.boolean().optional(),
}).strict();

/** Validate a parsed request file; InputError naming each bad field. */
export function requestFromFile(doc: unknown, file: string): RequestParts {
  const r = RequestFileSchema.safeParse(doc);
  if (!r.success) {
    const fields = r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new InputError(`request file ${file} is not valid: ${fields.join('; ')}`, {
      suggestion: 'expected e.g. { gpus: 8, gpu: A100, interconnect: nvlink, scratch: 2TB, purpose: fine-tuning, hours: 60, region: eastus2, deadline: 2026-12-02T09:00 }',
    });
  }
  return r.data as RequestParts;
}

/** A GPU model no catalog model matches is bad input, not an empty plan. */
function checkGpuModel(query: string): void {
  // The GPU models of the catalog, and those sizes name that no model entry describes (V710, GB300...).
  const ids = [...new Set([...gpuModels().map((m) => m.id), ...catalogSkus().flatMap((s) => (s.gpu.model ? [s.gpu.model] : []))])];
  if (ids.some((id) => gpuModelMatches(id, query))) return;
  throw new InputError(`--gpu "${query}" matches no GPU model the catalog knows`, {
    suggestion: `did you mean ${nearest(query, ids).join(', ')}? (models: ${ids.join(', ')})`,
  });
}

/** A complete, checked request; the deadline must lie after `now`. */
export function buildRequest(p: RequestParts, now: string): WorkloadRequest {
  if (p.gpus === undefined) {
    throw new InputError('the request names no GPU count', { suggestion: 'pass --gpus N (e.g. --gpus 8 --gpu A100), a request file with gpus:, or words like "8 A100 GPUs"' });
  }
  if (!Number.isInteger(p.gpus) || p.gpus < 1 || p.gpus > 4096) throw new InputError(`--gpus ${p.gpus} is not valid: expected a whole number from 1 to 4096`);
  if (p.gpu !== undefined && p.gpu.trim() === '') throw new InputError('--gpu is empty; pass a GPU model such as A100 or H100, or leave it out for any GPU');
  if (p.gpu !== undefined) checkGpuModel(p.gpu.trim());
  const region = p.region ?? p.regions?.[0];
  if (!region) throw new InputError('--region is required: pass --region eastus2, --regions a,b,c or --any-region');
  const interconnect = (p.interconnect ?? 'any').toLowerCase() as Interconnect;
  if (!INTERCONNECTS.includes(interconnect)) throw new InputError(`--interconnect "${p.interconnect}" is not valid: expected one of ${INTERCONNECTS.join(', ')}`);
  const purpose = p.purpose === undefined ? null : (p.purpose.toLowerCase() as Purpose);
  if (purpose !== null && !PURPOSES.includes(purpose)) throw new InputError(`--purpose "${p.purpose}" is not valid: expected one of ${PURPOSES.join(', ')}`);
  if (p.hours !== undefined && !(Number.isFinite(p.hours) && p.hours > 0 && p.hours <= 87600)) {
    throw new InputError(`--hours ${p.hours} is not valid: expected a number above 0 and at most 87600`);
  }
  const deadline = p.deadline === undefined ? null : parseDeadline(p.deadline);
  if (deadline !== null && Date.parse(deadline) <= Date.parse(now)) {
    throw new InputError(`the deadline ${deadline} is already past (now ${now})`, { code: 'DEADLINE_PASSED', suggestion: 'pass a future --deadline, e.g. three days from now' });
  }
  return {
    gpus: p.gpus, gpu: p.gpu?.trim() ?? null, interconnect, scratchGiB: p.scratch === undefined ? null : parseStorage(p.scratch),
    purpose, hours: p.hours ?? null, region: normalizeRegion(region), deadline, spot: p.spot ?? false,
  };
}
