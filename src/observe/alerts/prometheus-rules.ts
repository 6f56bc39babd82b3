import { formatDuration } from './duration.js';
import type { Thresholds } from './thresholds.js';

/** One Prometheus recording or alerting rule, as promtool reads it. */
export type PromRule =
  | { record: string; expr: string }
  | { alert: string; expr: string; for: string; labels: { severity: string }; annotations: { summary: string; description: string; runbook: string } };

/** A rule file: `groups: [{ name, rules }]`. */
export interface RuleFile {
  groups: { name: string; rules: PromRule[] }[];
}

/** Names are a contract: dashboards, runbooks and tests refer to them. */
export const RECORDING_RULES = ['gpuops:inference_tokens_per_minute', 'gpuops:gateway_tokens_per_minute'] as const;
export const ALERT_NAMES = [
  'GpuIdleWhileAllocated', 'GpuMemoryPressure', 'GpuXidError', 'GpuTemperatureHigh', 'GpuExporterDown',
  'InferenceTpmNearLimit', 'InferenceTtftSloBreached', 'InferenceRateLimited',
] as const;

type Severity = 'warning' | 'critical';

/** An alerting rule; every alert has the same shape, so only what differs is written out. */
function alert(name: string, severity: Severity, expr: string, pending: string, annotations: { summary: string; description: string; runbook: string }): PromRule {
  return { alert: name, expr, for: pending, labels: { severity }, annotations };
}

const num = (n: number) => String(Number(n.toPrecision(12)));
const pct = (share: number) => `${num(share * 100)}%`;

function gpuRules(t: Thresholds): PromRule[] {
  const idleFor = formatDuration(t.idleForMs);
  const pending = formatDuration(t.pendingForMs);
  return [
    alert('GpuIdleWhileAllocated', 'warning', `DCGM_FI_DEV_GPU_UTIL < ${num(t.idleUtilPercent)}`, idleFor, {
      summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} has been idle (under ' + num(t.idleUtilPercent) + '% busy) for ' + idleFor + ' while its VM runs and is billed',
      description: 'GPU {{ $labels.gpu }} ({{ $labels.modelName }}, {{ $labels.UUID }}) is at {{ $value }}% utilisation.',
      runbook: 'An idle GPU VM is a stopped-but-billed server: find the job that holds it (`nvidia-smi`, the scheduler), then stop or deallocate the VM, scale the node pool down, or give the GPU to the queue. A model server with no traffic also reads as idle.',
    }),
    alert('GpuMemoryPressure', 'warning', `DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) > ${num(t.memoryUsedRatio)}`, pending, {
      summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} has used over ' + pct(t.memoryUsedRatio) + ' of its VRAM for ' + pending,
      description: 'VRAM used: {{ $value | humanizePercentage }} on {{ $labels.modelName }} {{ $labels.UUID }}.',
      runbook: 'VRAM is the GPU\'s RAM and cannot swap: the next allocation fails with CUDA out-of-memory. vLLM reserves most VRAM for its KV cache on purpose (--gpu-memory-utilization), so check whether requests are failing before acting; otherwise lower the batch size or context length, or move to a GPU with more memory.',
    }),
    // gpuops exporter dates each Xid; dcgm-exporter only has the last value, so a change of it counts there.
    alert('GpuXidError', 'critical', `(time() - gpuops_xid_last_seen_timestamp_seconds) < 900 or (changes(DCGM_FI_DEV_XID_ERRORS[15m]) > 0 and DCGM_FI_DEV_XID_ERRORS != 0) unless on (UUID) gpuops_xid_errors_total`, '0s', {
      summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} logged an NVIDIA Xid error{{ if $labels.xid }} (Xid {{ $labels.xid }}){{ end }}',
      description: 'The driver reported Xid errors for {{ $labels.pci_bus_id }} {{ $labels.UUID }} in the last 15 minutes.',
      runbook: 'An Xid is the GPU driver\'s kernel-panic-style error code (see `dmesg | grep Xid`). 13/31/43 are usually the application\'s fault (restart the job); 48, 63/64, 74, 79, 92-95 and 119-120 point at hardware, ECC, NVLink or a GPU that fell off the bus: drain the VM and redeploy it (Azure: `az vm redeploy`) or open a support case with the Xid and the UUID.',
    }),
    alert('GpuTemperatureHigh', 'warning', `DCGM_FI_DEV_GPU_TEMP > ${num(t.temperatureC)}`, pending, {
      summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} has been over ' + num(t.temperatureC) + ' C for ' + pending,
      description: 'GPU temperature {{ $value }} C on {{ $labels.modelName }} {{ $labels.UUID }}.',
      runbook: 'A hot GPU lowers its clocks (see gpuops_gpu_clock_event_reason_active{reason=~".*thermal.*"}) and runs jobs slower, like a CPU under thermal throttling. On a cloud VM the cooling is the provider\'s: redeploy the VM to other hardware and report it if it persists.',
    }),
    alert('GpuExporterDown', 'critical', `up{job="${t.exporterJob}"} == 0 or gpuops_exporter_nvidia_smi_up{query="query-gpu"} == 0`, pending, {
      summary: 'No GPU metrics from {{ $labels.instance }} for ' + pending,
      description: 'Either Prometheus cannot scrape the exporter (job ' + t.exporterJob + '), or the exporter runs but nvidia-smi fails on the VM.',
      runbook: 'Without GPU metrics the other GPU alerts are blind. Check the service (`systemctl status gpuops-exporter`) and run `nvidia-smi` on the VM: a failing nvidia-smi after a kernel update usually means the driver must be reinstalled or the VM rebooted.',
    }),
  ];
}

