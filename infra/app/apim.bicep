// API Management in front of the function app: every call needs a valid Entra ID token for our audience, and
// callers are rate-limited. The operations are imported from the app's own OpenAPI document after each deploy
// (azure.yaml postdeploy -> scripts/import-api.sh): the document exists only once the code is deployed, and at
// ~250 KB it is too large to inline here (loadTextContent stops at 131,072 characters).
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

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: service
  name: 'valeo-erp'
  properties: {
    displayName: 'VALEO ERP'
    path: 'api'
    protocols: [ 'https' ]
    subscriptionRequired: false
    serviceUrl: backendUrl
  }
}

// The policy lives in its own file; Bicep fills in the Entra tenant and our audience.
resource policy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: replace(replace(loadTextContent('apim-policy.xml'), '{{tenant}}', entraTenantId), '{{audience}}', apiAudience)
  }
  dependsOn: [ backend ]
}

output gatewayUrl string = service.properties.gatewayUrl
output name string = service.name
