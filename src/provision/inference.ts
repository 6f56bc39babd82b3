import { bx, type BicepValue } from './bicep.js';
import { API, bicepTags, head, tfTags } from './base.js';
import { gpuVms, type GpuSize } from './gpu-vms.js';
import { Block, hcl, type Body } from './hcl.js';
import { param, v } from './params.js';
import { privateEndpoint } from './private-link.js';
import type { Stack } from './stack.js';

/** Inference: an Azure OpenAI account reached only through a private endpoint, and GPU VMs serving a model when a size is given. */
export function inference(stack: Stack, size: GpuSize | null): void {
  openAi(stack);
  if (size) gpuVms(stack, size, 'the inference servers: the API behind which a self-hosted model answers (vLLM, TGI, ...)');
}

function openAi(stack: Stack): void {
  const publicNet = stack.has('allow-public-network');
  const keys = stack.has('allow-key-auth');
  param(stack, { tf: 'openai_subdomain', bicep: 'openaiSubdomain', type: 'string', description: 'Custom subdomain of the Azure OpenAI endpoint (globally unique); Entra ID auth and private endpoints need one', default: `${stack.req.name}-aoai-${stack.suffix}` });
  const network: Body = publicNet
    ? [['public_network_access_enabled', true]]
    : [['public_network_access_enabled', false], ['network_acls', new Block([['default_action', 'Deny']])]];
  stack.tf.push({
    keyword: 'resource', labels: ['azurerm_cognitive_account', 'openai'],
    comment: publicNet || keys ? `Overrides: ${[publicNet ? '--allow-public-network' : '', keys ? '--allow-key-auth' : ''].filter(Boolean).join(', ')}` : 'Private, Entra ID only: no public network access, no API keys.',
    body: [
      ...head(hcl('"${var.name}-aoai"')), ['kind', 'OpenAI'], ['sku_name', 'S0'], ['custom_subdomain_name', v('openai_subdomain')],
      ['local_auth_enabled', keys], ...network.filter(([k]) => k === 'public_network_access_enabled'), ...tfTags(stack),
      ...network.filter(([k]) => k !== 'public_network_access_enabled'),
      ['identity', new Block([['type', 'SystemAssigned']])],
    ],
  });
  const props: Record<string, BicepValue> = {
    customSubDomainName: bx('openaiSubdomain'), disableLocalAuth: !keys, publicNetworkAccess: publicNet ? 'Enabled' : 'Disabled',
    ...(publicNet ? {} : { networkAcls: { defaultAction: 'Deny' } }),
  };
  stack.bicep.push({
    kind: 'resource', symbol: 'openai', type: 'Microsoft.CognitiveServices/accounts', apiVersion: API.cognitive,
    body: { name: bx("'${name}-aoai'"), location: bx('location'), ...bicepTags(stack), kind: 'OpenAI', sku: { name: 'S0' }, identity: { type: 'SystemAssigned' }, properties: props },
  });
  stack.items.push({
    address: 'azurerm_cognitive_account.openai', instances: 1, infra: 'Azure OpenAI account (Cognitive Services, kind OpenAI, S0)',
    ai: `the hosted model API: billed per token (the unit of work), nothing per hour; ${publicNet ? 'PUBLIC network access on (--allow-public-network)' : 'no public network access'}, ${keys ? 'API keys ON (--allow-key-auth)' : 'API keys off: callers use Entra ID tokens (managed identity)'}`,
    perHour: 0, guardrail: publicNet ? undefined : 'private inference endpoint',
  });
  privateEndpoint(stack, { key: 'openai', tfId: 'azurerm_cognitive_account.openai.id', bicepId: 'openai.id', subresource: 'account', zone: 'privatelink.openai.azure.com', what: 'the inference API' });
  stack.outputs.push({ keyword: 'output', labels: ['openai_endpoint'], body: [['description', 'Azure OpenAI endpoint (resolves to the private endpoint inside the VNet)'], ['value', hcl('azurerm_cognitive_account.openai.endpoint')]] });
  stack.bicepOutputs.push({ kind: 'output', name: 'openaiEndpoint', type: 'string', value: bx('openai.properties.endpoint') });
}
