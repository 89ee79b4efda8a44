#!/usr/bin/env bash
# Packages the gateway for AWS Lambda (runtime provided.al2023 with the AWS Lambda Web Adapter
# layer): a self-contained Linux build of `pharmarag-gateway` (src/PharmaRag.Gateway.Lambda: the
# gateway without the server, so no SQLite, PdfPig, ONNX Runtime or Lucene) and a `bootstrap`
# that starts its HTTP server on 127.0.0.1:8080, where the adapter forwards API Gateway, S3 and
# EventBridge events.
# Usage: deploy/package-gateway.sh [x86_64|arm64]   -> deploy/out/pharmarag-gateway.zip
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-x86_64}
case "$arch" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "Architecture must be x86_64 or arm64 (the template's GatewayArchitecture), not '$arch'." >&2; exit 2 ;;
esac

out=deploy/out
stage=$out/gateway
rm -rf "$stage" "$out/pharmarag-gateway.zip"
mkdir -p "$stage"
# Trimmed (partial: only the framework's unused code is removed; the app keeps its reflection-based
# JSON) and ReadyToRun (trimming drops the framework's precompiled code; this restores it).
dotnet publish src/PharmaRag.Gateway.Lambda/PharmaRag.Gateway.Lambda.csproj -c Release -r "$rid" --self-contained true \
  -p:InvariantGlobalization=true -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true \
  -p:JsonSerializerIsReflectionEnabledByDefault=true -p:PublishReadyToRun=true -o "$stage/app" --nologo
cat > "$stage/bootstrap" <<'SH'
#!/bin/sh
# Lambda runs this; the Web Adapter extension (layer) waits for /health on port 8080.
exec /var/task/app/pharmarag-gateway --urls http://127.0.0.1:8080 --data /tmp/pharmarag --PharmaRag:Gateway:Compute=ecs "$@"
SH
chmod 755 "$stage/bootstrap" "$stage/app/pharmarag-gateway"
(cd "$stage" && zip -qr9 ../pharmarag-gateway.zip .)
echo "$out/pharmarag-gateway.zip: $(du -m "$out/pharmarag-gateway.zip" | cut -f1) MB zipped, $(du -sm "$stage" | cut -f1) MB unzipped"
