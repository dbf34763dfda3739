using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

public sealed record QueuedMessage(long Id, string Topic, string Subscription, BusMessage Message, int DeliveryCount, Instant EnqueuedAt);

public sealed record DeadLetter(long Id, string Subscription, string MessageId, string Subject, int DeliveryCount, string? Reason,
    Instant? DeadLetteredAt, Instant EnqueuedAt);

/// <summary>
/// The receiving side of the local bus that plays Service Bus for the local shape and the tests: peek-lock
/// with a delivery count, abandon with a retry time, dead-letter, and replay from the dead-letter queue.
/// </summary>
public interface ILocalQueue
{
    Task<IReadOnlyList<QueuedMessage>> Claim(Instant now, Duration lockFor, int limit, CancellationToken ct);
    Task Complete(long id, CancellationToken ct);

    /// <summary>Completes a round's successful deliveries in one write.</summary>
    Task Complete(IReadOnlyCollection<long> ids, CancellationToken ct);
    Task Abandon(long id, Instant visibleAt, string error, CancellationToken ct);
    Task DeadLetter(long id, string reason, Instant at, CancellationToken ct);
    Task<IReadOnlyList<DeadLetter>> DeadLetters(TenantId tenant, CancellationToken ct);
    Task<bool> Replay(TenantId tenant, long id, Instant now, CancellationToken ct);
    Task<int> Active(CancellationToken ct);
}
