#!/usr/bin/env bash
# Start-up benchmark: time from process start to the first 200 on /api/healthz, on a store that is
# already seeded (the usual local start), median of 5 runs. Also prints the first start (migrate + seed).
# Usage: bash bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=7391
data=$(mktemp -d)
out=$(mktemp -d)

# Compiled as scripts/package.sh deploys it (ReadyToRun for linux-x64), framework-dependent so `dotnet <dll>` runs it.
dotnet publish functions/ValeoErp.Functions -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet >/dev/null

start_once() {
  local begin end pid
  begin=$(date +%s%N)
  Storage__DataDirectory="$data" dotnet "$out/ValeoErp.Functions.dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "server died" >&2; exit 1; fi
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - begin) / 1000000 ))
}

first=$(start_once)
echo "first start (empty store: migrate + seed demo tenant): ${first} ms"
times=()
for _ in $(seq "$runs"); do times+=("$(start_once)"); done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "seeded-store starts (ms): ${times[*]}"
echo "median start-up to first 200 on /api/healthz: ${sorted[$((runs / 2))]} ms"
rm -rf "$data" "$out"
