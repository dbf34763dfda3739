#!/usr/bin/env bash
# Checks a packaged function app folder the way the Functions host will use it: the layout (host.json,
# every function folder, the executable named by host.json) and that the handler starts as a custom
# handler (FUNCTIONS_CUSTOMHANDLER_PORT set, Azure shape) and answers /api/healthz.
# Usage: bash scripts/verify-package.sh [folder, default artifacts/functionapp]
set -euo pipefail
cd "$(dirname "$0")/.."
app="${1:-artifacts/functionapp}"
fail() { echo "package check FAILED: $*" >&2; exit 1; }

[ -f "$app/host.json" ] || fail "host.json missing"
exe=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' "$app/host.json")
[ -x "$app/$exe" ] || fail "host.json names $exe, which is not an executable in the package"
[ -f "$app/handler/messaging.json" ] || fail "handler/messaging.json missing (the runner and contract read it)"
for folder in functions/ValeoErp.Functions/Functions/*/; do
  name="$(basename "$folder")"
  cmp -s "$folder/function.json" "$app/$name/function.json" || fail "$name/function.json missing or different"
done
extra=$(find "$app" -maxdepth 2 -name function.json | wc -l)
expected=$(ls -d functions/ValeoErp.Functions/Functions/*/ | wc -l)
[ "$extra" -eq "$expected" ] || fail "$extra function.json files in the package, $expected in the repository"

port=$((20000 + RANDOM % 10000))
work=$(mktemp -d)
cp -r "$app/." "$work/"
( cd "$work" && FUNCTIONS_CUSTOMHANDLER_PORT=$port FUNCTIONS_APP_ROOT_PATH="$work" Storage__DataDirectory="$work/.data" exec "./$exe" >"$work/handler.log" 2>&1 ) &
pid=$!  # exec above: this is the handler itself, so the trap stops it
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
start=$(date +%s%N)
for _ in $(seq 1 300); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/api/healthz"; then break; fi
  kill -0 $pid 2>/dev/null || { cat "$work/handler.log" >&2; fail "the handler exited"; }
  sleep 0.05
done
curl -fs -o /dev/null "http://127.0.0.1:$port/api/healthz" || fail "no answer on /api/healthz"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = "200" ] || fail "/ does not answer (the host's readiness probe)"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/dev/token" -H 'content-type: application/json' -d '{}')" = "404" ] \
  || fail "the dev token endpoint must not exist in the Azure shape"
echo "package ok: $expected functions, handler answered /api/healthz on 127.0.0.1:$port after $ms ms"
