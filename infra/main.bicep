// VALEO ERP on Azure: one resource group with the function app (custom handler, Flex Consumption),
// Cosmos DB, Storage, Service Bus, AI Search, Key Vault, monitoring and API Management.
// Managed identity everywhere: no key or connection string is created, read or passed.
targetScope = 'subscription'

@minLength(1)
@maxLength(32)
@description('Name of the azd environment, used to name resources.')
param environmentName string

@minLength(1)
param location string

@description('Entra ID tenant (directory) that issues the tokens for the API.')
param entraTenantId string = tenant().tenantId

@description('Application ID URI or client id of the API app registration (token audience).')
param apiAudience string

@description('Client id (GUID) of the API app registration: Microsoft.Identity.Web needs it; v2 access tokens carry it as audience.')
param apiClientId string

@description('Client id of the console\'s app registration (single-page application, redirect URI https://<host>/authentication/login-callback). Empty: the console says sign-in is not configured.')
param consoleClientId string = ''

@description('Publisher e-mail for API Management.')
param publisherEmail string

@description('Public base URL the verification QR code on every issued PDF points to (archived PDFs keep it for the whole retention period). Empty: the API Management gateway. Set it before the first posting, e.g. to a custom domain.')
param publicBaseUrl string = ''

var token = toLower(uniqueString(subscription().id, environmentName, location))
// Known before API Management exists: the function app's settings need the gateway URL, while API Management needs
// the function app's host name as its backend (a module output would make a cycle).
var apimName = 'apim-valeo-${token}'
var documentsBaseUrl = empty(publicBaseUrl) ? 'https://${apimName}.azure-api.net' : publicBaseUrl
var tags = { 'azd-env-name': environmentName, product: 'valeo-erp' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { name: 'valeo-${token}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: { name: 'stvaleo${token}', location: location, tags: tags }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: { name: 'cosmos-valeo-${token}', location: location, tags: tags }
}

module messaging 'app/messaging.bicep' = {
  name: 'messaging'
  scope: rg
  params: { name: 'sb-valeo-${token}', location: location, tags: tags }
}

module search 'app/search.bicep' = {
  name: 'search'
  scope: rg
  params: { name: 'srch-valeo-${token}', location: location, tags: tags }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: { name: 'kv-valeo-${token}', location: location, tags: tags }
}

module functionApp 'app/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: 'func-valeo-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainer
    appSettings: {
      Runtime__Shape: 'Azure'
      Auth__Authority: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
      Auth__Audience: apiAudience
      Auth__ClientId: apiClientId
      Auth__ConsoleClientId: consoleClientId
      ServiceBusConnection__fullyQualifiedNamespace: messaging.outputs.fullyQualifiedNamespace
      CosmosDBConnection__accountEndpoint: cosmos.outputs.endpoint
      Storage__Provider: 'Cosmos'
      // The package folder is read-only on Flex Consumption; the SQLite scratch file (local queue) goes to /tmp.
      Storage__DataDirectory: '/tmp/valeo'
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      Blobs__Provider: 'Azure'
      Blobs__ServiceUri: storage.outputs.blobEndpoint
      // The QR code of issued documents leads to GET {this}/api/v1/verify/{code} (anonymous in API Management).
      Documents__PublicBaseUrl: documentsBaseUrl
      Search__Provider: 'AzureAISearch'
      Search__Endpoint: search.outputs.endpoint
      KeyVault__Uri: keyVault.outputs.uri
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    }
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
    serviceBusName: messaging.outputs.name
    searchName: search.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module apim 'app/apim.bicep' = {
  name: 'apim'
  scope: rg
  params: {
    name: apimName
    location: location
    tags: tags
    publisherEmail: publisherEmail
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/api'
    entraTenantId: entraTenantId
    apiAudience: apiAudience
  }
}

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output API_GATEWAY_URL string = apim.outputs.gatewayUrl
output API_MANAGEMENT_NAME string = apim.outputs.name
output FUNCTION_APP_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output DOCUMENTS_PUBLIC_BASE_URL string = documentsBaseUrl
