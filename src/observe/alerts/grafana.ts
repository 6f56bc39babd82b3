/** A Grafana dashboard panel (timeseries) over one or more PromQL queries. */
interface Panel {
  title: string;
  unit: string;
  targets: { expr: string; legend: string }[];
  description: string;
}

const GPU_LEGEND = '{{Hostname}} GPU {{gpu}}{{GPU_I_ID}}';

const GPU_PANELS: Panel[] = [
  { title: 'GPU utilisation', unit: 'percent', description: 'DCGM_FI_DEV_GPU_UTIL: share of time a kernel ran (the GPU\'s CPU%).', targets: [{ expr: 'DCGM_FI_DEV_GPU_UTIL', legend: GPU_LEGEND }] },
  { title: 'VRAM used', unit: 'percentunit', description: 'Framebuffer used / (used + free): the GPU\'s RAM, which cannot swap.', targets: [{ expr: 'DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE)', legend: GPU_LEGEND }] },
  { title: 'GPU temperature', unit: 'celsius', description: 'DCGM_FI_DEV_GPU_TEMP.', targets: [{ expr: 'DCGM_FI_DEV_GPU_TEMP', legend: GPU_LEGEND }] },
  { title: 'Power draw', unit: 'watt', description: 'DCGM_FI_DEV_POWER_USAGE.', targets: [{ expr: 'DCGM_FI_DEV_POWER_USAGE', legend: GPU_LEGEND }] },
  { title: 'SM clock', unit: 'MHz', description: 'DCGM_FI_DEV_SM_CLOCK: drops when a clock event (throttle) reason is active.', targets: [{ expr: 'DCGM_FI_DEV_SM_CLOCK', legend: GPU_LEGEND }] },
  { title: 'Last Xid error', unit: 'none', description: 'DCGM_FI_DEV_XID_ERRORS: the driver\'s last error code (0: none).', targets: [{ expr: 'DCGM_FI_DEV_XID_ERRORS', legend: GPU_LEGEND }] },
];

const INFERENCE_PANELS: Panel[] = [
  { title: 'Tokens per minute (TPM)', unit: 'short', description: 'gpuops:inference_tokens_per_minute: prompt + generated tokens per minute, by model (TPM is the RPS of an inference API).', targets: [{ expr: 'gpuops:inference_tokens_per_minute', legend: '{{model_name}}' }] },
  {
    title: 'Time to first token', unit: 's', description: 'p50 and p95 of vllm:time_to_first_token_seconds over 5 minutes (time-to-first-byte of a streamed answer).',
    targets: [
      { expr: 'histogram_quantile(0.5, sum by (model_name, le) (rate(vllm:time_to_first_token_seconds_bucket[5m])))', legend: 'p50 {{model_name}}' },
      { expr: 'histogram_quantile(0.95, sum by (model_name, le) (rate(vllm:time_to_first_token_seconds_bucket[5m])))', legend: 'p95 {{model_name}}' },
    ],
  },
  { title: '429 rate', unit: 'reqps', description: 'Requests per second rejected with HTTP 429 by the gateway (over quota).', targets: [{ expr: 'sum by (model) (rate(gpuops_gateway_requests_total{status="429"}[5m]))', legend: '{{model}}' }] },
  {
    title: 'Queue depth', unit: 'short', description: 'vllm:num_requests_waiting (queued) and vllm:num_requests_running (on the GPU).',
    targets: [
      { expr: 'sum by (model_name) (vllm:num_requests_waiting)', legend: 'waiting {{model_name}}' },
      { expr: 'sum by (model_name) (vllm:num_requests_running)', legend: 'running {{model_name}}' },
    ],
  },
];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

function panel(p: Panel, id: number, x: number, y: number): Record<string, unknown> {
  return {
    id, type: 'timeseries', title: p.title, description: p.description, datasource: DATASOURCE,
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    targets: p.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DATASOURCE, expr: t.expr, legendFormat: t.legend })),
  };
}

/** A Grafana dashboard (JSON model, schemaVersion 39): GPU rows on dcgm names, inference rows on vLLM names. */
export function grafanaDashboard(): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const [title, group] of [['GPUs (dcgm-exporter or gpuops exporter)', GPU_PANELS], ['Inference (vLLM, gpuops gateway)', INFERENCE_PANELS]] as const) {
    panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] });
    group.forEach((p, i) => {
      panels.push(panel(p, id++, (i % 2) * 12, y + Math.floor(i / 2) * 8));
    });
    y += Math.ceil(group.length / 2) * 8;
  }
  return {
    uid: 'gpuops-gpu-inference', title: 'gpuops: GPUs and inference', tags: ['gpuops', 'gpu', 'inference'],
    timezone: 'browser', schemaVersion: 39, version: 1, editable: true, refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [{ name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }] },
    annotations: { list: [] },
    panels,
  };
}
