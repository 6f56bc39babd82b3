import { bx, type BicepValue } from './bicep.js';
import { hcl, type Value } from './hcl.js';
import type { Stack } from './stack.js';

/** One input, declared as a Terraform variable and a Bicep parameter with the same default. */
export interface Param {
  tf: string;
  bicep: string;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  description: string;
  default?: string | number | boolean | string[];
}

const BICEP_TYPE: Record<Param['type'], string> = { string: 'string', number: 'int', bool: 'bool', 'list(string)': 'array' };

/** Declare an input in both formats. */
export function param(stack: Stack, p: Param): void {
  const body: Array<readonly [string, Value]> = [['description', p.description], ['type', hcl(p.type)]];
  if (p.default !== undefined) body.push(['default', p.default as Value]);
  stack.variables.push({ keyword: 'variable', labels: [p.tf], body });
  stack.bicepParams.push({
    kind: 'param', name: p.bicep, type: BICEP_TYPE[p.type], description: p.description,
    ...(p.default === undefined ? {} : { default: p.default as BicepValue }),
  });
}

/** `var.x` in Terraform. */
export const v = (name: string) => hcl(`var.${name}`);
/** A Bicep expression. */
export const b = (text: string) => bx(text);
