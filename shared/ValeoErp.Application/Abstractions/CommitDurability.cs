namespace ValeoErp.Application.Abstractions;

/// <summary>
/// Whether the commits of the current flow must be on disk before they return, or may ride on the next durable
/// commit. Background work the bus redelivers (event consumers, the local relay and queue) defers: on the embedded
/// store (SQLite WAL) such a commit is written but not synced; the next synced commit or checkpoint syncs it with
/// everything before it, and a power cut can only lose a suffix of unsynced commits, whose messages are then still
/// undelivered and are consumed again (consumers are idempotent). What a user was told is saved stays synced at
/// once. Adapters with their own durability (Cosmos DB, Service Bus) ignore it. See docs/adr/0010.
/// </summary>
public static class CommitDurability
{
    private static readonly AsyncLocal<bool> Current = new();

    public static bool Deferred => Current.Value;

    /// <summary>Commits until the returned scope is disposed may defer their sync.</summary>
    public static IDisposable Defer()
    {
        var previous = Current.Value;
        Current.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
