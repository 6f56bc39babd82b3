/** The two API shapes: OpenAI-compatible servers (vLLM, TGI, Ollama, OpenAI) and Azure OpenAI. */
export type ApiKind = 'openai' | 'azure';
export type Operation = 'chat' | 'completions' | 'models';
/** Every operation a URL can be built for: the gateway also forwards embeddings. */
export type EndpointOperation = Operation | 'embeddings';

/** Azure OpenAI's GA data-plane version used when none is given. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

const OPERATION_PATH: Record<EndpointOperation, string> = {
  chat: 'chat/completions',
  completions: 'completions',
  models: 'models',
  embeddings: 'embeddings',
};

export interface EndpointOptions {
  api: ApiKind;
  /** The API base as SDKs take it: `http://localhost:8000/v1`, `https://NAME.openai.azure.com`. */
  base: string;
  operation: EndpointOperation;
  /** Azure deployment name (required for Azure's dated API; the `model` on its /openai/v1 surface). */
  deployment?: string;
  apiVersion?: string;
}

/** Why a base URL cannot be used, or null when it can. */
export function baseUrlProblem(base: string): string | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return 'it is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the scheme "${url.protocol}" is not http: or https:`;
  if (url.search || url.hash) return 'it has a query or fragment: give the API base only';
  if (url.username || url.password) return 'it carries credentials: pass the key through an environment variable';
  return null;
}

function joinPath(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url;
}

/**
 * The request URL for an operation. OpenAI: base + `/chat/completions`. Azure: the resource endpoint +
 * `/openai/deployments/{d}/chat/completions?api-version=V`, or, when the base already ends in
 * `/openai/v1`, Azure's v1 surface (no api-version; the deployment goes in the body's `model`).
 */
export function endpointUrl(o: EndpointOptions): URL {
  const problem = baseUrlProblem(o.base);
  if (problem) throw new TypeError(`API base "${o.base}" is not usable: ${problem}`);
  const base = new URL(o.base);
  const op = OPERATION_PATH[o.operation];
  if (o.api === 'openai' || /\/openai\/v1\/?$/.test(base.pathname)) return joinPath(base, op);
  if (o.operation === 'models') {
    const url = joinPath(base, 'openai/models');
    url.searchParams.set('api-version', o.apiVersion ?? DEFAULT_AZURE_API_VERSION);
    return url;
  }
  if (!o.deployment) throw new TypeError('an Azure OpenAI request needs a deployment name');
  const url = joinPath(base, `openai/deployments/${encodeURIComponent(o.deployment)}/${op}`);
  url.searchParams.set('api-version', o.apiVersion ?? DEFAULT_AZURE_API_VERSION);
  return url;
}

/** Auth headers: Azure's `api-key`, otherwise `Authorization: Bearer`; none without a key. */
export function authHeaders(api: ApiKind, key: string | undefined): Record<string, string> {
  if (!key) return {};
  return api === 'azure' ? { 'api-key': key } : { authorization: `Bearer ${key}` };
}

/** The key a client presented (`api-key` or a Bearer token), for servers; undefined when none. */
export function presentedKey(get: (name: string) => string | undefined): string | undefined {
  const apiKey = get('api-key');
  if (apiKey) return apiKey;
  const auth = get('authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return m ? m[1]!.trim() : undefined;
}

/** A request path understood by a server that speaks both shapes. */
export interface InferenceRoute {
  api: ApiKind;
  operation: Operation;
  deployment?: string;
  apiVersion?: string;
}

/** Route `/v1/...`, `/openai/v1/...` and `/openai/deployments/{d}/...?api-version=` paths; null otherwise. */
export function parseInferencePath(pathAndQuery: string): InferenceRoute | null {
  const url = new URL(pathAndQuery, 'http://x');
  const path = url.pathname.replace(/\/+$/, '');
  const apiVersion = url.searchParams.get('api-version') ?? undefined;
  const op = (rest: string): Operation | null =>
    rest === 'chat/completions' ? 'chat' : rest === 'completions' ? 'completions' : rest === 'models' ? 'models' : null;
  let m = /^\/(?:openai\/)?v1\/(.+)$/.exec(path);
  if (m) {
    const operation = op(m[1]!);
    if (!operation) return null;
    return path.startsWith('/openai/') ? { api: 'azure', operation } : { api: 'openai', operation };
  }
  m = /^\/openai\/deployments\/([^/]+)\/(.+)$/.exec(path);
  if (m) {
    const operation = op(m[2]!);
    if (!operation || operation === 'models') return null;
    let deployment: string;
    try {
      deployment = decodeURIComponent(m[1]!);
    } catch {
      return null; // a malformed escape such as %ZZ names no deployment
    }
    return { api: 'azure', operation, deployment, apiVersion };
  }
  if (path === '/openai/models') return { api: 'azure', operation: 'models', apiVersion };
  return null;
}
