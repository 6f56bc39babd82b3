import { InputError } from '../../errors.js';

/** An Azure OpenAI / AI Services account, from its ARM resource id. */
export interface AccountScope {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  account: string;
}

// /subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name}; ARM compares
// the fixed segments case-insensitively. Resource group: 1-90 of letters, digits, _ - . ( ), not ending in a
// period; account: 2-64 letters, digits and hyphens, starting with a letter or digit.
const ID = /^\/subscriptions\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/resourceGroups\/([-\w.()]{0,89}[-\w()])\/providers\/Microsoft\.CognitiveServices\/accounts\/([A-Za-z0-9][A-Za-z0-9-]{1,63})$/i;

/** Parse `--scope`; anything but a Microsoft.CognitiveServices/accounts resource id is exit 2. */
export function parseAccountScope(value: string): AccountScope {
  const m = ID.exec(value.trim());
  if (!m) {
    throw new InputError(`--scope "${value}" is not the resource id of an Azure OpenAI account: expected ` +
      '/subscriptions/<subscription-guid>/resourceGroups/<group>/providers/Microsoft.CognitiveServices/accounts/<name>',
    { suggestion: 'print it with `az cognitiveservices account show -n NAME -g GROUP --query id -o tsv`' });
  }
  return { id: value.trim(), subscriptionId: m[1]!.toLowerCase(), resourceGroup: m[2]!, account: m[3]! };
}
