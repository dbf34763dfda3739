param name string
param location string
param tags object

resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'basic' }
  properties: { disableLocalAuth: true, replicaCount: 1, partitionCount: 1, semanticSearch: 'disabled' }
}

output name string = search.name
output endpoint string = 'https://${search.name}.search.windows.net'
