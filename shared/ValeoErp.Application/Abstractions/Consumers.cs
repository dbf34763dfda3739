using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// A subscriber to domain events. It must be idempotent: it writes <see cref="Consumption.Mark"/> in the
/// same atomic write as its effect, so a redelivered message finds its mark and changes nothing. It throws
/// (or returns an error) when the effect could not be committed, so the message is retried.
/// </summary>
public interface IEventConsumer
{
    /// <summary>The Functions function name that delivers to it, e.g. <c>AuditChain</c>.</summary>
    string Function { get; }

    Task Handle(EventEnvelope envelope, CancellationToken ct);
}

/// <summary>
/// A consumer that can take a session's messages as one batch (function.json <c>cardinality: many</c>): one
/// tenant's events in delivery order, applied in one atomic write. It is idempotent per message as
/// <see cref="IEventConsumer"/> is: a batch that is delivered again, whole or in part, changes nothing twice.
/// </summary>
public interface IBatchEventConsumer : IEventConsumer
{
    Task HandleBatch(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct);
}

public static class Consumption
{
    public const string Type = "processed";

    /// <summary>The processed-message record: created with the effect; a second one for the same message conflicts.</summary>
    public static void Mark(ChangeSet changes, string consumer, string messageId) =>
        changes.Writes.Add(new CreateRecord(Type, $"{consumer}:{messageId}", "{}", RecordIndex.For(messageId)));

    public static bool IsDuplicate(RecordConflictException e) => e is { Type: Type, Kind: ConflictKind.AlreadyExists };

    public static bool IsDuplicate(Error? error) => error is ConcurrentWrite { Type: Type };

    /// <summary>Commits an effect with its mark; a duplicate delivery is success without effect.</summary>
    public static async Task Commit(Ledger ledger, Scope scope, ChangeSet changes, string consumer, string messageId, CancellationToken ct)
    {
        Mark(changes, consumer, messageId);
        var error = await ledger.Commit(scope, changes, ct);
        if (error is null || IsDuplicate(error)) return;
        throw new ConsumerRetryException(error);
    }

    public static async Task<bool> AlreadyDone(Ledger ledger, Scope scope, string consumer, string messageId, CancellationToken ct) =>
        await ledger.Find<object>(scope, Type, $"{consumer}:{messageId}", ct) is not null;
}

/// <summary>The effect lost a race or broke a rule transiently: answer non-2xx so the broker redelivers.</summary>
public sealed class ConsumerRetryException(Error error) : Exception($"{error.Code}: {error.Message}")
{
    public Error Error { get; } = error;
}
