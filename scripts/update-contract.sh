#!/usr/bin/env bash
# Builds the host (which writes its OpenAPI document) and copies the document over the checked-in contract that
# shared/ValeoErp.Client generates the typed client from. Run after changing an endpoint; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build functions/ValeoErp.Functions -nologo -v q
cp functions/ValeoErp.Functions/obj/openapi/valeo-erp.json shared/ValeoErp.Client/valeo-erp.openapi.json
git --no-pager diff --stat -- shared/ValeoErp.Client/valeo-erp.openapi.json
