import { defineRule, pass } from '../rule.js';
import { GPU_HOSTS, hostNoun, sizeLabel } from './helpers.js';

export const gpu005 = defineRule({
  id: 'GPU005',
  title: 'No budget covers the GPU compute\'s scope',
  severity: 'high',
  appliesTo: GPU_HOSTS,
  gpuOnly: true,
  waste: false,
  rationale: 'A budget alert is the only thing that tells a person about GPU spend before the invoice does. Azure Policy has no built-in that requires one.',
  semantics: [
    'Passes when a `Microsoft.Consumption/budgets` budget is on the compute\'s resource group or on its subscription (Terraform: `azurerm_consumption_budget_resource_group` / `_subscription`).',
    'Whether its alerts fire early enough is GPU006\'s question, not this rule\'s.',
    'A budget file or Resource Graph export only shows the budgets it holds: without a budgets source every GPU host fails, so give `az consumption budget list` output or use --live.',
  ],
  xref: [],
  remediation: {
    az: 'az consumption budget create --resource-group {resourceGroup} --budget-name gpu-monthly --amount <USD> --category cost --time-grain monthly --start-date <YYYY-MM-01> --end-date <YYYY-MM-DD>',
    terraform: 'resource "azurerm_consumption_budget_resource_group" "gpu" {\n  name              = "gpu-monthly"\n  resource_group_id = azurerm_resource_group.gpu.id\n  amount            = 10000\n  time_grain        = "Monthly"\n  time_period { start_date = "2026-12-01T00:00:00Z" }\n  notification {\n    enabled        = true\n    threshold      = 80\n    operator       = "GreaterThanOrEqualTo"\n    threshold_type = "Actual"\n    contact_emails = ["owner@example.com"]\n  }\n}',
  },
  check(r, ctx) {
    const budgets = ctx.index.budgetsFor(r);
    if (budgets.length > 0) return pass;
    return {
      outcome: 'fail',
      message: `${hostNoun(r)} ${r.name} (${sizeLabel(r, ctx)}) is in resource group ${r.resourceGroup ?? 'unknown'}, which no budget covers (neither it nor its subscription)`,
      evidence: { resourceGroup: r.resourceGroup, subscriptionId: r.subscriptionId },
    };
  },
});
