using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>The authenticated caller. The tenant comes from the token, never from the request.</summary>
public sealed record Actor(TenantId Tenant, string UserId, IReadOnlySet<string> Scopes);

public sealed record IdempotencyRequest(string Key, string RequestHash);

/// <summary>Per-request facts the edge knows and the features need; filled once by the HTTP layer.</summary>
public sealed class RequestContext
{
    private Actor? _actor;

    public Actor Actor
    {
        get => _actor ?? throw new InvalidOperationException("No authenticated actor in this request.");
        set => _actor = value;
    }

    public bool HasActor => _actor is not null;
    public string? CorrelationId { get; set; }

    /// <summary>W3C traceparent of the request or the message being handled, stored with the events it causes.</summary>
    public string? TraceParent { get; set; }

    /// <summary>The event a consumer is handling: the cause of the events it emits.</summary>
    public string? CausationId { get; set; }
    public IdempotencyRequest? Idempotency { get; set; }
}
