#!/usr/bin/env bash
# The console on the published build: navigation to a usable start page (median of 5, cold and warm), bytes on the
# cold load, and the time to render 10,000 articles. Needs /usr/bin/chromium (apt install chromium) and npm.
# Usage: bash bench/console.sh   (prints the figures; docs/console.md keeps the last ones)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
dotnet publish functions/ValeoErp.Functions -c Release -o "$out/host" -nologo -v q
(cd tests/ValeoErp.Tests.Browser && npm ci --no-audit --no-fund --loglevel=error)
VALEO_HOST_DIR="$out/host" dotnet test tests/ValeoErp.Tests.Browser --filter "Category=Report" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "start page|cold load|created|list of|Passed|Failed" | grep -v "^\[xUnit"
