#!/usr/bin/env bash
# Search latency on FTS5: indexes N articles for one tenant (and partners for another), runs German queries,
# prints p50/p95. Usage: bash bench/search.sh [articles=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ValeoErp.Bench -- search "${1:-100000}"
