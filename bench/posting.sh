#!/usr/bin/env bash
# Posting benchmark (issue 13): bare SQLite tx/s and a bare minimal API next to the real host over HTTP
# (order -> submit -> delivery -> invoice -> post, closed loop at 1/4/8/16 clients, drain of the outbox/bus after
# each level, server CPU from /proc), GET customer by id, and an open loop at a fixed rate; summary with the ratios.
# The host is published in Release and started as a child process on a free port with an empty data directory.
# Usage: bash bench/posting.sh [seconds-per-level=15] [get-seconds=10] [open-rate=200] [open-seconds=20] [levels=1,4,8,16]
# BENCH_ARTICLE=services: a services article (no stock movement at delivery); BENCH_KEEP=1 keeps the host's data directory;
# BENCH_PROFILE=0: no company profile (postings archive no PDF/e-invoice); BENCH_GROW=10000: after the levels, fill the
# store to that many posted invoices and run the 8-client level again (cost against data size).
# The open loop runs on a store holding at least 1,000 posted invoices (topped up first); the run ends with start-up
# and idle memory of the published host on a seeded store against a bare ASP.NET Core app.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Compiled as scripts/package.sh deploys it (ReadyToRun for linux-x64), framework-dependent so `dotnet <dll>` runs it.
dotnet publish functions/ValeoErp.Functions -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet >/dev/null
dotnet build bench/ValeoErp.Bench -c Release --nologo -v quiet >/dev/null
dotnet run -c Release --no-build --project bench/ValeoErp.Bench -- posting "$out/ValeoErp.Functions.dll" \
  "${1:-15}" "${2:-10}" "${3:-200}" "${4:-20}" "${5:-1,4,8,16}"
