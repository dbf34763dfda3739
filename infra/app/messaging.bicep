// Topics, subscriptions and filters come from messaging.json, the file the local bus reads too.
param name string
param location string
param tags object

var messaging = loadJsonContent('messaging.json')

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: { disableLocalAuth: true, minimumTlsVersion: '1.2' }
}

resource topics 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = [for topic in messaging.topics: {
  parent: namespace
  name: topic.name
  properties: {
    requiresDuplicateDetection: topic.requiresDuplicateDetection
    duplicateDetectionHistoryTimeWindow: topic.duplicateDetectionHistoryTimeWindow
    defaultMessageTimeToLive: topic.defaultMessageTimeToLive
  }
}]

var subscriptions = flatten(map(messaging.topics, topic => map(topic.subscriptions, sub => { topic: topic.name, sub: sub })))

resource subs 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for s in subscriptions: {
  name: '${name}/${s.topic}/${s.sub.name}'
  properties: {
    maxDeliveryCount: s.sub.maxDeliveryCount
    lockDuration: s.sub.lockDuration
    requiresSession: s.sub.requiresSession
    deadLetteringOnMessageExpiration: true
  }
  dependsOn: [ topics ]
}]

var rules = flatten(map(subscriptions, s => map(s.sub.rules, r => { topic: s.topic, sub: s.sub.name, rule: r })))

// A subscription with rules drops the default match-all rule and keeps only these correlation filters on Subject.
resource subscriptionRules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2022-10-01-preview' = [for r in rules: {
  name: '${name}/${r.topic}/${r.sub}/${r.rule.name}'
  properties: { filterType: 'CorrelationFilter', correlationFilter: { label: r.rule.subject } }
  dependsOn: [ subs ]
}]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
