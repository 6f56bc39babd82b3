import { defineRule, pass } from '../rule.js';

export const gpu006 = defineRule({
  id: 'GPU006',
  title: 'Budget over GPU compute has no early alert',
  severity: 'medium',
  appliesTo: ['budget'],
  gpuOnly: false,
  waste: false,
  rationale: 'An alert at 100% of a budget arrives after the money is spent. An 80% actual or a forecast alert gives the owner days to react.',
  semantics: [
    'Applies to budgets whose scope (resource group or subscription) holds GPU compute.',
    'Passes when at least one enabled notification with contacts fires on `Forecasted` cost, or on `Actual` cost at or below 80% (config `budget.earlyAlertPercent`).',
    'Fails otherwise, including a budget with no notifications at all, or whose notifications have no contacts.',
  ],
  xref: [],
  remediation: {
    az: 'az consumption budget update --budget-name {name} --resource-group {resourceGroup}  # add a notification: Actual >= 80%, or Forecasted >= 100%',
    terraform: 'notification {\n  enabled        = true\n  threshold      = 80\n  operator       = "GreaterThanOrEqualTo"\n  threshold_type = "Actual"\n  contact_emails = ["owner@example.com"]\n}\nnotification {\n  enabled        = true\n  threshold      = 100\n  operator       = "GreaterThanOrEqualTo"\n  threshold_type = "Forecasted"\n  contact_emails = ["owner@example.com"]\n}',
  },
  check(r, ctx) {
    if (!ctx.index.scopeHasGpu(r.scopeId)) return null;
    const limit = ctx.config.budget.earlyAlertPercent;
    const live = r.notifications.filter((n) => n.enabled && n.contacts > 0);
    if (live.some((n) => n.thresholdType === 'Forecasted' || n.threshold <= limit)) return pass;
    const thresholds = live.map((n) => `${n.thresholdType} ${n.threshold}%`);
    return {
      outcome: 'fail',
      message: live.length === 0
        ? `budget ${r.name} has no enabled notification with a contact`
        : `budget ${r.name} alerts only at ${thresholds.join(', ')}: nothing fires on forecast or at or below ${limit}% actual`,
      evidence: { scopeId: r.scopeId, notifications: r.notifications, earlyAlertPercent: limit },
    };
  },
});
