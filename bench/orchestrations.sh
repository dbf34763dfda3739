#!/usr/bin/env bash
# Orchestration throughput (issue 16): N instances of a three-activity orchestration started at once, instances/s on
# the embedded SQLite orchestration service and on DurableTask.AzureStorage against Azurite (started here from
# tests/ValeoErp.Tests.Azure's npm packages: run `npm ci` there first).
# Usage: bash bench/orchestrations.sh [instances=200] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
runs=${2:-3}
dotnet build -c Release bench/ValeoErp.Bench -v q --nologo > /dev/null
dotnet run -c Release --no-build --project bench/ValeoErp.Bench -- orchestrations sqlite "$n" "$runs"
azurite_data=$(mktemp -d)
tests/ValeoErp.Tests.Azure/node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --location "$azurite_data" --skipApiVersionCheck --silent > /dev/null 2>&1 &
azurite=$!
trap 'kill $azurite 2>/dev/null && wait $azurite 2>/dev/null; rm -rf "$azurite_data" 2>/dev/null || true' EXIT
for p in 10000 10001 10002; do for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null && break; sleep 0.1; done; done
dotnet run -c Release --no-build --project bench/ValeoErp.Bench -- orchestrations azurite "$n" "$runs"
