#!/usr/bin/env bash
# Builds the deployable Functions app folder: host.json, one folder per function with its function.json,
# and the handler published self-contained for linux-x64 (ReadyToRun) under handler/, as host.json expects.
# Usage: bash scripts/package.sh [output folder, default artifacts/functionapp]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functionapp}"
rm -rf "$out"
mkdir -p "$out/handler"

dotnet publish functions/ValeoErp.Functions -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:DebugType=none -o "$out/handler" --nologo -v quiet

cp host.json "$out/host.json"
for folder in functions/ValeoErp.Functions/Functions/*/; do
  name="$(basename "$folder")"
  mkdir -p "$out/$name"
  cp "$folder/function.json" "$out/$name/function.json"
done
echo "function app folder: $out ($(find "$out" -maxdepth 1 -mindepth 1 -type d | wc -l) folders)"
