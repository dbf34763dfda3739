#!/usr/bin/env bash
# Document output benchmark (issue 12): N posted sales invoices of 10 lines each: pre-posting e-invoice check + build,
# XRechnung UBL bytes, PDF with QR code, archive (folder blob store, SHA-256); median/p99/max per step, invoices/s,
# and whether "PDF + XML + validation median < 25 ms" holds. workers > 1 adds a pass with that many parallel workers.
# The warm-up runs until tiered JIT has settled (see DocumentsBench.WarmUp); BENCH_VERBOSE=1 adds a PDF cost breakdown.
# Usage: bash bench/documents.sh [invoices=1000] [workers=1]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ValeoErp.Bench -- documents "${1:-1000}" "${2:-1}"
