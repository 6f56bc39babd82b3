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
export { readPlan, PlanFileSchema, type PlanInput } from './provision/plan-file.js';
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
export { main } from './cli/main.js';

/** The embedded catalog as a ReconSource (alias of catalogSource). */
export { catalogSource as loadCatalog } from './catalog/index.js';
