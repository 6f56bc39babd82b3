// The gpuops library: the same engines the CLI uses, without the CLI.
export {
  canDeploy, notOffered, quotaRequest, QUOTA_LEAD_TIME,
  type DeployAnswer, type DeployQuestion, type NotOfferedQuestion, type QuotaRequest, type QuotaRequestBody, type QuotaResourceType,
  type Reason, type ReasonCode,
} from './recon/can-deploy.js';
export { findUsage, gpuQuota } from './recon/quota.js';
export { recon, type ReconReport } from './recon/report.js';
export { filterSkus, gpuMatches, hiddenRetired, isGpuSku, isRetiredOn, sortSkus, totalVram, type SkuFilter, type SkuSort } from './recon/skus.js';
export {
  CATALOG_DATE, catalogSku, catalogSkus, catalogSource, explain, findGpu, glossary, gpuModel, gpuModels,
  knownRegions, parseSizeName, priceFor, regionsOffering, searchGlossary, skuNames,
  canonicalSize, aliasesOf, RETIREMENTS, retirementOf,
  type CatalogSku, type GlossaryEntry, type ParsedSizeName, type RetirementNotice,
} from './catalog/index.js';
export { fileSource, liveSource, resolveSubscription, toQuotaUsage, toVmSku, type LiveSourceOptions } from './azure/index.js';
export { GpuopsError, InputError, RemoteError } from './errors.js';
export { normalizeFamily, type QuotaUsage } from './model/quota.js';
export type { GpuModel, Restriction, SkuGpu, SkuPrice, VmSku } from './model/sku.js';
export { startExporter, type ExporterOptions, type RunningExporter } from './observe/exporter/server.js';
export { renderExposition, type ExporterSnapshot } from './observe/exporter/exposition.js';
export { parseQueryCsv, type GpuReading } from './observe/exporter/query-csv.js';
export { parseSmiXml, type XmlGpu } from './observe/exporter/query-xml.js';
export { DCGM_METRICS, QUERY_FIELDS } from './observe/exporter/fields.js';
export { prometheusRules, ALERT_NAMES, RECORDING_RULES, type RuleFile } from './observe/alerts/prometheus-rules.js';
export { DEFAULT_THRESHOLDS, type Thresholds } from './observe/alerts/thresholds.js';
export { metricAlerts, terraformAlerts, bicepAlerts, type MetricAlertSpec } from './observe/alerts/azure-monitor.js';
export { parseAccountScope, type AccountScope } from './observe/alerts/scope.js';
export { grafanaDashboard } from './observe/alerts/grafana.js';
export {
  audit, DEFAULT_CONFIG, defineRule, embeddedCatalog, RULES, withDefaults,
  type AuditOptions, type GuardCatalog, type GuardConfig, type GuardConfigFile, type Rule, type Waiver,
} from './guard/index.js';
export {
  emptyInventory, idKey, InventorySchema,
  type AiAccount, type Budget, type GpuHost, type Inventory, type InventoryResource, type Lock, type MetricSeries, type Nic, type NodePool,
  type Nsg, type PrivateEndpoint, type PublicIp, type ResourceKind, type Schedule, type Storage, type Vm, type Vmss,
} from './model/inventory.js';
export { SEVERITIES, type AuditReport, type Finding, type Remediation, type Severity } from './model/finding.js';
export { generate, buildStack, terraformFiles, bicepFiles, AZURERM_VERSION, type Generated } from './provision/generate.js';
export { driverPath, DRIVER_SOURCE, type DriverPath, type NoDriverPath } from './provision/drivers.js';
export { preflight, type PreflightResult } from './provision/preflight.js';
export { selfCheck, type SelfCheck } from './provision/self-check.js';
export { BLUEPRINTS, IAC_FORMATS, OVERRIDES, type Blueprint, type IacFormat, type Override, type ProvisionRequest } from './provision/request.js';
export type { GpuSize } from './provision/gpu-vms.js';
export type { CostFacts } from './provision/readme.js';
export { hclInventory, parseTerraform, readTerraformDir, terraformDirInventory } from './azure/terraform-hcl.js';
export { combineInventories } from './model/inventory.js';
export { mapTerraformResource, linkTerraformResources, ARM_TYPES as TERRAFORM_ARM_TYPES, type TerraformRefs } from './azure/inventory/terraform-map.js';
export { terraformInventory } from './azure/inventory/terraform.js';
export { fromArmRecord } from './azure/inventory/arm-record.js';
export { inventoryFromDocument, inventoryFromRecords, readInventoryFile, BUNDLE_FORMAT, type InventoryFileKind } from './azure/inventory/files.js';
export { liveInventorySource, GRAPH_QUERY, type LiveInventoryOptions } from './azure/inventory/live.js';
export { toSarif } from './guard/sarif.js';
export { readGuardConfig, parseGuardConfig } from './guard/config-file.js';
export { sampleEstate } from './guard/sample/estate.js';
export type { ExportInfo, ReconSource, SkuListing, QuotaListing, SourceInfo } from './model/source.js';
export { sizeModel, kvCacheBytes, loraParams, type Sizing, type SizingInput } from './plan/vram.js';
export { sizeReport, type SizeQuestion } from './plan/size.js';
export { findFits, closestMiss } from './plan/fits.js';
export { costReport, HOURS_PER_MONTH, IDLE_WEEKEND, type CostQuestion } from './plan/cost.js';
export { pickQuote, catalogQuote } from './plan/prices.js';
export { makePlan, LEAD_TIME_HOURS, type PlanInput } from './plan/plan.js';
export { candidateSkus, rankCandidates, type RegionInput } from './plan/candidates.js';
export { guardrails, GUARDRAIL_DEFAULTS, type GuardrailOptions } from './plan/guardrails.js';
export { quotaRequestBodies } from './plan/quota-body.js';
export { parsePlanFile, PlanFileSchema } from './plan/plan-file.js';
export { buildRequest, parseDeadline, parseStorage, requestFromFile, type RequestParts } from './plan/request.js';
export { parseWords, type Reading, type WordsContext } from './plan/words.js';
export { archFromConfig, archFromFlags, estimateParams, parseParams } from './plan/model-arch.js';
export { findModel, models, modelNames, MODELS_DATE } from './catalog/models.js';
export { fetchRetailItems, retailQuotes, toQuotes, RETAIL_PRICES_URL, type RetailItem, type RetailPricesOptions, type RetailQuote } from './azure/retail-prices.js';
export type {
  CostReport, Guardrails, Interconnect, MemoryBreakdown, ModelArch, Plan, PlanCandidate, Precision, PriceKind, PriceQuote,
  Purpose, QuotaRequestCall, SizeFit, SizeMode, SizeReport, WorkloadRequest,
} from './model/workload-plan.js';
export { main } from './cli/main.js';