function inferenceRules(t: Thresholds): PromRule[] {
  const pending = formatDuration(t.pendingForMs);
  const slo = t.ttftSloMs / 1000;
  const rules: PromRule[] = [];
  if (t.tpmLimit !== null) {
    rules.push(alert('InferenceTpmNearLimit', 'warning', `gpuops:inference_tokens_per_minute > ${num(t.tpmShare * t.tpmLimit)}`, pending, {
      summary: 'Model {{ $labels.model_name }} is serving over ' + pct(t.tpmShare) + ' of its ' + num(t.tpmLimit) + ' tokens-per-minute limit',
      description: '{{ $value | humanize }} tokens per minute (prompt + generated) for ' + pending + '.',
      runbook: 'TPM is the RPS of an inference API and the limit is its quota: past it callers get 429s. Raise the deployment\'s TPM quota, add a replica or deployment behind the gateway, or lower max_tokens on the heaviest callers.',
    }));
  }
  rules.push(
    alert('InferenceTtftSloBreached', 'warning', `histogram_quantile(0.95, sum by (model_name, le) (rate(vllm:time_to_first_token_seconds_bucket[5m]))) > ${num(slo)}`, pending, {
      summary: 'p95 time to first token of {{ $labels.model_name }} is over ' + formatDuration(t.ttftSloMs),
      description: 'p95 TTFT {{ $value | humanizeDuration }} over the last 5 minutes.',
      runbook: 'TTFT is the time-to-first-byte of a streamed answer. Rising TTFT with a growing vllm:num_requests_waiting means the server is saturated (add replicas or lower concurrency); with an idle queue it means long prompts or a slow GPU (check GpuTemperatureHigh and clock event reasons).',
    }),
    alert('InferenceRateLimited', 'warning', `sum by (model) (rate(gpuops_gateway_requests_total{status="429"}[5m])) / sum by (model) (rate(gpuops_gateway_requests_total[5m])) > ${num(t.rateLimitedShare)}`, pending, {
      summary: 'Over ' + pct(t.rateLimitedShare) + ' of requests for {{ $labels.model }} are rejected with 429',
      description: '{{ $value | humanizePercentage }} of requests through the gateway got HTTP 429 (too many tokens or requests per minute).',
      runbook: 'A 429 is the inference API saying "over quota, retry later", like a throttled storage account. Find the keys that hit their limit (gpuops_gateway_rate_limited_total), then raise their TPM or spread the load.',
    }),
  );
  return rules;
}

/** The whole rule file for `thresholds`: recording rules first, so alerts can use them. */
export function prometheusRules(t: Thresholds): RuleFile {
  return {
    groups: [
      {
        name: 'gpuops-recording',
        rules: [
          {
            record: 'gpuops:inference_tokens_per_minute',
            // Two sums, not one rate over a name regex: rate() drops the name, and the two series would collide.
            expr: '60 * (sum by (model_name) (rate(vllm:prompt_tokens_total[1m])) + sum by (model_name) (rate(vllm:generation_tokens_total[1m])))',
          },
          { record: 'gpuops:gateway_tokens_per_minute', expr: '60 * sum by (key, model) (rate(gpuops_gateway_tokens_total[1m]))' },
        ],
      },
      { name: 'gpuops-gpu', rules: gpuRules(t) },
      { name: 'gpuops-inference', rules: inferenceRules(t) },
    ],
  };
}
