import { createHash } from 'node:crypto';
import type { BicepDecl } from './bicep.js';
import type { TopBlock } from './hcl.js';
import type { ProvisionRequest } from './request.js';

/** What one generated resource is, in infrastructure terms and in AI terms, and what it costs. */
export interface StackItem {
  /** Terraform address, e.g. azurerm_linux_virtual_machine.gpu. */
  address: string;
  /** How many instances (count). */
  instances: number;
  /** "GPU VM (the training nodes)". */
  infra: string;
  /** "the batch job's workers: where the model is trained". */
  ai: string;
  /** USD per hour for all instances, null when gpuops has no price for it; 0 when free. */
  perHour: number | null;
  /** Guardrail this resource puts in place, if any. */
  guardrail?: string;
}

/** Everything a blueprint contributes, in both formats, built side by side. */
export class Stack {
  readonly tf: TopBlock[] = [];
  readonly tfLocals: Array<readonly [string, unknown]> = [];
  readonly variables: TopBlock[] = [];
  readonly outputs: TopBlock[] = [];
  readonly bicepParams: BicepDecl[] = [];
  readonly bicepVars: BicepDecl[] = [];
  readonly bicep: BicepDecl[] = [];
  readonly bicepOutputs: BicepDecl[] = [];
  readonly items: StackItem[] = [];
  readonly files: Record<string, string> = {};
  readonly notes: string[] = [];

  constructor(readonly req: ProvisionRequest) {}

  /** A short stable suffix for globally unique names (storage accounts, DNS subdomains). */
  get suffix(): string {
    return createHash('sha256').update(`${this.req.name}/${this.req.region}`).digest('hex').slice(0, 6);
  }

  has(o: ProvisionRequest['overrides'][number]): boolean {
    return this.req.overrides.includes(o);
  }
}
