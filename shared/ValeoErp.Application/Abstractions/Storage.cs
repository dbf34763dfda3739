using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// The unit of atomicity: one tenant and one scope - the bookkeeping year for transactional records,
/// <c>master</c> for master and reference data. In Cosmos this is the partition key <c>{tenant}|{scope}</c>.
/// </summary>
public readonly record struct Scope(string Value)
{
    public static readonly Scope Master = new("master");
    public static Scope Year(int year) => new(year.ToString("0000"));
    public override string ToString() => Value;
}

/// <summary>A stored record: its JSON and the version that becomes its ETag.</summary>
public sealed record StoredRecord(string Type, string Id, long Version, string Json);

/// <summary>What a list can be sorted and filtered by, kept beside the JSON so no adapter parses it to query.</summary>
public sealed record RecordIndex(string SortKey, string Search, IReadOnlyList<string> Labels)
{
    public static RecordIndex For(string sortKey, params string?[] searchable) =>
        new(sortKey, SearchText.Index(searchable), []);

    public RecordIndex WithLabels(IEnumerable<string> labels) => this with { Labels = labels.ToArray() };
}

public abstract record RecordWrite(string Type, string Id);
public sealed record CreateRecord(string Type, string Id, string Json, RecordIndex Index) : RecordWrite(Type, Id);
public sealed record ReplaceRecord(string Type, string Id, long ExpectedVersion, string Json, RecordIndex Index) : RecordWrite(Type, Id);
public sealed record DeleteRecord(string Type, string Id, long ExpectedVersion) : RecordWrite(Type, Id);

/// <summary>
/// Writes nothing but fails the whole commit when the record exists (e.g. a closed-period marker).
/// On Cosmos: create + delete of that id in the same batch.
/// </summary>
public sealed record AssertAbsent(string Type, string Id) : RecordWrite(Type, Id);

/// <summary>
/// Who changed what, when, with the state before and after (GoBD traceability). <see cref="EventId"/> is the event
/// written with it, through which the audit chain covers the row (null on rows written before the chain did).
/// </summary>
public sealed record AuditEntry(
    Instant At, string Actor, string Action, string EntityType, string EntityId,
    string? Before, string? After, string? CorrelationId, string? EventId = null);

/// <summary>
/// A domain event written in the same atomic write as the change that caused it. <see cref="NotBefore"/>
/// schedules it (process timeouts); <see cref="TraceParent"/> carries the W3C trace context onward.
/// </summary>
public sealed record OutboxMessage(
    string Id, string Type, string Subject, Instant Time, string? CorrelationId, string? CausationId, string Data)
{
    public string? TraceParent { get; init; }
    public string? Actor { get; init; }
    public Instant? NotBefore { get; init; }
}

/// <summary>The first response to a POST with an Idempotency-Key, replayed for every repeat.</summary>
public sealed record IdempotencyRecord(
    string Key, string RequestHash, int Status, string? Location, string? ETag, string Body, Instant CreatedAt);

public sealed record AuditRecord(long Sequence, AuditEntry Entry);

public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>A list request; <see cref="KeyFrom"/>/<see cref="KeyTo"/> bound the sort key inclusively (e.g. a date range).</summary>
public sealed record RecordQuery(string Type, int Limit, string? Continuation = null, string? Label = null, string? Search = null,
    string? KeyFrom = null, string? KeyTo = null)
{
    /// <summary>Further labels a record must all carry besides <see cref="Label"/>.</summary>
    public IReadOnlyList<string> MoreLabels { get; init; } = [];
}

/// <summary>Everything one command writes; committed all or nothing in one scope.</summary>
public sealed class ChangeSet
{
    public List<RecordWrite> Writes { get; } = [];
    public List<AuditEntry> Audit { get; } = [];
    public List<OutboxMessage> Events { get; } = [];
    public IdempotencyRecord? Idempotency { get; set; }

    public bool IsEmpty => Writes.Count == 0 && Audit.Count == 0 && Events.Count == 0 && Idempotency is null;

