#!/usr/bin/env bash
# Start-up and idle memory of the packaged handler at two revisions, measured in the same run: time from process
# start to the first 200 on /api/healthz (median of N starts on a seeded store) and the resident set size after
# 10 s idle (median), for the base revision and the working tree.
# Usage: bash bench/startup-compare.sh [base-revision] [runs]     e.g. bash bench/startup-compare.sh 7fd372c 5
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
runs=${2:-5}
port=7393
work=$(mktemp -d)
git worktree add -q --detach "$work/base" "$base"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

publish() { # source dir, output dir: as scripts/package.sh compiles it (ReadyToRun, framework-dependent)
  dotnet publish "$1/functions/ValeoErp.Functions" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$2" --nologo -v quiet > /dev/null
}

measure() { # output dir, data dir -> "start_ms rss_kb"
  local begin end pid rss
  begin=$(date +%s%N)
  Storage__DataDirectory="$2" dotnet "$1/ValeoErp.Functions.dll" --urls "http://127.0.0.1:$port" > /dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "server died" >&2; exit 1; fi
    sleep 0.005
  done
  end=$(date +%s%N)
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (end - begin) / 1000000 )) $rss"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

publish "$work/base" "$work/out-base"
publish . "$work/out-head"
for side in base head; do
  data="$work/data-$side"; mkdir -p "$data"
  measure "$work/out-$side" "$data" > /dev/null # first start: migrate + seed
done
declare -A starts rsses
for _ in $(seq "$runs"); do # interleaved, so both sides see the same machine load
  for side in base head; do
    read -r ms kb < <(measure "$work/out-$side" "$work/data-$side")
    starts[$side]+="$ms "; rsses[$side]+="$kb "
  done
done
for side in base head; do
  label=$([ "$side" = base ] && echo "base $base" || echo "working tree")
  echo "$label: start-up (ms) ${starts[$side]}-> median $(median ${starts[$side]}) ms; idle RSS after 10 s (KB) ${rsses[$side]}-> median $(median ${rsses[$side]}) KB"
done
sb=$(median ${starts[base]}); sh=$(median ${starts[head]}); rb=$(median ${rsses[base]}); rh=$(median ${rsses[head]})
awk -v sb="$sb" -v sh="$sh" -v rb="$rb" -v rh="$rh" 'BEGIN { printf "ratio start-up %.2f x, idle memory %.2f x (target <= 1.5 x each)\n", sh / sb, rh / rb }'
