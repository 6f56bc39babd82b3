import { describe, expect, it } from 'vitest';
import { authHeaders, baseUrlProblem, endpointUrl, parseInferencePath, presentedKey } from './endpoints.js';

describe('endpointUrl', () => {
  it('appends the operation to an OpenAI base, with or without a trailing slash', () => {
    expect(endpointUrl({ api: 'openai', base: 'http://localhost:8000/v1', operation: 'chat' }).href).toBe('http://localhost:8000/v1/chat/completions');
    expect(endpointUrl({ api: 'openai', base: 'http://localhost:8000/v1/', operation: 'completions' }).href).toBe('http://localhost:8000/v1/completions');
  });

  it('builds the Azure deployment path with api-version', () => {
    const u = endpointUrl({ api: 'azure', base: 'https://res.openai.azure.com', operation: 'chat', deployment: 'gpt 4o', apiVersion: '2025-01-01-preview' });
    expect(u.href).toBe('https://res.openai.azure.com/openai/deployments/gpt%204o/chat/completions?api-version=2025-01-01-preview');
  });

  it('builds embeddings URLs for both shapes', () => {
    expect(endpointUrl({ api: 'openai', base: 'http://localhost:8000/v1', operation: 'embeddings' }).href).toBe('http://localhost:8000/v1/embeddings');
    expect(endpointUrl({ api: 'azure', base: 'https://r.openai.azure.com', operation: 'embeddings', deployment: 'e3', apiVersion: '2024-10-21' }).href)
      .toBe('https://r.openai.azure.com/openai/deployments/e3/embeddings?api-version=2024-10-21');
  });

  it('uses the Azure v1 surface as given, with no api-version', () => {
    expect(endpointUrl({ api: 'azure', base: 'https://res.openai.azure.com/openai/v1', operation: 'chat', deployment: 'd' }).href)
      .toBe('https://res.openai.azure.com/openai/v1/chat/completions');
  });

  it('refuses an Azure chat URL without a deployment, and unusable bases', () => {
    expect(() => endpointUrl({ api: 'azure', base: 'https://r.openai.azure.com', operation: 'chat' })).toThrow(/deployment/);
    expect(baseUrlProblem('localhost:8000')).toMatch(/scheme/);
    expect(baseUrlProblem('not a url')).toMatch(/absolute/);
    expect(baseUrlProblem('ftp://x/v1')).toMatch(/scheme/);
    expect(baseUrlProblem('http://x/v1?a=1')).toMatch(/query/);
    expect(baseUrlProblem('http://u:p@x/v1')).toMatch(/credentials/);
    expect(baseUrlProblem('https://x.openai.azure.com')).toBeNull();
  });
});

describe('auth headers', () => {
  it('sends api-key to Azure, Bearer otherwise, nothing without a key', () => {
    expect(authHeaders('azure', 'k')).toEqual({ 'api-key': 'k' });
    expect(authHeaders('openai', 'k')).toEqual({ authorization: 'Bearer k' });
    expect(authHeaders('openai', undefined)).toEqual({});
  });

  it('reads back the presented key', () => {
    const h: Record<string, string> = { authorization: 'bearer  abc ' };
    expect(presentedKey((n) => h[n])).toBe('abc');
    expect(presentedKey((n) => ({ 'api-key': 'z' })[n])).toBe('z');
    expect(presentedKey(() => undefined)).toBeUndefined();
  });
});

describe('parseInferencePath', () => {
  it.each([
    ['/v1/chat/completions', { api: 'openai', operation: 'chat' }],
    ['/v1/completions/', { api: 'openai', operation: 'completions' }],
    ['/v1/models', { api: 'openai', operation: 'models' }],
    ['/openai/v1/chat/completions', { api: 'azure', operation: 'chat' }],
    ['/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', { api: 'azure', operation: 'chat', deployment: 'gpt-4o', apiVersion: '2024-10-21' }],
    ['/openai/deployments/my%20dep/completions', { api: 'azure', operation: 'completions', deployment: 'my dep', apiVersion: undefined }],
  ])('%s', (path, want) => {
    expect(parseInferencePath(path)).toEqual(want);
  });

  it.each(['/', '/v1/embeddings', '/openai/deployments/x/models', '/v2/chat/completions', '/metrics', '/openai/deployments/%ZZ/chat/completions'])('%s is not an inference path', (p) => {
    expect(parseInferencePath(p)).toBeNull();
  });
});
