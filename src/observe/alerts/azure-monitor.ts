import type { AccountScope } from './scope.js';
import type { Thresholds } from './thresholds.js';

/** One Azure Monitor metric alert on an Azure OpenAI account. */
export interface MetricAlertSpec {
  key: string;
  name: string;
  description: string;
  severity: number;
  frequency: string;
  window: string;
  metric: string;
  aggregation: 'Total' | 'Average' | 'Maximum';
  operator: 'GreaterThan';
  threshold: number;
  dimension: { name: string; values: string[] };
}

/** The account's alerts: TPM near the limit, 429s, time to response; all split by deployment or status. */
export function metricAlerts(scope: AccountScope, t: Thresholds & { tpmLimit: number }, deployment: string | null): MetricAlertSpec[] {
  const deployments = deployment ? [deployment] : ['*'];
  const threshold = Math.floor(t.tpmShare * t.tpmLimit);
  return [
    {
      key: 'tpm_near_limit', name: `gpuops-tpm-near-limit-${scope.account}`,
      description: `Processed inference tokens (TokenTransaction, total per minute) over ${Math.round(t.tpmShare * 100)}% of the ${t.tpmLimit} TPM limit: callers get 429s past the limit.`,
      severity: 2, frequency: 'PT1M', window: 'PT1M', metric: 'TokenTransaction', aggregation: 'Total', operator: 'GreaterThan', threshold,
      dimension: { name: 'ModelDeploymentName', values: deployments },
    },
    {
      key: 'rate_limited', name: `gpuops-rate-limited-${scope.account}`,
      description: 'Requests rejected with HTTP 429 (over the tokens- or requests-per-minute limit) in the last 5 minutes.',
      severity: 2, frequency: 'PT1M', window: 'PT5M', metric: 'AzureOpenAIRequests', aggregation: 'Total', operator: 'GreaterThan', threshold: 0,
      dimension: { name: 'StatusCode', values: ['429'] },
    },
    {
      key: 'time_to_response', name: `gpuops-time-to-response-${scope.account}`,
      description: `Average time to response (first token of a streamed answer) over ${t.ttftSloMs} ms for 5 minutes. Azure reports this metric for provisioned (PTU) deployments.`,
      severity: 3, frequency: 'PT1M', window: 'PT5M', metric: 'AzureOpenAITimeToResponse', aggregation: 'Average', operator: 'GreaterThan', threshold: t.ttftSloMs,
      dimension: { name: 'ModelDeploymentName', values: deployments },
    },
  ];
}

// ---- Terraform, laid out as `terraform fmt` does: two-space indent, `=` aligned within a run of attributes.

type Hcl = { kind: 'attr'; key: string; value: string } | { kind: 'block'; head: string; body: Hcl[] } | { kind: 'blank' };

const attr = (key: string, value: string): Hcl => ({ kind: 'attr', key, value });
const block = (head: string, body: Hcl[]): Hcl => ({ kind: 'block', head, body });
const blank: Hcl = { kind: 'blank' };
const str = (s: string) => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
const list = (items: string[]) => `[${items.map(str).join(', ')}]`;

function hcl(nodes: Hcl[], indent = ''): string {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.kind === 'blank') out.push('');
    else if (n.kind === 'block') out.push(...(n.body.length ? [`${indent}${n.head} {`, hcl(n.body, `${indent}  `), `${indent}}`] : [`${indent}${n.head} {}`]));
    else {
      let j = i;
      while (j < nodes.length && nodes[j]!.kind === 'attr') j++;
      const run = nodes.slice(i, j) as Extract<Hcl, { kind: 'attr' }>[];
      const width = Math.max(...run.map((a) => a.key.length));
      for (const a of run) out.push(`${indent}${a.key.padEnd(width)} = ${a.value}`);
      i = j - 1;
    }
  }
  return out.join('\n');
}

