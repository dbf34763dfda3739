param name string
param location string
param tags object

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    capabilities: [ { name: 'EnableServerless' } ]
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: 'valeo'
  properties: { resource: { id: 'valeo' } }
}

// One container for all records: synthetic partition key {tenantId}|{scope} (ADR 2); the composite index serves
// the keyset lists (see CosmosRecordStore.ContainerDefinition).
resource records 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'records'
  properties: {
    resource: {
      id: 'records'
      partitionKey: { paths: [ '/pk' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        includedPaths: [ { path: '/*' } ]
        // Payloads are never filtered on (queries use the top-level index fields), so they cost no index RU on writes.
        excludedPaths: [ { path: '/data/*' }, { path: '/message/*' }, { path: '/entry/*' }, { path: '/record/*' }, { path: '/"_etag"/?' } ]
        compositeIndexes: [ [ { path: '/sortKey', order: 'ascending' }, { path: '/recordId', order: 'ascending' } ] ]
      }
    }
  }
}

// Pre-created: the change-feed trigger cannot create it with an Entra identity.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'leases'
  properties: { resource: { id: 'leases', partitionKey: { paths: [ '/id' ], kind: 'Hash' } } }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
