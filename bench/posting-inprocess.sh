#!/usr/bin/env bash
# The posting chain in-process, without HTTP (issue 13): the handlers the endpoints call, on the embedded store,
# closed loop with N workers; then the background work drained by the local trigger runner. Compare with
# bench/posting.sh to see the share of the HTTP pipeline and JSON.
# Usage: bash bench/posting-inprocess.sh [seconds=15] [workers=8]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/ValeoErp.Bench -c Release --nologo -v quiet >/dev/null
dotnet run -c Release --no-build --project bench/ValeoErp.Bench -- posting-inprocess "${1:-15}" "${2:-8}"