/** main.tf: an action group and the metric alerts, for azurerm >= 3. Same input, same bytes. */
export function terraformAlerts(scope: AccountScope, alerts: MetricAlertSpec[]): string {
  const nodes: Hcl[] = [
    block('terraform', [block('required_providers', [block('azurerm', [attr('source', str('hashicorp/azurerm')), attr('version', str('>= 3.0'))])])]),
    blank,
    block('provider "azurerm"', [attr('subscription_id', str(scope.subscriptionId)), block('features', [])]),
    blank,
    block('variable "alert_email"', [attr('description', str('Who is told when an alert fires.')), attr('type', 'string')]),
    blank,
    block('resource "azurerm_monitor_action_group" "gpuops"', [
      attr('name', str(`gpuops-alerts-${scope.account}`)), attr('resource_group_name', str(scope.resourceGroup)), attr('short_name', str('gpuops')),
      blank,
      block('email_receiver', [attr('name', str('oncall')), attr('email_address', 'var.alert_email'), attr('use_common_alert_schema', 'true')]),
    ]),
  ];
  for (const a of alerts) {
    nodes.push(blank, block(`resource "azurerm_monitor_metric_alert" "${a.key}"`, [
      attr('name', str(a.name)), attr('resource_group_name', str(scope.resourceGroup)), attr('scopes', list([scope.id])),
      attr('description', str(a.description)), attr('severity', String(a.severity)), attr('frequency', str(a.frequency)), attr('window_size', str(a.window)),
      blank,
      block('criteria', [
        attr('metric_namespace', str('Microsoft.CognitiveServices/accounts')), attr('metric_name', str(a.metric)), attr('aggregation', str(a.aggregation)),
        attr('operator', str(a.operator)), attr('threshold', String(a.threshold)),
        blank,
        block('dimension', [attr('name', str(a.dimension.name)), attr('operator', str('Include')), attr('values', list(a.dimension.values))]),
      ]),
      blank,
      block('action', [attr('action_group_id', 'azurerm_monitor_action_group.gpuops.id')]),
    ]));
  }
  return `# Azure Monitor alerts for ${scope.account}, written by gpuops alerts --target azure-monitor.\n${hcl(nodes)}\n`;
}

// ---- Bicep, deployed to the account's resource group.

const bq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;

function bicepAlert(scope: AccountScope, a: MetricAlertSpec): string {
  const camel = a.key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return `resource ${camel} 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: ${bq(a.name)}
  location: 'global'
  properties: {
    description: ${bq(a.description)}
    severity: ${a.severity}
    enabled: true
    scopes: [
      accountId
    ]
    evaluationFrequency: ${bq(a.frequency)}
    windowSize: ${bq(a.window)}
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: ${bq(a.key)}
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.CognitiveServices/accounts'
          metricName: ${bq(a.metric)}
          timeAggregation: ${bq(a.aggregation)}
          operator: ${bq(a.operator)}
          threshold: ${a.threshold}
          dimensions: [
            {
              name: ${bq(a.dimension.name)}
              operator: 'Include'
              values: [
${a.dimension.values.map((v) => `                ${bq(v)}`).join('\n')}
              ]
            }
          ]
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}`;
}

/** main.bicep: the same action group and alerts as the Terraform, for `az deployment group create`. */
export function bicepAlerts(scope: AccountScope, alerts: MetricAlertSpec[]): string {
  return `// Azure Monitor alerts for ${scope.account}, written by gpuops alerts --target azure-monitor.
// Deploy: az deployment group create -g ${scope.resourceGroup} -f main.bicep -p alertEmail=you@example.com

@description('Who is told when an alert fires.')
param alertEmail string

var accountId = ${bq(scope.id)}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: ${bq(`gpuops-alerts-${scope.account}`)}
  location: 'global'
  properties: {
    groupShortName: 'gpuops'
    enabled: true
    emailReceivers: [
      {
        name: 'oncall'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

${alerts.map((a) => bicepAlert(scope, a)).join('\n\n')}
`;
}
