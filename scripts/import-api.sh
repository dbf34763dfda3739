#!/usr/bin/env bash
# azd postdeploy hook: (re)imports the API's operations into API Management from the OpenAPI document the
# freshly deployed app serves. The API itself, its JWT policy and rate limit come from infra/app/apim.bicep.
# Needs: az logged in (deploy.yml: azure/login with the federated identity), and the azd outputs below.
set -euo pipefail
: "${AZURE_RESOURCE_GROUP:?}" "${API_MANAGEMENT_NAME:?}" "${FUNCTION_APP_API_URL:?}"
document="$FUNCTION_APP_API_URL/openapi/v1.json"

# A Flex Consumption app may still be starting after the deploy.
for attempt in $(seq 1 30); do
  if curl -fsS -o /dev/null "$document"; then break; fi
  [ "$attempt" -eq 30 ] && { echo "the app did not serve $document" >&2; exit 1; }
  sleep 10
done

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
  --specification-url "$document" \
  --output none
echo "imported the operations of $document into $API_MANAGEMENT_NAME/valeo-erp"
