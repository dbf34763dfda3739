#!/usr/bin/env bash
# azd postdeploy hook: (re)imports the API's operations into API Management from the OpenAPI document the
# freshly deployed app serves. The API itself, its JWT policy and rate limit come from infra/app/apim.bicep.
# Needs: az logged in (deploy.yml: azure/login with the federated identity), python3, and the azd outputs below.
#
# Paths: the app routes /api/v1/... (host.json routePrefix "api"), so its OpenAPI paths start with /api. The APIM API
# has the URL suffix `api` and the backend https://<app>/api; imported as they are, the operations would be reached
# at <gateway>/api/api/v1/... and forwarded to <app>/api/api/v1/.... So the leading /api is taken off every path
# before the import: <gateway>/api/v1/x -> operation /v1/x -> <app>/api/v1/x, the same URL as on the app itself
# (and what the QR code's Documents__PublicBaseUrl + /api/v1/verify/{code} expects).
set -euo pipefail
: "${AZURE_RESOURCE_GROUP:?}" "${API_MANAGEMENT_NAME:?}" "${FUNCTION_APP_API_URL:?}"
document="$FUNCTION_APP_API_URL/openapi/v1.json"

spec=$(mktemp --suffix=.json)
trap 'rm -f "$spec"' EXIT
# A Flex Consumption app may still be starting after the deploy.
for attempt in $(seq 1 30); do
  if curl -fsS -o "$spec" "$document"; then break; fi
  [ "$attempt" -eq 30 ] && { echo "the app did not serve $document" >&2; exit 1; }
  sleep 10
done

python3 "$(dirname "$0")/strip-api-prefix.py" "$spec"

az apim api import \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --service-name "$API_MANAGEMENT_NAME" \
  --api-id valeo-erp \
  --path api \
  --display-name "VALEO ERP" \
  --protocols https \
  --subscription-required false \
  --service-url "$FUNCTION_APP_API_URL" \
  --specification-format OpenApiJson \
  --specification-path "$spec" \
  --output none
echo "imported the operations of $document into $API_MANAGEMENT_NAME/valeo-erp"
