import { defineRule, pass, unknown } from '../rule.js';
import { perMonth } from './helpers.js';

export const ml004 = defineRule({
  id: 'ML004',
  title: 'Azure ML compute cluster keeps nodes warm',
  severity: 'medium',
  appliesTo: ['mlCompute'],
  gpuOnly: false,
  waste: false,
  rationale: 'A cluster with a minimum above zero bills its floor of nodes around the clock, with or without jobs. On GPU sizes that is thousands a month.',
  semantics: [
    'Applies to every Azure ML compute cluster (GPU or not, like CKV_AZURE_150); the message gives the floor\'s monthly price where the catalog knows the size.',
    'Fails when the minimum node count is above 0; unknown when it could not be read.',
  ],
  xref: ['CKV_AZURE_150'],
  remediation: {
    az: 'az ml compute update --name {name} --resource-group {resourceGroup} --workspace-name <workspace> --min-instances 0',
    terraform: 'scale_settings {\n  min_node_count                       = 0\n  max_node_count                       = 4\n  scale_down_nodes_after_idle_duration = "PT15M"\n}',
  },
  check(r, ctx) {
    if (r.minNodes === null) return unknown('the minimum node count could not be read');
    if (r.minNodes === 0) return pass;
    const price = r.size && r.location ? ctx.catalog.hourlyPrice(r.size, r.location) : null;
    const floor = perMonth(price === null ? null : price * r.minNodes);
    const cost = floor === null ? '' : `, about $${Math.round(floor).toLocaleString('en-US')}/month idle`;
    return {
      outcome: 'fail',
      message: `Azure ML compute cluster ${r.name} (${r.size ?? 'unknown size'}) never scales below ${r.minNodes} node(s)${cost}`,
      evidence: { minNodes: r.minNodes, maxNodes: r.maxNodes, size: r.size, floorMonthlyPrice: floor },
    };
  },
});
