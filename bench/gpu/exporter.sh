#!/usr/bin/env bash
# GPU check for `gpuops exporter` on a machine with a real NVIDIA GPU and driver.
# Needs only node >= 20 and the built project (npm ci or npm run build first); no extra native modules.
# Usage: bench/gpu/exporter.sh [OUT_DIR]   (default: $OUT, else ./gpu-check-out)
# Writes: once.prom (what the exporter served), once.stderr, once.rc, nvidia-smi-query.csv,
# nvidia-smi-q.xml (raw inputs), scrape.prom (served by the running server), bench.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
out="${1:-${OUT:-gpu-check-out}}"
mkdir -p "$out"
node --version
nvidia-smi -L | tee "$out/nvidia-smi-L.txt"

# 1. The raw inputs, for comparing with what was served.
nvidia-smi --query-gpu=index,uuid,name,pci.bus_id,driver_version,utilization.gpu,memory.used,memory.free,memory.total,temperature.gpu,power.draw --format=csv > "$out/nvidia-smi-query.csv" 2>&1
nvidia-smi -q -x > "$out/nvidia-smi-q.xml" 2>&1

# 2. One sample, printed (Xids from /dev/kmsg when readable).
node bin/gpuops.js exporter --once > "$out/once.prom" 2> "$out/once.stderr"
echo $? > "$out/once.rc"
grep -E '^(DCGM_FI_DEV_(GPU_UTIL|FB_USED|FB_FREE|GPU_TEMP|POWER_USAGE|XID_ERRORS)|gpuops_exporter_)' "$out/once.prom" | head -40

# 3. The server: serve for a few seconds at a 1 s interval and scrape it.
node bin/gpuops.js exporter --port 9466 --interval 1s 2> "$out/server.stderr" &
pid=$!
sleep 4
curl -s http://127.0.0.1:9466/metrics > "$out/scrape.prom" || node -e "fetch('http://127.0.0.1:9466/metrics').then(r=>r.text()).then(t=>process.stdout.write(t))" > "$out/scrape.prom"
kill -TERM "$pid"; wait "$pid"
echo "server exit: $?" >> "$out/server.stderr"

# 4. The benchmark against the real nvidia-smi (CPU of the exporter, scrape latency), shortened.
BENCH_NVIDIA_SMI="$(command -v nvidia-smi)" BENCH_EXPORTER_SECONDS=20 BENCH_EXPORTER_SCRAPES=2000 BENCH_RUNS=5 \
  node bench/exporter.mjs > "$out/bench.json" 2>&1
cat "$out/bench.json"
