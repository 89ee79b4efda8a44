#!/usr/bin/env bash
# Builds the solution and runs every test project; ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

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
