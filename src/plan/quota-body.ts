import type { QuotaRequestBody } from '../model/workload-plan.js';
import type { QuotaRequest } from '../recon/can-deploy.js';

/** Microsoft.Quota API version of the request bodies (reference: Quotas_Update for Compute, 2025-09-01). */
export const QUOTA_API_VERSION = '2025-09-01';
const SPOT_CORES = 'lowPriorityCores';

/**
 * The Microsoft.Quota create-or-update request for each quota increase: families and `cores` are
 * resource type `dedicated`, `lowPriorityCores` (Spot) is `lowPriority`.
 */
export function quotaRequestBodies(requests: readonly QuotaRequest[], region: string, subscriptionId = '<subscription-id>'): QuotaRequestBody[] {
  return requests.map((q) => {
    const scope = `/subscriptions/${subscriptionId}/providers/Microsoft.Compute/locations/${region}`;
    return {
      method: 'PUT',
      url: `https://management.azure.com${scope}/providers/Microsoft.Quota/quotas/${q.quota}?api-version=${QUOTA_API_VERSION}`,
      body: {
        properties: {
          name: { value: q.quota },
          limit: { limitObjectType: 'LimitValue', value: q.newLimit },
          resourceType: q.quota === SPOT_CORES ? 'lowPriority' : 'dedicated',
        },
      },
    };
  });
}
