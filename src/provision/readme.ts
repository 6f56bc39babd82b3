import { HOURS_PER_MONTH } from '../plan/cost.js';
import type { GpuSize } from './gpu-vms.js';
import { OVERRIDES } from './request.js';
import type { Stack } from './stack.js';

/** Price and quota facts for the README, read by the surface from the catalog and recon. */
export interface CostFacts {
  /** Where the price came from and when, e.g. "embedded catalog, prices read 2026-06-18 (offline)". */
  priceSource: string;
  /** One line per quota fact: the recon answer, and the requests to file when short. */
  quota: string[];
}

function usd(n: number | null): string {
  if (n === null) return 'unknown';
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Hourly, per-run and monthly cost of the GPU compute (the rest is priced separately or free). */
export function costLines(stack: Stack): { perHour: number | null; perRun: number | null; perMonth: number | null; unpriced: string[] } {
  const priced = stack.items.filter((i) => i.perHour !== null);
  const unpriced = stack.items.filter((i) => i.perHour === null).map((i) => i.address);
  const gpu = stack.items.find((i) => /linux_virtual_machine|node_pool/.test(i.address) && !i.address.endsWith('(image)'));
  if (gpu && gpu.perHour === null) return { perHour: null, perRun: null, perMonth: null, unpriced };
  const perHour = priced.reduce((s, i) => s + (i.perHour ?? 0), 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    perHour: round(perHour),
    perRun: stack.req.hours === null ? null : round(perHour * stack.req.hours),
    perMonth: round(perHour * HOURS_PER_MONTH),
    unpriced,
  };
}

function table(head: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function deploySteps(stack: Stack): string {
  const r = stack.req;
  const tags = stack.has('allow-no-tags') ? '' : ` --tags owner=${r.owner} cost-center=${r.costCenter} expires=${r.expires} workload=${r.blueprint}`;
  const k8s = r.blueprint === 'aks'
    ? '\n\nThen, from a machine inside the VNet (the API server is private):\n\n```sh\naz aks get-credentials --resource-group rg-' + r.name + ' --name ' + r.name + '-aks\nkubectl apply -f k8s/nvidia-device-plugin.yaml\nkubectl apply -f k8s/gpu-test-pod.yaml && kubectl logs -f gpu-test\n```'
    : '';
  if (r.format === 'terraform') {
    return `\`\`\`sh\nterraform init\nterraform plan -var "ssh_public_key=$(cat ~/.ssh/id_ed25519.pub)" -out tfplan\nterraform apply tfplan\n\`\`\`${k8s}`;
  }
  return `The Bicep deploys into a resource group; create it first, with its tags:\n\n\`\`\`sh\naz group create --name rg-${r.name} --location ${r.region}${tags}\naz deployment group create --resource-group rg-${r.name} --template-file main.bicep --parameters sshPublicKey="$(cat ~/.ssh/id_ed25519.pub)"\n\`\`\`${k8s}`;
}

/** The README.md written next to the IaC: what each resource is, in infrastructure and AI terms, and what it costs. */
export function outputReadme(stack: Stack, size: GpuSize | null, cost: CostFacts): string {
  const r = stack.req;
  const c = costLines(stack);
  const what = size ? `${r.count} x ${size.name}${r.spot ? ' (Spot)' : ''} (${size.gpus} each)` : 'an Azure OpenAI account';
  const hours = r.hours === null ? 'per run: unknown (pass --hours)' : `per run of ${r.hours} h: ${usd(c.perRun)}`;
  const out: Array<string | null> = [
    `# ${r.name}: ${r.blueprint} stack (${r.format === 'terraform' ? 'Terraform' : 'Bicep'})`,
    '',
    `${what} in ${r.region}, owned by ${r.owner} (cost center ${r.costCenter}), expiring ${r.expires}.`,
    'Infra <-> AI: a trained model is a compiled binary, training is a batch job, inference is an API call, a token is the unit of work.',
    '',
    '## Cost',
    '',
    `- GPU compute: ${usd(c.perHour)} per hour; ${hours}; ${usd(c.perMonth)} per month if it ran ${HOURS_PER_MONTH} h.`,
    r.blueprint === 'aks' ? '- The GPU pool scales to 0: with no GPU pods it costs nothing; the figures above are for the pool at its maximum.' : null,
    stack.has('allow-no-shutdown') ? '- Auto-shutdown is OFF (--allow-no-shutdown): nothing stops the meter overnight.' : `- Auto-shutdown at ${r.shutdown.slice(0, 2)}:${r.shutdown.slice(2)} ${r.timezone} caps a forgotten run at one evening.`,
    `- Prices: ${cost.priceSource}. Not priced by gpuops: ${c.unpriced.length > 0 ? c.unpriced.join(', ') : 'nothing'} (storage, networking and the AKS system pool bill per use; see the Azure pricing calculator).`,
    '',
    '## Quota',
    '',
    ...cost.quota.map((q) => `- ${q}`),
    '',
    '## Resources',
    '',
    table(['Resource', 'What it is (infra)', 'What it is for (AI)', '$/hour'], stack.items.map((i) => [
      `\`${i.address}\`${i.instances > 1 ? ` x ${i.instances}` : ''}`, i.infra, i.ai, i.perHour === null ? 'not priced' : i.perHour === 0 ? '-' : usd(i.perHour),
    ])),
    '',
    '## Guardrails',
    '',
    ...Object.entries(OVERRIDES).filter(([k]) => applies(stack, k)).map(([k, o]) => (r.overrides.includes(k as never)
      ? `- OFF: ${o.guardrail}, turned off with \`${o.flag}\` (gpuops audit reports ${o.rule})`
      : `- on: ${o.guardrail} (turn off with \`${o.flag}\`)`)),
    '- on: no public IP on any VM or node; SSH keys only, password log-in disabled',
    '',
  ];
  if (size) out.push('## GPU driver', '', `- ${size.driver.note}.`, `- Image: ${size.driver.image.publisher}:${size.driver.image.offer}:${size.driver.image.sku}:${size.driver.image.version}${size.driver.extensions.length > 0 ? `; extensions: ${size.driver.extensions.map((e) => `${e.type} ${e.typeHandlerVersion}`).join(', ')}` : ''}.`, '');
  if (stack.notes.length > 0) out.push('## Notes', '', ...stack.notes.map((n) => `- ${n}`), '');
  out.push('## Deploy', '', deploySteps(stack), '', 'Check it before you apply: `gpuops audit --terraform-dir .` (Terraform) runs the same rules gpuops ran when it wrote these files.', '');
  return out.filter((l): l is string => l !== null).join('\n').replace(/\n+$/, '\n');
}

/** Whether an override is meaningful for this stack (lock only for training; the account ones only for inference). */
export function applies(stack: Stack, override: string): boolean {
  const bp = stack.req.blueprint;
  if (override === 'allow-no-lock') return bp === 'training';
  if (override === 'allow-public-network' || override === 'allow-key-auth') return bp === 'inference';
  return true;
}
