#!/usr/bin/env bash
# Store benchmark (issue 13): a year of N documents with their flow edges in the embedded SQLite store; median and
# p90 of the flow walk, label lists (one label, three labels, label + date range, deep continuation) and one
# invoice commit. Query cost must not grow with N: compare N=1000 with N=10000.
# Usage: bash bench/store.sh [documents=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ValeoErp.Bench -- store "${1:-10000}"
