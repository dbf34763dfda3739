using System.Text.Json;
using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>infra/app/messaging.json: the one description of topics and subscriptions, for Bicep and the local bus.</summary>
public sealed record MessagingModel(IReadOnlyList<TopicModel> Topics)
{
    public static MessagingModel Load(string path) =>
        JsonSerializer.Deserialize<MessagingModel>(File.ReadAllText(path), ValeoJson.Options)
        ?? throw new InvalidOperationException($"{path} holds no messaging model.");

    public SubscriptionModel? Find(string topic, string subscription) =>
        Topics.FirstOrDefault(t => t.Name == topic)?.Subscriptions.FirstOrDefault(s => s.Name == subscription);
}

public sealed record TopicModel(string Name, bool RequiresDuplicateDetection, IReadOnlyList<SubscriptionModel> Subscriptions);

public sealed record SubscriptionModel(string Name, int MaxDeliveryCount, IReadOnlyList<RuleModel> Rules)
{
    /// <summary>Messages of one session (the tenant) are handed out one at a time, in order - the audit chain needs that.</summary>
    public bool RequiresSession { get; init; }

    /// <summary>Correlation filters on Subject, OR-ed; no rule means the default rule that takes everything.</summary>
    public bool Accepts(string subject) => Rules.Count == 0 || Rules.Any(r => r.Subject == subject);
}

public sealed record RuleModel(string Name, string Subject);

/// <summary>
/// The envelope every domain event travels in (CloudEvents-like). The Service Bus message carries it as
/// its body; MessageId = Id, Subject = Type, CorrelationId and the W3C trace parent as properties.
/// </summary>
public sealed record EventEnvelope(
    string Id, string Type, string Source, string Subject, Instant Time, string TenantId,
    string? CorrelationId, string? CausationId, string? TraceParent, string? Actor, JsonElement Data);

/// <summary>An event read back from the outbox, with the position that orders it per store.</summary>
public sealed record StoredEvent(long Sequence, TenantId Tenant, Scope Scope, OutboxMessage Message);

/// <summary>The outbox side of the relay: what is not yet published, and marking it published.</summary>
public interface IOutbox
{
    Task<IReadOnlyList<StoredEvent>> Unpublished(int limit, Instant olderThan, CancellationToken ct);

    /// <summary>The unpublished events among these ids (what a change-feed batch announced).</summary>
    Task<IReadOnlyList<StoredEvent>> Unpublished(IReadOnlyCollection<string> eventIds, CancellationToken ct);
    Task MarkPublished(IReadOnlyCollection<string> eventIds, Instant at, CancellationToken ct);

    /// <summary>A tenant's events after a position, for live updates (server-sent events resume from Last-Event-ID).</summary>
    Task<IReadOnlyList<StoredEvent>> After(TenantId tenant, long afterSequence, int limit, CancellationToken ct);

    /// <summary>The position of the tenant's newest event (0 when none).</summary>
    Task<long> Head(TenantId tenant, CancellationToken ct);
}

/// <summary>A message as the broker sees it (Service Bus: body + broker properties + application properties).</summary>
public sealed record BusMessage(
    string MessageId, string Subject, string? CorrelationId, string Body, string TenantId,
    IReadOnlyDictionary<string, string> Properties, Instant? ScheduledEnqueueTime = null);

/// <summary>Publishes to the topic <c>domain-events</c>: the local bus, or Service Bus through its REST API.</summary>
public interface IEventPublisher
{
    Task Publish(IReadOnlyList<BusMessage> messages, CancellationToken ct);
}

public static class Envelopes
{
    public const string Topic = "domain-events";
    public const string Source = "/valeo-erp";

    public static EventEnvelope From(StoredEvent e) => new(
        e.Message.Id, e.Message.Type, Source, e.Message.Subject, e.Message.Time, e.Tenant.Value, e.Message.CorrelationId,
        e.Message.CausationId, e.Message.TraceParent, e.Message.Actor, JsonDocument.Parse(e.Message.Data).RootElement.Clone());

    public static BusMessage ToMessage(StoredEvent e)
    {
        // SessionId = tenant: subscriptions that require sessions process one tenant's events in order.
        var properties = new Dictionary<string, string> { ["tenantId"] = e.Tenant.Value, ["SessionId"] = e.Tenant.Value };
        if (e.Message.TraceParent is { } trace) properties["traceparent"] = trace;
        return new BusMessage(e.Message.Id, e.Message.Type, e.Message.CorrelationId, ValeoJson.Serialize(From(e)), e.Tenant.Value,
            properties, e.Message.NotBefore);
    }
}
