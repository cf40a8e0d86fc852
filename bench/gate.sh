#!/usr/bin/env bash
# The ModelGate gateway under wrk on loopback, against the Add model (sum = a + b, FP32[4], a JSON request):
# throughput and p99 latency at -c16, and at -c1 the per-request latency over calling InferenceSession.Run
# in-process on the same input (bench/GateBench times that).
#
#   bench/gate.sh [WORKDIR] [SECONDS]      (default WORKDIR: /tmp/smctl-bench, SECONDS: 10)
#
# Needs wrk (installed from Debian when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench}/gate
seconds=${2:-10}
port=${PORT:-18181}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
rm -rf "$work" && mkdir -p "$work/models"
dotnet build -c Release bench/GateBench -v q -nologo >/dev/null
dotnet build -c Release src/ModelGate -v q -nologo >/dev/null
bench=bench/GateBench/bin/Release/net10.0/GateBench
"$bench" model "$work/models" >/dev/null
cat > "$work/infer.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs":[{"name":"a","shape":[4],"datatype":"FP32","data":[1,2,3,4]},{"name":"b","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}'
LUA
src/ModelGate/bin/Release/net10.0/modelgate serve --models "$work/models" --urls "http://127.0.0.1:$port" --quiet &
gateway=$!
trap 'kill $gateway 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/health/ready" >/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port/v2/models/add/infer"
# Warm-up (JIT, tiered compilation), then the measurements.
wrk -t2 -c16 -d5s -s "$work/infer.lua" "$url" >/dev/null
echo "== wrk -t2 -c16 -d${seconds}s (throughput)"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/infer.lua" "$url" | tee "$work/c16.txt"
echo "== wrk -t1 -c1 -d${seconds}s (per-request latency)"
wrk -t1 -c1 -d"${seconds}s" --latency -s "$work/infer.lua" "$url" | tee "$work/c1.txt"
echo "== in-process baseline"
"$bench" inprocess "$work/models/add/1/model.onnx" 200000 | tee "$work/inprocess.txt"
