#!/usr/bin/env bash
# GPU check of the observe job on a machine with an NVIDIA GPU: the exporter against the real nvidia-smi,
# `gpuops bench` against a real GPU inference server (bench/gpu/serve_random_llama.py: a Llama-shaped model
# with random weights decoding on the GPU), the exporter while that server is under load, and the client
# benchmark (bench/client.mjs) on the machine's cores.
# Needs: node >= 20 and the built project (npm ci), nvidia-smi, python3 with torch, transformers, aiohttp.
# Usage: bench/gpu/check.sh [OUT_DIR]     (default: ./gpu-check-out)
set -u
cd "$(dirname "$0")/../.."
O=${1:-gpu-check-out}; mkdir -p "$O/exporter"
log() { echo "[$(date +%T)] $*" | tee -a "$O/steps.log"; }
node --version; nproc; nvidia-smi -L

log "exporter against the real nvidia-smi"
timeout 120 bench/gpu/exporter.sh "$O/exporter" > "$O/exporter/run.txt" 2>&1 || log "exporter.sh exit $?"

log "inference server"
PYTHONUNBUFFERED=1 python3 bench/gpu/serve_random_llama.py --port 8000 > "$O/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for i in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:8000/v1/models').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 1
done
log "server ready after ${i}s"

( sleep 20; node bin/gpuops.js exporter --once --xid-log none > "$O/exporter-under-load.prom" 2>&1 ) &
timeout 300 node bin/gpuops.js bench http://127.0.0.1:8000/v1 --model random-llama --warmup 4 \
  --sweep concurrency=1,8,32 --requests 48 --input-tokens 256 --output-tokens 64 \
  --slo ttft=500ms,tpot=50ms --no-history -o json > "$O/sweep.json" 2> "$O/sweep.err"
log "sweep exit $?"
node -e 'fetch("http://127.0.0.1:8000/stats").then(r=>r.text()).then(t=>console.log("server served", t))' | tee -a "$O/steps.log"
timeout 120 node bin/gpuops.js bench http://127.0.0.1:8000/v1 --model random-llama --concurrency 8 --requests 24 \
  --output-tokens 64 --no-history > "$O/bench-table.txt" 2>&1
kill $server

log "client benchmark"
BENCH_RUNS=2 timeout 300 node bench/client.mjs > "$O/client-bench.txt" 2>&1
log "done"
