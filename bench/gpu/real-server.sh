#!/usr/bin/env bash
# gpuops bench against a real inference server on a GPU machine (issue #8), plus the client benchmark
# on that machine's quieter cores. Needs: node 20, the built project (npm ci && npm run build), and
# either a running OpenAI-compatible server (pass its API base) or vLLM installed with a local model.
#
#   bench/gpu/real-server.sh http://127.0.0.1:8000/v1          # a server that is already running
#   MODEL=/models/Qwen2.5-0.5B-Instruct bench/gpu/real-server.sh  # start `vllm serve $MODEL` first
#
# Results go to $OUT (default bench/gpu/out): gpu.csv, sweep.json (gpuops bench, -o json),
# server-ttft.txt (vLLM's own TTFT from /metrics against ours), client-bench.txt (bench/client.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-bench/gpu/out}
mkdir -p "$OUT"
URL=${1:-${BENCH_URL:-}}
VLLM_PID=

cleanup() { if [ -n "$VLLM_PID" ]; then kill "$VLLM_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ -z "$URL" ]; then
  if [ -n "${MODEL:-}" ] && command -v vllm >/dev/null 2>&1; then
    vllm serve "$MODEL" --port 8000 --host 127.0.0.1 > "$OUT/vllm.log" 2>&1 &
    VLLM_PID=$!
    URL=http://127.0.0.1:8000/v1
    for _ in $(seq 1 120); do
      if node -e "fetch('$URL/models').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
      sleep 5
    done
  else
    echo "no server: pass its API base (http://HOST:PORT/v1), or set MODEL=<local model path> with vllm installed" >&2
    exit 2
  fi
fi
echo "server: $URL"
(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || echo "nvidia-smi unavailable") > "$OUT/gpu.csv"

ROOT=${URL%/v1}
scrape() { node -e "fetch('$ROOT/metrics').then(r=>r.text()).then(t=>process.stdout.write(t)).catch(()=>{})"; }
scrape > "$OUT/metrics-before.txt"

node bin/gpuops.js bench "$URL" ${BENCH_MODEL:+--model "$BENCH_MODEL"} --warmup 8 \
  --sweep concurrency=1,8,32,128 --requests 128 --input-tokens 512 --output-tokens 128 --ignore-eos \
  --slo ttft=500ms,tpot=50ms --no-history -o json > "$OUT/sweep.json"
scrape > "$OUT/metrics-after.txt"

# vLLM's own mean TTFT over the same requests (its histogram's sum/count delta; warm-up included there),
# next to the request-weighted mean of what gpuops measured.
node -e '
const fs = require("fs");
const read = (f) => { const t = fs.readFileSync(f, "utf8"); const g = (n) => t.split("\n").filter((l) => l.startsWith(n + "{") || l.startsWith(n + " ")).reduce((a, l) => a + Number(l.split(" ").pop()), 0);
  return { sum: g("vllm:time_to_first_token_seconds_sum"), count: g("vllm:time_to_first_token_seconds_count") }; };
const a = read(process.argv[1]), b = read(process.argv[2]);
const doc = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
let n = 0, s = 0; for (const st of doc.stages) if (st.ttftMs) { n += st.ttftMs.count; s += st.ttftMs.mean * st.ttftMs.count; }
const served = b.count - a.count;
console.log(served > 0 ? `vLLM TTFT mean ${((b.sum - a.sum) / served * 1000).toFixed(2)} ms over ${served} requests (warm-up included); gpuops TTFT mean ${(s / n).toFixed(2)} ms over ${n}` : "no vllm:time_to_first_token_seconds in /metrics");
for (const st of doc.stages) console.log(`concurrency ${st.load.concurrency}: ok ${st.requests.ok}/${st.requests.sent}, TTFT p50 ${st.ttftMs?.p50} p99 ${st.ttftMs?.p99} ms, ITL p50 ${st.itlMs?.p50} ms, TPOT p50 ${st.tpotMs?.p50} ms, ${st.outputTokensPerSecond} tok/s, TPM ${st.tokensPerMinute}, client CPU ${st.clientCpuPercent}%`);
' "$OUT/metrics-before.txt" "$OUT/metrics-after.txt" "$OUT/sweep.json" | tee "$OUT/server-ttft.txt"

# The client benchmark on this machine's cores (no GPU involved): client pinned to core 0, mock-llm to core 1.
BENCH_RUNS=${BENCH_RUNS:-3} node bench/client.mjs 2>/dev/null | tee "$OUT/client-bench.txt"
