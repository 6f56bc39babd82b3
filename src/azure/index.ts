export { ResourceSkuSchema, toVmSku, skuInRegion, restrictionsFor, type RawResourceSku } from './resource-sku.js';
export { UsageSchema, toQuotaUsage, type RawUsage } from './usage.js';
export { readSkusFile, readUsageFile, fileSource } from './files.js';
export { liveSource, defaultCredential, SKUS_SERVICE, USAGE_SERVICE, type LiveSourceOptions } from './live.js';
export {
  resolveSubscription,
  hasAzureConfig,
  azureConfigDirFor,
  type SubscriptionChoice,
  type SubscriptionOrigin,
} from './subscription.js';
