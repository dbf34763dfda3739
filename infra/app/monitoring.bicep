param name string
param location string
param tags object

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  tags: tags
  properties: { retentionInDays: 90, sku: { name: 'PerGB2018' } }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true // telemetry only with Entra (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)
  }
}

output appInsightsName string = appInsights.name
// The connection string of Application Insights names the ingestion endpoint; with local auth off it carries no secret.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
