export { findGpu, gpuModel, gpuModels } from './gpus.js';
export { explain, glossary, searchGlossary, type GlossaryEntry } from './glossary.js';
export { catalogRegion, catalogSource, catalogVmSkus } from './offline-source.js';
export { CATALOG_DATE, knownRegions, normalizeRegion, priceFor, regionsOffering } from './prices.js';
export { parseSizeName, seriesFromName, type ParsedSizeName } from './size-name.js';
export { catalogSku, catalogSkus, skuNames, type CatalogSku } from './skus.js';
