// The gpuops library: the same engines the CLI uses, without the CLI.
export { canDeploy, QUOTA_LEAD_TIME, type DeployAnswer, type DeployQuestion, type QuotaRequest, type Reason, type ReasonCode } from './recon/can-deploy.js';
export { findUsage, gpuQuota } from './recon/quota.js';
export { recon, type ReconReport } from './recon/report.js';
export { filterSkus, gpuMatches, isGpuSku, sortSkus, totalVram, type SkuFilter, type SkuSort } from './recon/skus.js';
export {
  CATALOG_DATE, catalogSku, catalogSkus, catalogSource, explain, findGpu, glossary, gpuModel, gpuModels,
  knownRegions, parseSizeName, priceFor, regionsOffering, searchGlossary, skuNames,
  type CatalogSku, type GlossaryEntry, type ParsedSizeName,
} from './catalog/index.js';
export { fileSource, liveSource, resolveSubscription, toQuotaUsage, toVmSku, type LiveSourceOptions } from './azure/index.js';
export { GpuopsError, InputError, RemoteError } from './errors.js';
export { normalizeFamily, type QuotaUsage } from './model/quota.js';
export type { GpuModel, Restriction, SkuGpu, SkuPrice, VmSku } from './model/sku.js';
export type { ReconSource, SkuListing, QuotaListing, SourceInfo } from './model/source.js';
export { main } from './cli/main.js';

/** The embedded catalog as a ReconSource (alias of catalogSource). */
export { catalogSource as loadCatalog } from './catalog/index.js';
export { startMockLlm, type MockLlm, type MockRequestRecord } from './observe/mock/server.js';
export type { MockLlmOptions, MockFaults, TokenCount } from './observe/mock/options.js';
export { runBench, type BenchConfig, type BenchRun, type BenchStage } from './observe/bench/run.js';
export { benchJson, type BenchJson } from './observe/bench/contract.js';
export { compareStages, type Delta } from './observe/bench/compare.js';
export { DEFINITIONS as BENCH_DEFINITIONS, type BenchSummary, type Slo } from './observe/bench/summary.js';
export { openHistory, type History, type StoredRun } from './store/history.js';
