#!/usr/bin/env bash
# Installs the test prerequisites when missing, builds the solution, runs every test project,
# and ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

# Real tools the tests use, as "check|Debian packages|what for". Only missing ones are installed
# (idempotent), and test.sh says which and why before it installs anything. No browser or model
# is downloaded: chromium is Debian's (Playwright drives it), python3-onnx writes the tiny ONNX
# model the embedder is tested on.
requirements=(
  "command -v pdftoppm|poppler-utils|renders PDF pages for OCR"
  "command -v tesseract|tesseract-ocr tesseract-ocr-eng|OCR of scanned pages and images"
  "/usr/bin/python3 -c 'import onnx'|python3-onnx|the ONNX embedder's test model"
  "[ -x /usr/bin/chromium ]|chromium|the web page's browser tests"
  "command -v curl && command -v jq|curl jq|the README walk-through, run as written"
  "command -v qpdf|qpdf|encrypts a PDF for the bad-input tests"
)
missing=()
for requirement in "${requirements[@]}"; do
  IFS='|' read -r check packages why <<< "$requirement"
  if ! eval "$check" >/dev/null 2>&1; then
    echo "test.sh: missing $packages ($why)"
    read -r -a names <<< "$packages"
    missing+=("${names[@]}")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing with apt-get (a minute or two): ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" || exit 1
  elif command -v apt-get >/dev/null; then
    echo "test.sh: not root, so it cannot install them: run 'sudo apt-get install ${missing[*]}' (or ./test.sh as root), then ./test.sh again." >&2
    exit 1
  else
    echo "test.sh: no apt-get on this machine: install ${missing[*]} (or your system's equivalents), then run ./test.sh again." >&2
    exit 1
  fi
fi

# PostgreSQL for the store tests: Debian's server (the postgresql package), started as a
# throwaway cluster in a temporary directory on a free port (as the postgres user when we are
# root, since the server refuses to run as root) and stopped on exit, even when tests fail.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL (Debian package postgresql) for the store tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql || exit 1
  else
    echo "The tests need PostgreSQL; install it (as root: apt-get install postgresql) and run again." >&2
    exit 1
  fi
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d)
pgrun=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pgdir"
  pgrun=(runuser -u postgres --)
fi
stop_postgres() {
  "${pgrun[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pgdir"
}
trap stop_postgres EXIT
pgport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${pgrun[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --no-sync >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log" >&2; exit 1; }
"${pgrun[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -o \
  "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/server.log" >&2; exit 1; }
export PHARMARAG_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') test cluster on port $pgport"

# npm tools the tests run, in a cache folder outside the repository (idempotent): s3rver, an
# S3-compatible server, and AWS's CloudFormation resource specification for the template tests.
tools_dir=${PHARMARAG_TOOLS_DIR:-$HOME/.cache/pharmarag-test-tools}
npm_tools=(s3rver@3.7.1 @aws-cdk/cfnspec@2.72.1)
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing nodejs and npm (the tests run s3rver)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm || exit 1
  else
    echo "The tests need node and npm; install them (as root: apt-get install nodejs npm) and run again." >&2
    exit 1
  fi
fi
if [ ! -f "$tools_dir/node_modules/s3rver/bin/s3rver.js" ] || [ ! -f "$tools_dir/node_modules/@aws-cdk/cfnspec/spec/specification.json" ]; then
  echo "Installing ${npm_tools[*]} into $tools_dir"
  mkdir -p "$tools_dir"
  npm install --no-save --no-audit --no-fund --prefix "$tools_dir" "${npm_tools[@]}" >/dev/null || exit 1
fi
export PHARMARAG_TOOLS_DIR=$tools_dir

dotnet build PharmaRag.slnx -c Release --nologo -clp:ErrorsOnly || exit 1

log=$(mktemp)
# Category=LambdaPackage runs the built Lambda package (deploy/package-gateway.sh, minutes to build):
# on demand, see deploy/README.md.
dotnet test PharmaRag.slnx -c Release --no-build --nologo --filter "Category!=LambdaPackage" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
