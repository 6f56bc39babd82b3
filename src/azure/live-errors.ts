import { knownRegions } from '../catalog/index.js';
import { GpuopsError, InputError, nearest, RemoteError } from '../errors.js';

/** What a failed Azure call was doing, for the message. */
export interface AzureCallContext {
  service: string;
  region: string;
  endpoint: string;
  subscriptionId: string;
  maxRetries: number;
}

interface ErrorLike {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
}

/** @azure/identity error names; DefaultAzureCredential throws the aggregate when every way to log in is missing. */
const AUTH_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
  'AuthenticationError',
]);

/** ARM codes that mean "this location does not exist here" (ARM error reference; seen as 400 or 404). */
const REGION_CODES = new Set([
  'NoRegisteredProviderFound',
  'LocationNotAvailableForResourceType',
  'InvalidLocation',
  'LocationNotAvailable',
  'LocationRequired',
]);

const SUBSCRIPTION_CODES = new Set(['SubscriptionNotFound', 'InvalidSubscriptionId']);

/** Node socket/TLS error codes (also the SDK's REQUEST_SEND_ERROR): the endpoint was not reached. */
const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const LOGIN_HINT = 'set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or sign in with: az login';

/** An UNKNOWN_REGION InputError naming the region and the nearest regions gpuops knows. */
export function unknownRegion(region: string, why: string, cause?: unknown): InputError {
  const close = nearest(region, knownRegions());
  return new InputError(`Region "${region}" is not an Azure region this subscription can use: ${why}`, {
    code: 'UNKNOWN_REGION',
    suggestion: `${close.length > 0 ? `did you mean ${close.join(', ')}? ` : ''}list region names with: az account list-locations -o table`,
    cause,
  });
}

/** A gpuops error for a failed Azure call: exit 3 for the service, exit 2 for a bad region or subscription. */
export function toGpuopsError(err: unknown, ctx: AzureCallContext): GpuopsError {
  if (err instanceof GpuopsError) return err;
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: String(err) };
  const status = e.statusCode;
  const code = e.code;
  const detail = `${code ? `${code}: ` : ''}${e.message ?? 'no message'}`;
  if ((e.name && AUTH_ERRORS.has(e.name)) || status === 401) {
    const what = status === 401 ? `the access token was rejected (${detail})` : 'no usable Azure credentials were found';
    return new RemoteError(ctx.service, status, what, { code: 'NO_CREDENTIALS', suggestion: LOGIN_HINT, cause: err });
  }
  if (status === 403) {
    return new RemoteError(ctx.service, 403, `access denied to subscription ${ctx.subscriptionId} (${detail})`, {
      suggestion: `the identity needs the Reader role on subscription ${ctx.subscriptionId}; ask its owner, or pick another subscription with --subscription`,
      cause: err,
    });
  }
  if (status === 429) {
    return new RemoteError(ctx.service, 429, `throttled: still HTTP 429 after ${ctx.maxRetries} retries`, {
      suggestion: 'Azure Resource Manager limits reads per subscription and hour; retry in a few minutes',
      cause: err,
    });
  }
  if (code && SUBSCRIPTION_CODES.has(code)) {
    return new InputError(`Subscription "${ctx.subscriptionId}" was not found by ${ctx.service} (${detail})`, {
      suggestion: 'check --subscription or AZURE_SUBSCRIPTION_ID; list yours with: az account list -o table',
      cause: err,
    });
  }
  if ((code && REGION_CODES.has(code)) || status === 404) {
    return unknownRegion(ctx.region, `${ctx.service} answered ${status ? `HTTP ${status} ` : ''}(${detail})`, err);
  }
  if (status === undefined && (e.name === 'RestError' || (code && NETWORK_CODES.has(code)))) {
    return new RemoteError(ctx.service, undefined, `could not reach ${ctx.endpoint} (${detail})`, {
      suggestion: 'check the network, DNS and any HTTPS_PROXY setting, then retry',
      cause: err,
    });
  }
  return new RemoteError(ctx.service, status, detail, {
    suggestion: status !== undefined && status >= 500 ? 'Azure had a server error; retry in a few minutes' : undefined,
    cause: err,
  });
}
