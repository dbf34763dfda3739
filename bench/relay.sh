#!/usr/bin/env bash
# Event backbone benchmark: relays N events outbox -> local bus -> trivial consumer over HTTP.
# Usage: bash bench/relay.sh [runs=5] [events=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ValeoErp.Bench -- "${1:-5}" "${2:-10000}"
