#!/usr/bin/env bash
# Gateway timings with local-process compute, over real HTTP:
#   cold start: a /rag-query sent when no server runs, until its answer (repeated, median);
#   warm overhead: the same query through the gateway and straight to the server (median of N).
# Usage: bench/gateway.sh DATA_DIR [RUNS] [N]   (DATA_DIR should hold processed documents,
#   e.g. from `pharmarag ingest`). Starts its own gateway on port 8090 with a 2 s idle timeout.
set -euo pipefail
data=$1; runs=${2:-5}; n=${3:-50}
here=$(cd "$(dirname "$0")/.." && pwd)
pharmarag="$here/src/PharmaRag.Cli/bin/Release/net10.0/pharmarag"
base=http://127.0.0.1:8090
query='{"query":"What is the recommended starting dose?"}'

"$pharmarag" gateway --urls "$base" --data "$data" --idle-timeout 2s >/tmp/pharmarag-gateway-bench.log 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null; wait $gateway 2>/dev/null' EXIT
until curl -sf "$base/health" >/dev/null; do sleep 0.1; done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
running() { curl -sf "$base/health" | jq .ecs_tasks.running; }
ask() { curl -sf -o /dev/null -w '%{time_total}\n' "$1" -H 'Content-Type: application/json' -d "$query"; }

cold=()
for ((i = 0; i < runs; i++)); do
  until [ "$(running)" = 0 ]; do sleep 0.2; done
  cold+=("$(ask "$base/rag-query")")
done
echo "cold_start_s median=$(printf '%s\n' "${cold[@]}" | median) runs=${cold[*]}"

ask "$base/rag-query" >/dev/null
server=$(curl -sf "$base/health" | jq -r .compute.address)
via_gateway=(); direct=()
for ((i = 0; i < n; i++)); do
  via_gateway+=("$(ask "$base/rag-query")")
  direct+=("$(ask "${server%/}/query")")
done
g=$(printf '%s\n' "${via_gateway[@]}" | median); d=$(printf '%s\n' "${direct[@]}" | median)
echo "warm_query_s n=$n via_gateway_median=$g direct_median=$d overhead_ms=$(awk -v g="$g" -v d="$d" 'BEGIN { printf "%.2f", (g - d) * 1000 }')"
