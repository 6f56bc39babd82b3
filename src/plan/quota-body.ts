import type { QuotaRequestCall } from '../model/workload-plan.js';
import type { QuotaRequest } from '../recon/can-deploy.js';

/** Microsoft.Quota API version of the calls (reference: Quotas_Update for Compute, 2025-09-01). */
export const QUOTA_API_VERSION = '2025-09-01';

/** The Microsoft.Quota create-or-update call for each of can-deploy's quota requests (its scope and body). */
export function quotaRequestBodies(requests: readonly QuotaRequest[]): QuotaRequestCall[] {
  return requests.map((q) => ({
    method: 'PUT',
    url: `https://management.azure.com${q.scope}/providers/Microsoft.Quota/quotas/${q.quota}?api-version=${QUOTA_API_VERSION}`,
    // A copy: a shared object would print as a YAML anchor and alias in the plan file.
    body: structuredClone(q.body),
  }));
}
