/** Date the embedded facts were read: the Retail Prices snapshot and the size docs it was checked against. */
export const CATALOG_DATE = '2026-06-18';

/** Pay-as-you-go price source (Karpenter's generated table of the Azure Retail Prices API). */
export const PAYG_SOURCE = `Azure Retail Prices API (Linux pay-as-you-go, read ${CATALOG_DATE})`;

/** Spot price source; SkyPilot's catalog carries no date, so its spot prices may be older than PAYG. */
export const SPOT_SOURCE = 'SkyPilot catalog v6 (azure/vms.csv; undated, US regions only)';

/** Hardware facts from the Microsoft Learn GPU size pages (azure-compute-docs and older azure-docs). */
export const DOCS = `catalog ${CATALOG_DATE} (Microsoft Learn GPU size docs)`;

/** Facts from SkyPilot's catalog only: GPU model and count, vCPUs, RAM. */
export const SKYPILOT = `catalog ${CATALOG_DATE} (SkyPilot catalog v6, undated: GPU model/count, vCPUs, RAM)`;
