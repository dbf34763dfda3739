// API Management in front of the function app: the API is imported from the app's own OpenAPI document,
// every call needs a valid Entra ID token for our audience, and callers are rate-limited.
param name string
param location string
param tags object
param publisherEmail string
param backendUrl string
param entraTenantId string
param apiAudience string

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Consumption', capacity: 0 }
  identity: { type: 'SystemAssigned' }
  properties: { publisherEmail: publisherEmail, publisherName: 'VALEO ERP' }
}

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: service
  name: 'valeo-functions'
  properties: { protocol: 'http', url: backendUrl }
}

// The document is served anonymously by the app (/api/openapi/v1.json), so the import follows the deployed code.
resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: service
  name: 'valeo-erp'
  properties: {
    path: 'api'
    protocols: [ 'https' ]
    subscriptionRequired: false
    format: 'openapi+json-link'
    value: '${backendUrl}/openapi/v1.json'
    serviceUrl: backendUrl
  }
}

resource policy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '''
<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">
      <openid-config url="https://login.microsoftonline.com/${entraTenantId}/v2.0/.well-known/openid-configuration" />
      <audiences><audience>${apiAudience}</audience></audiences>
    </validate-jwt>
    <rate-limit calls="600" renewal-period="60" />
    <set-backend-service backend-id="valeo-functions" />
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
'''
  }
  dependsOn: [ backend ]
}

output gatewayUrl string = service.properties.gatewayUrl
