#!/usr/bin/env bash
# Refreshes the web page's vendored libraries in wwwroot/vendor from package-lock.json.
# The build does not run this: the files are committed so that building needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts --omit=optional --loglevel=error
cp node_modules/cytoscape/dist/cytoscape.esm.min.mjs node_modules/pdfjs-dist/build/pdf.min.mjs \
   node_modules/pdfjs-dist/build/pdf.worker.min.mjs wwwroot/vendor/
cp node_modules/cytoscape/LICENSE wwwroot/vendor/cytoscape.LICENSE.txt
cp node_modules/pdfjs-dist/LICENSE wwwroot/vendor/pdfjs-dist.LICENSE.txt
echo "Vendored: $(ls wwwroot/vendor | tr '\n' ' ')"
