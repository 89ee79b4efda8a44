#!/usr/bin/env bash
# End-to-end timing of the main job over real HTTP against a running `pharmarag serve`:
#   PUT-to-processed for one PDF, then /rag-query latency over N questions.
# Usage: bench/e2e.sh PDF QUESTIONS.jsonl [N] [BASE_URL]
#   QUESTIONS.jsonl has one {"question": ...} per line; questions are cycled to reach N.
set -euo pipefail
pdf=$1; questions=$2; count=${3:-100}; base=${4:-http://127.0.0.1:8000}
name=$(basename "$pdf" | tr ' ' '_')
ms() { date +%s%3N; }

presign=$(curl -sf "$base/presigned-url?filename=$name&content_type=application/pdf")
url=$(jq -r .url <<<"$presign")
start=$(ms)
put=$(curl -sf -X PUT -H 'Content-Type: application/pdf' --data-binary @"$pdf" "$url")
put_done=$(ms)
id=$(jq -r .document.id <<<"$put")
while :; do
  doc=$(curl -sf "$base/documents/$id")
  status=$(jq -r .status <<<"$doc")
  [ "$status" = processed ] || [ "$status" = failed ] && break
  sleep 0.02
done
end=$(ms)
echo "document: $name pages=$(jq .pages <<<"$doc") chunks=$(jq .chunks <<<"$doc") status=$status"
echo "put_ms=$((put_done - start)) put_to_processed_ms=$((end - start))"

mapfile -t qs < <(jq -r .question "$questions")
latencies=()
for ((i = 0; i < count; i++)); do
  q=${qs[$((i % ${#qs[@]}))]}
  body=$(jq -nc --arg q "$q" '{query: $q}')
  t0=$(ms)
  curl -sf "$base/rag-query" -H 'Content-Type: application/json' -d "$body" >/dev/null
  latencies+=($(( $(ms) - t0 )))
done
printf '%s\n' "${latencies[@]}" | sort -n | awk -v n="$count" '
  { v[NR] = $1 }
  END { printf "rag_query n=%d p50_ms=%d p95_ms=%d max_ms=%d\n", n, v[int(n*0.50+0.5)], v[int(n*0.95+0.5)], v[n] }'
