#!/usr/bin/env bash
# Renders the sample documents through the Documents tests and refreshes the preview PNGs in docs/.
# Needs poppler-utils and zbar-tools (apt-get install -y poppler-utils zbar-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/ValeoErp.Tests.Documents
out="${TMPDIR:-/tmp}/valeo-documents-tests"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/invoice-sample.pdf" docs/invoice-sample-p1
pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$out/invoice-60-lines.pdf" docs/invoice-60-lines-p2
cat "$out/render-times.txt"
