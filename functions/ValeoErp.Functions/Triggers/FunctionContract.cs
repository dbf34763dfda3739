using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Triggers;

/// <summary>
/// What must hold between function.json files, messaging.json and the handler, checked in tests so that
/// a broken binding fails a build and not a deployment.
/// </summary>
public static class FunctionContract
{
    public static IReadOnlyList<string> Problems(FunctionCatalog catalog, MessagingModel messaging, IReadOnlySet<string> servedTriggers)
    {
        var problems = new List<string>();
        foreach (var f in catalog.All.Where(f => f.TriggerType != "httpTrigger"))
        {
            if (!servedTriggers.Contains(f.Name)) problems.Add($"{f.Name}: the handler serves no POST /{f.Name}.");
            switch (f.TriggerType)
            {
                case "serviceBusTrigger" when messaging.Find(f.TopicName ?? "", f.SubscriptionName ?? "") is not { } subscription:
                    problems.Add($"{f.Name}: subscription {f.TopicName}/{f.SubscriptionName} is not in messaging.json.");
                    break;
                case "serviceBusTrigger" when messaging.Find(f.TopicName!, f.SubscriptionName!)!.RequiresSession != f.IsSessionsEnabled:
                    problems.Add($"{f.Name}: isSessionsEnabled must match requiresSession of {f.TopicName}/{f.SubscriptionName}.");
                    break;
                case "timerTrigger" when f.Schedule is null:
                    problems.Add($"{f.Name}: a timer needs a schedule.");
                    break;
                case "cosmosDBTrigger" when f.LeaseContainerName is null:
                    problems.Add($"{f.Name}: a change-feed trigger needs a pre-created lease container.");
                    break;
            }
        }
        foreach (var topic in messaging.Topics)
            foreach (var subscription in topic.Subscriptions)
                if (catalog.ForSubscription(topic.Name, subscription.Name) is null)
                    problems.Add($"{topic.Name}/{subscription.Name}: no function consumes this subscription.");
        return problems;
    }
}
