#!/usr/bin/env bash
# Lints an OpenAPI document with the pinned Redocly CLI (tools/openapi-lint, lockfile included) and the ruleset in
# redocly.yaml. Prints every problem, the counts per rule and the totals; exits 1 if there is any error, 2 if the
# lint itself could not run.
#   scripts/lint-openapi.sh <path-to-openapi.json>
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: scripts/lint-openapi.sh <path-to-openapi.json>" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/openapi-lint"
document="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" || { echo "no such file: $1" >&2; exit 2; }
[ -f "$document" ] || { echo "no such file: $1" >&2; exit 2; }

if [ ! -x "$tool/node_modules/.bin/redocly" ]; then
  echo "installing the pinned Redocly CLI (npm ci in tools/openapi-lint)" >&2
  (cd "$tool" && npm ci --no-audit --no-fund >&2)
fi

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# redocly exits 1 when there are errors; the counts below decide the exit code, a missing report means it failed to run
"$tool/node_modules/.bin/redocly" lint --config "$root/redocly.yaml" --format=json --max-problems 100000 "$document" >"$report" || true

node - "$report" "$document" <<'JS'
const fs = require('fs');
const [report, document] = process.argv.slice(2);
let result;
try { result = JSON.parse(fs.readFileSync(report, 'utf8')); }
catch { console.error(`redocly lint produced no report for ${document}`); process.exit(2); }
const perRule = new Map();
for (const p of result.problems) {
  const where = p.location?.[0]?.pointer ?? '';
  console.log(`${p.severity === 'error' ? 'error' : 'warning'}  ${p.ruleId}  ${where}  ${p.message}`);
  const key = `${p.ruleId} (${p.severity === 'error' ? 'error' : 'warning'})`;
  perRule.set(key, (perRule.get(key) ?? 0) + 1);
}
console.log('\nper rule:');
for (const [key, count] of [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(count).padStart(5)}  ${key}`);
const { errors, warnings } = result.totals;
console.log(`\n${document}: ${errors} errors, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
JS
