import { InputError } from '../errors.js';
import type { RequestParts } from './request.js';

/** How one part of the words was read. */
export interface Reading {
  text: string;
  meaning: string;
}

/** What the rules need to know besides the words. */
export interface WordsContext {
  /** ISO date-time the relative days ("Wednesday", "tomorrow") resolve against. */
  now: string;
  /** GPU names to recognise ("a100", "h100", "mi300x"). */
  gpuNames: readonly string[];
  /** ARM region names to recognise ("eastus2"). */
  regions: readonly string[];
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const FILLER = new Set(['a', 'an', 'the', 'with', 'and', 'of', 'for', 'by', 'we', 'need', 'i', 'please', 'vm', 'vms', 'gpu', 'gpus', 'to', 'on', 'some', 'job', 'run', 'in', 'at', 'local', 'our', 'us', 'can', 'you', 'get', 'want', 'nvme', 'scratch', 'disk', 'ssd']);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolve "by Wednesday [9am]", "by tomorrow", "by 2026-12-02" against `now`; UTC, 09:00 unless a time is said. */
function deadlineFrom(day: string, hour: string | undefined, minute: string | undefined, ampm: string | undefined, now: string): string {
  const base = new Date(now);
  let date: Date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    date = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) throw new InputError(`the date "${day}" in the request is not a calendar date`);
  } else {
    const today = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate()));
    const ahead = day === 'today' ? 0 : day === 'tomorrow' ? 1 : ((DAYS.indexOf(day) - today.getUTCDay() + 7) % 7) || 7;
    date = new Date(today.getTime() + ahead * 86400_000);
  }
  let h = hour === undefined ? 9 : Number(hour);
  if (ampm && (h < 1 || h > 12)) throw new InputError(`the time "${hour}${ampm}" in the request is not a time of day`);
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  const m = minute === undefined ? 0 : Number(minute);
  if (h > 23 || m > 59) throw new InputError(`the time "${hour}:${minute ?? '00'}" in the request is not a time of day`);
  return new Date(date.getTime() + (h * 60 + m) * 60_000).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Read a request in plain words with simple, tested rules (no model): a GPU count and name, NVLink or
 * InfiniBand, scratch storage, purpose, run length, deadline, region, Spot. Each rule that fires says
 * what it read; words no rule read are listed as ignored.
 */
export function parseWords(words: string, ctx: WordsContext): { parts: RequestParts; reading: Reading[] } {
  let rest = ` ${words.toLowerCase().replace(/[,;!?]+/g, ' ')} `;
  const parts: RequestParts = {};
  const reading: Reading[] = [];
  const rule = (re: RegExp, apply: (m: RegExpExecArray) => string): void => {
    const m = re.exec(rest);
    if (!m) return;
    reading.push({ text: m[0].trim(), meaning: apply(m) });
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
  };
  const gpuAlt = [...ctx.gpuNames].sort((a, b) => b.length - a.length).map(escape).join('|');
  rule(new RegExp(`\\b(\\d+)\\s*(?:x\\s*|×\\s*)?(?:nvidia\\s+|amd\\s+)?(${gpuAlt})\\b(?:\\s*gpus?\\b)?`), (m) => {
    parts.gpus = Number(m[1]);
    parts.gpu = m[2]!;
    return `gpus: ${parts.gpus}, gpu: ${parts.gpu}`;
  });
  if (parts.gpus !== undefined && new RegExp(`\\b\\d+\\s*(?:x\\s*)?(?:${gpuAlt})\\b`).test(rest)) {
    throw new InputError(`"${words.trim()}" names more than one GPU count; say one, e.g. "8 A100 GPUs"`);
  }
  if (parts.gpus === undefined) rule(/\b(\d+)\s*gpus?\b/, (m) => `gpus: ${(parts.gpus = Number(m[1]))} (any GPU model)`);
  rule(/\bnv-?link\b/, () => `interconnect: ${(parts.interconnect = 'nvlink')} (all GPUs in one NVLink domain: one VM)`);
  if (!parts.interconnect) rule(/\b(infiniband|rdma)\b/, () => `interconnect: ${(parts.interconnect = 'infiniband')}`);
  rule(/\b(\d+(?:\.\d+)?)\s*(tb|tib|gb|gib)\b(?:\s+(?:of\s+)?(?:local\s+)?(?:nvme|scratch|ssd|disk)\b)?(?:\s+(?:nvme|scratch)\b)?/, (m) => {
    parts.scratch = `${m[1]}${m[2]}`;
    return `scratch: ${parts.scratch} of local NVMe per VM`;
  });
  rule(/\b(fine[- ]?tun(?:e|es|ed|ing)|train(?:ing)?|inference|serving)\b/, (m) => {
    parts.purpose = m[1]!.startsWith('fine') ? 'fine-tuning' : m[1]!.startsWith('train') ? 'training' : 'inference';
    return `purpose: ${parts.purpose}`;
  });
  rule(/\bfor\s+(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|days?|d)\b/, (m) => {
    parts.hours = Number(m[1]) * (m[2]!.startsWith('d') ? 24 : 1);
    return `hours: ${parts.hours}`;
  });
  const dayAlt = ['today', 'tomorrow', ...DAYS, '\\d{4}-\\d{2}-\\d{2}'].join('|');
  rule(new RegExp(`\\b(?:by|before|until)\\s+(?:next\\s+)?(${dayAlt})\\b(?:\\s+(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)\\b|\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})\\b)?`), (m) => {
    const hour = m[2] ?? m[5];
    parts.deadline = deadlineFrom(m[1]!, hour, m[3] ?? m[6], m[4], ctx.now);
    const day = /^(\d|today|tomorrow)/.test(m[1]!) ? m[1]! : `the next ${m[1]} after ${ctx.now.slice(0, 10)}`;
    return `deadline: ${parts.deadline} (${day}, ${hour === undefined ? '09:00' : 'at the time said'}, UTC)`;
  });
  if (ctx.regions.length > 0) {
    rule(new RegExp(`\\b(${[...ctx.regions].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`), (m) => `region: ${(parts.region = m[1]!)}`);
  }
  rule(/\b(spot|low[- ]priority)\b/, () => `spot: ${(parts.spot = true)}`);
  const ignored = rest.split(/\s+/).filter((w) => w && !FILLER.has(w));
  if (ignored.length > 0) reading.push({ text: ignored.join(' '), meaning: 'not read by any rule (ignored)' });
  if (parts.gpus === undefined) {
    throw new InputError(`no GPU count found in "${words.trim()}"`, { suggestion: 'say it like "8 A100 GPUs with NVLink for fine-tuning by Wednesday", or pass --gpus 8 --gpu A100' });
  }
  return { parts, reading };
}
