using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Audit;

/// <summary>
/// One link of a tenant's audit chain: the event it records, the hash of the audit row written with that event
/// (<see cref="AuditHash"/>: time, actor, action, entity, before, after, correlation), and the hash over all of it
/// and its predecessor.
/// </summary>
public sealed record ChainEntry(long Sequence, string EventId, string EventType, string Subject, Instant Time, string? Actor,
    string? CorrelationId, string DataHash, string PreviousHash, string Hash, string? AuditHash = null);

public sealed record ChainHead(long Sequence, string Hash);

/// <summary>
/// The answer of verify: <see cref="Entries"/> chain links and <see cref="AuditEntries"/> audit rows checked;
/// <see cref="Pending"/> rows written in the last minutes whose events the chain has not linked yet (never a break);
/// <see cref="Unchained"/> rows from before the chain covered audit rows. A break names the chain link or the row.
/// </summary>
public sealed record ChainVerification(bool Valid, long Entries, long AuditEntries, long Pending, long Unchained,
    ChainEntryRef? FirstBroken, AuditEntryRef? BrokenAuditEntry, string? Reason);

public sealed record ChainEntryRef(long Sequence, string EventId, string EventType);

/// <summary>An audit row as <c>GET /api/v1/audit/logs</c> lists it (sequence) and what it is about.</summary>
public sealed record AuditEntryRef(long Sequence, string Action, string EntityType, string EntityId);

