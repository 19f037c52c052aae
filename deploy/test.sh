#!/usr/bin/env bash
# Runs every test of the solution against real PostgreSQL (a throwaway cluster per test process, or the server
# in COMMISSIONING_TEST_DB). Installs what is missing first; safe to run twice.
# Results (TRX) go to artifacts/test-results, the browser tests' screenshots to artifacts/screenshots; the last line
# sums them up as "Tests: N passed, N failed, N skipped".
# With a project as argument it builds and runs only that one: bash deploy/test.sh tests/Commissioning.Browser.Tests
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/prerequisites.sh
ensure_prerequisites
# The browser tests drive the machine's Chromium (installed above); Playwright must never fetch browsers of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
target="${1:-Commissioning.sln}"

results=artifacts/test-results
rm -rf "$results"
mkdir -p artifacts
dotnet build "$target" -c Release -nologo -v quiet -clp:ErrorsOnly
status=0
dotnet test "$target" -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" 2>&1 | tee artifacts/test-output.log || status=$?

# Sum the per-assembly lines ("Passed!  - Failed: 0, Passed: 29, Skipped: 0, ...") into one closing line.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { f += $2; p += $4; s += $6 }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' artifacts/test-output.log || status=1
exit "$status"