/**
 * The embedded catalog as a ReconSource. One function with two names: `catalogSource` is what the
 * code calls it; `loadCatalog` stays importable for callers that use it.
 */
export { catalogSource as loadCatalog } from './catalog/index.js';

// Gateway: per-key TPM metering and exact limits in front of OpenAI-compatible and Azure OpenAI endpoints.
export { parseGatewayConfig, CONFIG_DEFAULTS, type GatewayConfig, type KeyConfig, type UpstreamConfig } from './gateway/config.js';
export { loadGatewayConfig } from './gateway/load-config.js';
export { hashKey } from './gateway/keys.js';
export {
  bucketsFor, memoryStore, SlidingWindowLimiter, WINDOW_MS,
  type Bucket, type DenyReason, type LimitStore, type Reservation, type ReserveResult,
} from './gateway/limiter.js';
export { redisStore } from './gateway/redis-store.js';
export { startGateway, type Gateway, type GatewayOptions } from './gateway/server.js';
export { startMockLlm, type MockLlm, type MockRequestRecord } from './observe/mock/server.js';
export type { MockLlmOptions, MockFaults, TokenCount } from './observe/mock/options.js';
export { withCatalogFacts, catalogSizesWithQuota, type ApiSkuFacts } from './catalog/index.js';
export { runBench, type BenchConfig, type BenchRun, type BenchStage } from './observe/bench/run.js';
export { benchJson, type BenchJson } from './observe/bench/contract.js';
export { compareStages, type Delta } from './observe/bench/compare.js';
export { DEFINITIONS as BENCH_DEFINITIONS, type BenchSummary, type Slo } from './observe/bench/summary.js';
export { openHistory, type History, type StoredRun } from './store/history.js';