/// <summary>
/// The audit log an auditor can trust (GoBD): an append-only consumer of every domain event that links
/// each entry to its predecessor by SHA-256, per tenant. Changing, removing or reordering any entry breaks
/// every hash after it, and <see cref="Verify"/> names the first broken one.
/// </summary>
public sealed class AuditChain(Ledger ledger, IRecordStore store) : IBatchEventConsumer
{
    /// <summary>How long an audit row may wait for its event to be linked before verify calls it unchained.</summary>
    public static readonly Duration PendingWindow = Duration.FromMinutes(10);

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
            // The audit rows written with these events (same commit, so they exist when the event arrives).
            var rows = await store.FindAudit(ledger.Tenant, [.. pending.Select(e => e.Id)], ct);
            var changes = new ChangeSet();
            foreach (var e in pending)
            {
                var entry = Link(previous, e, rows.TryGetValue(e.Id, out var row) ? AuditHash(row.Entry) : null);
                Ledger.Create(changes, EntryType, Key(entry.Sequence), entry, RecordIndex.For(Key(entry.Sequence)));
                Consumption.Mark(changes, Function, e.Id);
                previous = new ChainHead(entry.Sequence, entry.Hash);
            }
            if (head is null) Ledger.Create(changes, HeadType, HeadId, previous, RecordIndex.For(HeadId));
            else Ledger.Replace(changes, HeadType, HeadId, head.Version, previous, RecordIndex.For(HeadId));
            // A duplicate mark is a ConcurrentWrite: Retrying runs the batch again, and the marks filter what is done.
            return await ledger.Commit(ChainScope, changes, ct);
        });

    /// <summary>
    /// Checks one consistent cut: the head first, then the links up to it (links appended meanwhile are left for the
    /// next verify), then every audit row against the hash its link recorded. Rows whose events are still on their
    /// way are pending, not broken; changed, removed, inserted or reordered rows and links are named.
    /// </summary>
    public async Task<ChainVerification> Verify(CancellationToken ct)
    {
        var cut = (await ledger.Find<ChainHead>(ChainScope, HeadType, HeadId, ct))?.Value ?? new ChainHead(0, Genesis);
        var previous = new ChainHead(0, Genesis);
        var linked = new Dictionary<string, ChainEntry>(StringComparer.Ordinal);
        string? continuation = null;
        var beyondCut = false;
        do
        {
            var page = await ledger.List<ChainEntry>(ChainScope, new RecordQuery(EntryType, 500, continuation), ct);
            foreach (var (entry, _) in page.Items)
            {
                if (entry.Sequence > cut.Sequence) { beyondCut = true; break; }
                var reason = entry.Sequence != previous.Sequence + 1 ? $"sequence {entry.Sequence} follows {previous.Sequence}"
                    : entry.PreviousHash != previous.Hash ? "its link to the previous entry does not match"
                    : entry.Hash != Compute(entry) ? "its content does not match its hash"
                    : null;
                if (reason is not null) return Broken(previous.Sequence, 0, Ref(entry), null, reason);
                if (entry.AuditHash is not null) linked[entry.EventId] = entry;
                previous = new ChainHead(entry.Sequence, entry.Hash);
            }
            continuation = beyondCut ? null : page.Continuation;
        } while (continuation is not null);
        if (previous != cut)
            return Broken(previous.Sequence, 0, null, null, $"the chain ends at {previous.Sequence} but its head says {cut.Sequence}: entries were removed");

        // The audit rows people read: each one's content is what its link recorded, in the order it was recorded.
        long rows = 0, pending = 0, unchained = 0;
        (long Sequence, Instant At)? last = null;
        var oldestPending = ledger.Now - PendingWindow;
        continuation = null;
        do
        {
            var page = await store.ListAudit(ledger.Tenant, null, 500, continuation, ct);
            foreach (var row in page.Items)
            {
                rows++;
                var entry = row.Entry;
                // Rows from before the chain covered audit rows come first; one without its event after them was inserted.
                if (entry.EventId is null && last is null) { unchained++; continue; }
                if (entry.EventId is null)
                    return Broken(previous.Sequence, rows, null, Ref(row), "the audit entry is not in the chain (inserted without an event)");
                if (!linked.Remove(entry.EventId, out var link))
                {
                    if (entry.At >= oldestPending) { pending++; continue; }
                    return Broken(previous.Sequence, rows, null, Ref(row), "the audit entry is not in the chain (inserted, or its event id changed)");
                }
                if (AuditHash(entry) != link.AuditHash)
                    return Broken(previous.Sequence, rows, Ref(link), Ref(row), "the audit entry does not match what the chain recorded for it (changed)");
                // Rows are stored in the order they were committed, the chain links in the order events arrived; the two
                // agree unless rows were moved (a later link stored before an earlier one without a later time).
                if (last is { } before && link.Sequence < before.Sequence && entry.At <= before.At)
                    return Broken(previous.Sequence, rows, Ref(link), Ref(row), $"the audit entry is out of order: the chain recorded it before entry {before.Sequence}");
                last = (link.Sequence, entry.At);
            }
            continuation = page.Continuation;
        } while (continuation is not null);
        if (linked.Values.MinBy(l => l.Sequence) is { } missing)
            return Broken(previous.Sequence, rows, Ref(missing), null, $"the audit entry of {missing.EventType} {missing.Subject} was removed");
        return new ChainVerification(true, previous.Sequence, rows, pending, unchained, null, null, null);
    }

    private static ChainVerification Broken(long entries, long rows, ChainEntryRef? link, AuditEntryRef? row, string reason) =>
        new(false, entries, rows, 0, 0, link, row, reason);

    private static ChainEntryRef Ref(ChainEntry e) => new(e.Sequence, e.EventId, e.EventType);

    private static AuditEntryRef Ref(AuditRecord r) => new(r.Sequence, r.Entry.Action, r.Entry.EntityType, r.Entry.EntityId);

    /// <summary>Every field of an audit row, each length-prefixed (so no two rows can share a text), null told from empty.</summary>
    public static string AuditHash(AuditEntry e)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { InstantPattern.ExtendedIso.Format(e.At), e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.CorrelationId, e.EventId })
            text.Append(field is null ? "-1:" : $"{field.Length}:{field}").Append('\n');
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static ChainEntry Link(ChainHead previous, EventEnvelope e, string? auditHash = null)
    {
        var dataHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(e.Data.GetRawText())));
        var entry = new ChainEntry(previous.Sequence + 1, e.Id, e.Type, e.Subject, e.Time, e.Actor, e.CorrelationId, dataHash, previous.Hash, "", auditHash);
        return entry with { Hash = Compute(entry) };
    }

    /// <summary>Links written before audit rows were chained have no audit hash and keep their original hash text.</summary>
    private static string Compute(ChainEntry e) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        e.PreviousHash, e.Sequence, e.EventId, e.EventType, e.Subject, InstantPattern.ExtendedIso.Format(e.Time), e.Actor ?? "",
        e.CorrelationId ?? "", e.DataHash) + (e.AuditHash is null ? "" : "\n" + e.AuditHash))));

    private static string Key(long sequence) => sequence.ToString("D12");

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static async Task Retry(Func<Task<Error?>> attempt)
    {
        var result = await Ledger.Retrying<bool>(async () => await attempt() is { } error ? error : true);
        if (!result.IsSuccess) throw new ConsumerRetryException(result.Error!);
    }
}
