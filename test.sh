#!/usr/bin/env bash
# Installs the test prerequisites when missing, builds the solution, runs every test project,
# and ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

# Real tools the tests use (Debian packages; idempotent): pdftoppm and tesseract for OCR,
# Debian's python3 with onnx, which writes the tiny model the ONNX embedder is tested on,
# chromium for the web page's browser tests (Playwright drives it; no browser is downloaded), and
# npm, which vendors the page's libraries from src/PharmaRag.Server/package-lock.json at build time.
packages=(poppler-utils tesseract-ocr tesseract-ocr-eng python3-onnx chromium npm)
if ! command -v pdftoppm >/dev/null || ! command -v tesseract >/dev/null || ! /usr/bin/python3 -c "import onnx" 2>/dev/null \
   || ! [ -x /usr/bin/chromium ] || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    echo "test.sh: installing the Debian packages the tests need: ${packages[*]}"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}" || exit 1
  else
    echo "The tests need ${packages[*]}; install them (as root: apt-get install ${packages[*]}) and run again." >&2
    exit 1
  fi
fi

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
dotnet test PharmaRag.slnx -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
