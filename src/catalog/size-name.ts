/** An Azure VM size name taken apart along Azure's naming convention. */
export interface ParsedSizeName {
  /** Canonical spelling with the `Standard_` prefix, e.g. "Standard_NC24ads_A100_v4". */
  name: string;
  /** Upper-case letters before the vCPU count: "NC", "ND", "NCC", "D". */
  family: string;
  /** Letters after the first family letter, as Azure's naming doc splits N + C; absent for one-letter families. */
  subfamily?: string;
  vcpus: number;
  /** The active vCPUs of a constrained size ("M416-208ms" -> 208). */
  constrainedVcpus?: number;
  /** Additive feature letters in order: a (AMD), d (local disk), i (isolated), s (premium storage), r (RDMA)... */
  features: string[];
  /** Accelerator token: "A100", "T4", "H100", "GB200", "RTXPRO6000BSE", "MA35D". */
  accelerator?: string;
  /** Other tokens: "NDR", "xl", "flex", "noIB", "Promo". */
  extras: string[];
  version?: number;
  /** Any N-series size, GPUs or not. */
  isNSeries: boolean;
  /** N-series minus the non-GPU accelerators: NP (FPGA) and NM (media accelerator). */
  isGpuFamily: boolean;
}

const SHAPE = /^(?:standard_)?([a-z]+)(\d+)(?:-(\d+))?([a-z]*)((?:_[a-z0-9]+)*)$/i;
const VERSION = /^v(\d{1,2})$/i;
// Lower-case input loses the case of these tokens; this restores the spelling Azure uses.
const EXTRA_SPELLING: Record<string, string> = { xl: 'xl', flex: 'flex', noib: 'noIB', ndr: 'NDR', promo: 'Promo' };
const NON_GPU_FAMILIES = ['NP', 'NM'];

interface Tokens {
  accelerator?: string;
  extras: string[];
  version?: number;
  /** The tokens in their original order and Azure's spelling, for the canonical name. */
  spelled: string[];
}

function readTokens(tokens: string[]): Tokens {
  const out: Tokens = { extras: [], spelled: [] };
  // Only a trailing v1..v99 is a version: "V620" in Standard_NG32adms_V620 is the accelerator.
  const version = VERSION.exec(tokens.at(-1) ?? '');
  const rest = version ? tokens.slice(0, -1) : tokens;
  for (const t of rest) {
    if (out.accelerator === undefined && /\d/.test(t)) {
      out.accelerator = t.toUpperCase();
      out.spelled.push(out.accelerator);
    } else {
      const word = EXTRA_SPELLING[t.toLowerCase()] ?? t;
      out.extras.push(word);
      out.spelled.push(word);
    }
  }
  if (version) {
    out.version = Number(version[1]);
    out.spelled.push(`v${out.version}`);
  }
  return out;
}

/** Parses "Standard_NC24ads_A100_v4" (any case, prefix optional); null when the text is not a size name. */
export function parseSizeName(input: string): ParsedSizeName | null {
  const m = SHAPE.exec(input.trim());
  if (!m || Number(m[2]) === 0) return null;
  const family = m[1]!.toUpperCase();
  const features = m[4]!.toLowerCase().split('').filter(Boolean);
  const t = readTokens(m[5] ? m[5].slice(1).split('_') : []);
  const constrained = m[3] === undefined ? '' : `-${Number(m[3])}`;
  const parsed: ParsedSizeName = {
    name: `Standard_${family}${Number(m[2])}${constrained}${features.join('')}${t.spelled.map((x) => `_${x}`).join('')}`,
    family,
    vcpus: Number(m[2]),
    features,
    extras: t.extras,
    isNSeries: family.startsWith('N'),
    isGpuFamily: family.startsWith('N') && !NON_GPU_FAMILIES.some((f) => family.startsWith(f)),
  };
  if (family.length > 1) parsed.subfamily = family.slice(1);
  if (m[3] !== undefined) parsed.constrainedVcpus = Number(m[3]);
  if (t.accelerator !== undefined) parsed.accelerator = t.accelerator;
  if (t.version !== undefined) parsed.version = t.version;
  return parsed;
}

/** A series label for a size the catalog lacks: "NC_A100_v4", "NCv3", "NC_Promo"; the bare name if unparsable. */
export function seriesFromName(name: string): string {
  const p = parseSizeName(name);
  if (!p) return name.trim().replace(/^standard_/i, '');
  const version = p.version === undefined ? '' : `v${p.version}`;
  if (p.accelerator) return `${p.family}_${p.accelerator}${version ? `_${version}` : ''}`;
  if (p.extras.includes('Promo')) return `${p.family}_Promo`;
  return `${p.family}${version}`;
}
