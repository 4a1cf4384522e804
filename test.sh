#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what is missing.
# Prints a final line "N passed, N failed[, N skipped]" and exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need: chromium renders the backtest report in a test; libxgboost0 is the XGBoost model library.
APT_PACKAGES=(chromium libxgboost0)
if [ "${#APT_PACKAGES[@]}" -gt 0 ] && [ "$(id -u)" = "0" ]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore AlgoTrading.sln --verbosity quiet
dotnet build AlgoTrading.sln --no-restore --configuration Release --verbosity quiet -p:WarningLevel=4

log=$(mktemp)
set +e
dotnet test --solution AlgoTrading.sln --no-build --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Microsoft.Testing.Platform prints "total: N / failed: N / succeeded: N / skipped: N" per run.
total=$(grep -E '^\s+total:' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed:' "$log" | awk '{s+=$2} END {print s+0}')
passed=$(grep -E '^\s+succeeded:' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s+skipped:' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$total" = "0" ]; then
  echo "error: no tests ran" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$status" != "0" ] && [ "$failed" = "0" ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "$skipped" != "0" ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