    /// <summary>
    /// The most item operations one atomic write may hold on every adapter: Cosmos DB's limit per transactional
    /// batch. Every adapter enforces it, so a command too large for Cosmos fails in the embedded tests as well.
    /// </summary>
    public const int MaxOperations = 100;

    /// <summary>Item operations this change set needs (an <see cref="AssertAbsent"/> is a create plus a delete).</summary>
    public int Operations => Writes.Sum(w => w is AssertAbsent ? 2 : 1) + Audit.Count + Events.Count + (Idempotency is null ? 0 : 1);

    /// <exception cref="ChangeSetTooLargeException">The change set exceeds <see cref="MaxOperations"/>.</exception>
    public void EnsureWithinLimit()
    {
        if (Operations > MaxOperations) throw new ChangeSetTooLargeException(Operations);
    }
}

/// <summary>A command tried to write more than one atomic write can hold; nothing was written.</summary>
public sealed class ChangeSetTooLargeException(int operations)
    : Exception($"A change set of {operations} operations exceeds the {ChangeSet.MaxOperations} one atomic write can hold.")
{
    public int Operations { get; } = operations;
}

/// <summary>
/// The storage port. Adapters (SQLite, Cosmos) must give the same semantics: tenant isolation by
/// construction, versions that increase by one per write, conflicts reported as exceptions below,
/// and <see cref="Commit"/> atomic within one (tenant, scope).
/// </summary>
public interface IRecordStore
{
    Task<StoredRecord?> Get(TenantId tenant, Scope scope, string type, string id, CancellationToken ct);

    Task<Page<StoredRecord>> List(TenantId tenant, Scope scope, RecordQuery query, CancellationToken ct);

    /// <exception cref="RecordConflictException">A create met an existing id, or a replace/delete a different version.</exception>
    Task Commit(TenantId tenant, Scope scope, ChangeSet changes, CancellationToken ct);

    Task<IdempotencyRecord?> FindIdempotency(TenantId tenant, string key, CancellationToken ct);

    Task<Page<AuditRecord>> ListAudit(TenantId tenant, string? entityId, int limit, string? continuation, CancellationToken ct);

    /// <summary>The audit rows written with these events (rows without an event id are not found).</summary>
    Task<IReadOnlyDictionary<string, AuditRecord>> FindAudit(TenantId tenant, IReadOnlyCollection<string> eventIds, CancellationToken ct);

    /// <summary>True when the store can serve requests (readiness).</summary>
    Task<bool> Ping(CancellationToken ct);
}

/// <summary>One record as it travels in a backup: everything needed to put it back exactly.</summary>
public sealed record ExportedRecord(string Scope, string Type, string Id, long Version, string SortKey, string Search,
    IReadOnlyList<string> Labels, string Json);

/// <summary>Whole-tenant reads and writes for backup and restore; not for request paths.</summary>
public interface ITenantTransfer
{
    Task<IReadOnlyList<TenantId>> Tenants(CancellationToken ct);
    IAsyncEnumerable<ExportedRecord> Records(TenantId tenant, CancellationToken ct);
    IAsyncEnumerable<AuditEntry> Audit(TenantId tenant, CancellationToken ct);

    /// <summary>Writes a tenant into a store that holds nothing of it yet (refused otherwise).</summary>
    Task Import(TenantId tenant, IReadOnlyList<ExportedRecord> records, IReadOnlyList<AuditEntry> audit, CancellationToken ct);
}

public enum ConflictKind { AlreadyExists, VersionMismatch, Missing, Present }

/// <summary>The atomic write was refused; nothing of it was written.</summary>
public sealed class RecordConflictException(ConflictKind kind, string type, string id)
    : Exception($"{kind}: {type} '{id}'")
{
    public ConflictKind Kind { get; } = kind;
    public string Type { get; } = type;
    public string Id { get; } = id;
}

/// <summary>Raised when the idempotency record of a concurrent twin request won the race.</summary>
public sealed class IdempotencyRaceException(string key) : Exception($"Idempotency-Key '{key}' was committed concurrently.");

/// <summary>A continuation token was not one this store issued.</summary>
public sealed class InvalidContinuationException() : Exception("The continuation token is not valid for this list.");
