export { findGpu, gpuModel, gpuModels } from './gpus.js';
export { explain, glossary, searchGlossary, type GlossaryEntry } from './glossary.js';
export { catalogRegion, catalogSizesWithQuota, catalogSource, catalogVmSkus } from './offline-source.js';
export { CATALOG_DATE, knownRegions, normalizeRegion, priceFor, regionsOffering } from './prices.js';
export { parseSizeName, seriesFromName, type ParsedSizeName } from './size-name.js';
export { catalogSku, catalogSkus, skuNames, type CatalogSku } from './skus.js';
export { aliasesOf, canonicalSize, SIZE_ALIASES } from './aliases.js';
export { RETIREMENTS, retirementOf, type RetirementNotice } from './retirements.js';
export { withCatalogFacts, type ApiSkuFacts } from './merge.js';
