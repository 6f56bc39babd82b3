// Retirement dates of GPU size series, each from Microsoft's own notice (read 2026-11-27). A size
// retired on or before "today" cannot be deployed again; can-deploy answers RETIRED and `skus`
// hides it unless --all.
import { sizeKey } from '../model/names.js';

/** A retirement notice: the sizes it names, the date they retire, where it is written. */
export interface RetirementNotice {
  series: string;
  sizes: readonly string[];
  /** ISO date of the retirement. */
  date: string;
  source: string;
  /** ISO date the notice was read. */
  read: string;
}

const READ = '2026-11-27';
const GUIDES = 'https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/sizes/migration-guides';
const RETIRED_LIST =
  'https://github.com/MicrosoftDocs/azure-compute-docs/blob/0bdc5d34816015bdd15b875af50762d68a532ff1/articles/virtual-machines/sizes/retirement/retired-sizes-list.md';

export const RETIREMENTS: readonly RetirementNotice[] = [
  {
    series: 'NC and NC_Promo (NVIDIA Tesla K80)', date: '2023-09-06', read: READ,
    source: `Microsoft Learn "Migrate your NC and NC_Promo series virtual machines by September 6, 2023" (${GUIDES}/nc-series-retirement.md)`,
    sizes: ['NC6', 'NC12', 'NC24', 'NC24r', 'NC6_Promo', 'NC12_Promo', 'NC24_Promo', 'NC24r_Promo'],
  },
  {
    series: 'NV and NV_Promo (NVIDIA Tesla M60)', date: '2023-09-06', read: READ,
    source: `Microsoft Learn "NV series retirement starting September 6, 2023" (${GUIDES}/nv-series-retirement.md); a 2023 Resource SKU capture of NV6 gave RetirementDateUtc 08/31/2023, before the extension`,
    sizes: ['NV6', 'NV12', 'NV24', 'NV6_Promo', 'NV12_Promo', 'NV24_Promo'],
  },
  {
    series: 'NCv2 (NVIDIA Tesla P100)', date: '2023-09-06', read: READ,
    source: `Microsoft Learn "Migrate your NCv2 series virtual machines by September 6, 2023" (${GUIDES}/ncv2-series-retirement.md)`,
    sizes: ['NC6s_v2', 'NC12s_v2', 'NC24s_v2', 'NC24rs_v2'],
  },
  {
    series: 'ND (NVIDIA Tesla P40)', date: '2023-09-06', read: READ,
    source: `Microsoft Learn "Migrate your ND series virtual machines by September 6, 2023" (${GUIDES}/nd-series-retirement.md)`,
    sizes: ['ND6s', 'ND12s', 'ND24s', 'ND24rs'],
  },
  {
    series: 'NCv3 (NVIDIA Tesla V100)', date: '2025-09-30', read: READ,
    source: `Microsoft Learn "Retired Azure VM size series", NCv3-Series and NCv3-NC24rs: Retired 30/9/25 (${RETIRED_LIST})`,
    sizes: ['NC6s_v3', 'NC12s_v3', 'NC24s_v3', 'NC24rs_v3'],
  },
  {
    series: 'NVv3 (NVIDIA Tesla M60)', date: '2026-09-30', read: READ,
    source: `Microsoft Learn "Retired Azure VM size series", NVv3-series: planned retirement 09/30/26, announced 04/15/26 (${RETIRED_LIST})`,
    sizes: ['NV12s_v3', 'NV24s_v3', 'NV48s_v3'],
  },
  {
    series: 'NVv4 (AMD Radeon Instinct MI25)', date: '2026-09-30', read: READ,
    source: `Microsoft Learn "Retired Azure VM size series", NVv4-series: planned retirement 09/30/26, announced 04/15/26 (${RETIRED_LIST})`,
    sizes: ['NV4as_v4', 'NV8as_v4', 'NV16as_v4', 'NV32as_v4'],
  },
];

let bySize: Map<string, RetirementNotice> | undefined;

/** The retirement notice naming a size, if any (case-insensitive; the `Standard_` prefix may be left out). */
export function retirementOf(name: string): RetirementNotice | undefined {
  bySize ??= new Map(RETIREMENTS.flatMap((n) => n.sizes.map((s) => [sizeKey(s), n] as const)));
  return bySize.get(sizeKey(name));
}

/** Is the size retired on `today` (ISO date) by its own date? */
export function isRetired(retirement: string | undefined, today: string | undefined): boolean {
  return retirement !== undefined && today !== undefined && retirement <= today;
}
