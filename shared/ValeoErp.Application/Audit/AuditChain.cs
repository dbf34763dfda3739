using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Audit;

/// <summary>One link of a tenant's audit chain: the event it records and the hash over it and its predecessor.</summary>
public sealed record ChainEntry(long Sequence, string EventId, string EventType, string Subject, Instant Time, string? Actor,
    string? CorrelationId, string DataHash, string PreviousHash, string Hash);

public sealed record ChainHead(long Sequence, string Hash);

public sealed record ChainVerification(bool Valid, long Entries, ChainEntryRef? FirstBroken, string? Reason);

public sealed record ChainEntryRef(long Sequence, string EventId, string EventType);

/// <summary>
/// The audit log an auditor can trust (GoBD): an append-only consumer of every domain event that links
/// each entry to its predecessor by SHA-256, per tenant. Changing, removing or reordering any entry breaks
/// every hash after it, and <see cref="Verify"/> names the first broken one.
/// </summary>
public sealed class AuditChain(Ledger ledger) : IBatchEventConsumer
{
    public const string EntryType = "audit-chain", HeadType = "audit-head", HeadId = "head";
    public static readonly Scope ChainScope = new("audit");
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string Function => "AuditChain";

    /// <summary>One event is a batch of one: the same link, the same skip of what is already chained.</summary>
    public Task Handle(EventEnvelope e, CancellationToken ct) => LinkAll([e], ct);

    /// <summary>
    /// Links a session's events (one tenant, delivery order) in one commit: the chain is the same as one event
    /// at a time, but a posting's thirteen events cost one write instead of thirteen. Events already in the chain
    /// are skipped; when a concurrent delivery linked some of them first, the batch runs again on the new head.
    /// </summary>
    public async Task HandleBatch(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct)
    {
        // Each event writes its entry and its mark, and the head is written once: as many as one atomic write holds.
        foreach (var chunk in envelopes.Chunk((ChangeSet.MaxOperations - 1) / 2))
            await LinkAll(chunk, ct);
    }

    private Task LinkAll(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct) =>
        Retry(async () =>
        {
            var pending = new List<EventEnvelope>(envelopes.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in envelopes)
                if (seen.Add(e.Id) && !await Consumption.AlreadyDone(ledger, ChainScope, Function, e.Id, ct)) pending.Add(e);
            if (pending.Count == 0) return null;
            var head = await ledger.Find<ChainHead>(ChainScope, HeadType, HeadId, ct);
            var previous = head?.Value ?? new ChainHead(0, Genesis);
            var changes = new ChangeSet();
            foreach (var e in pending)
            {
                var entry = Link(previous, e);
                Ledger.Create(changes, EntryType, Key(entry.Sequence), entry, RecordIndex.For(Key(entry.Sequence)));
                Consumption.Mark(changes, Function, e.Id);
                previous = new ChainHead(entry.Sequence, entry.Hash);
            }
            if (head is null) Ledger.Create(changes, HeadType, HeadId, previous, RecordIndex.For(HeadId));
            else Ledger.Replace(changes, HeadType, HeadId, head.Version, previous, RecordIndex.For(HeadId));
            // A duplicate mark is a ConcurrentWrite: Retrying runs the batch again, and the marks filter what is done.
            return await ledger.Commit(ChainScope, changes, ct);
        });

    public async Task<ChainVerification> Verify(CancellationToken ct)
    {
        var previous = new ChainHead(0, Genesis);
        string? continuation = null;
        do
        {
            var page = await ledger.List<ChainEntry>(ChainScope, new RecordQuery(EntryType, 500, continuation), ct);
            foreach (var (entry, _) in page.Items)
            {
                var reason = entry.Sequence != previous.Sequence + 1 ? $"sequence {entry.Sequence} follows {previous.Sequence}"
                    : entry.PreviousHash != previous.Hash ? "its link to the previous entry does not match"
                    : entry.Hash != Compute(entry) ? "its content does not match its hash"
                    : null;
                if (reason is not null)
                    return new ChainVerification(false, previous.Sequence, new ChainEntryRef(entry.Sequence, entry.EventId, entry.EventType), reason);
                previous = new ChainHead(entry.Sequence, entry.Hash);
            }
            continuation = page.Continuation;
        } while (continuation is not null);

        var head = await ledger.Find<ChainHead>(ChainScope, HeadType, HeadId, ct);
        if (head is not null && head.Value != previous)
            return new ChainVerification(false, previous.Sequence, null, $"the chain ends at {previous.Sequence} but its head says {head.Value.Sequence}: entries were removed");
        return new ChainVerification(true, previous.Sequence, null, null);
    }

    public static ChainEntry Link(ChainHead previous, EventEnvelope e)
    {
        var dataHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(e.Data.GetRawText())));
        var entry = new ChainEntry(previous.Sequence + 1, e.Id, e.Type, e.Subject, e.Time, e.Actor, e.CorrelationId, dataHash, previous.Hash, "");
        return entry with { Hash = Compute(entry) };
    }

    private static string Compute(ChainEntry e) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        e.PreviousHash, e.Sequence, e.EventId, e.EventType, e.Subject, InstantPattern.ExtendedIso.Format(e.Time), e.Actor ?? "",
        e.CorrelationId ?? "", e.DataHash))));

    private static string Key(long sequence) => sequence.ToString("D12");

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static async Task Retry(Func<Task<Error?>> attempt)
    {
        var result = await Ledger.Retrying<bool>(async () => await attempt() is { } error ? error : true);
        if (!result.IsSuccess) throw new ConsumerRetryException(result.Error!);
    }
}
