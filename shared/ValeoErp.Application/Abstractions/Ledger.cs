using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// The unit-of-work helpers every command uses: read typed records, stage writes with their audit
/// entry, event and idempotency record, draw numbers from counters, and commit one change set per scope.
/// Optimistic conflicts come back as <see cref="ConcurrentWrite"/> so <see cref="Retrying{T}"/> can run
/// the whole command again on fresh state.
/// </summary>
public sealed class Ledger(IRecordStore store, RequestContext context, IClock clock)
{
    public const string CounterType = "counter";
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public TenantId Tenant => context.Actor.Tenant;
    public string UserId => context.Actor.UserId;
    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Business dates are German calendar dates.</summary>
    public LocalDate Today => Now.InZone(Berlin).Date;

    public async Task<Versioned<T>?> Find<T>(Scope scope, string type, string id, CancellationToken ct)
    {
        var stored = await store.Get(Tenant, scope, type, id, ct);
        return stored is null ? null : new Versioned<T>(ValeoJson.Deserialize<T>(stored.Json), stored.Version) { Json = stored.Json };
    }

    public async Task<Page<Versioned<T>>> List<T>(Scope scope, RecordQuery query, CancellationToken ct)
    {
        var page = await store.List(Tenant, scope, query, ct);
        return new Page<Versioned<T>>(page.Items.Select(r => new Versioned<T>(ValeoJson.Deserialize<T>(r.Json), r.Version)).ToArray(), page.Continuation);
    }

    /// <summary>Every record of a type in a scope (reference tables, a document's movements); pages internally.</summary>
    public async Task<List<T>> All<T>(Scope scope, string type, CancellationToken ct, string? label = null)
    {
        var all = new List<T>();
        string? continuation = null;
        do
        {
            var page = await List<T>(scope, new RecordQuery(type, 200, continuation, label), ct);
            all.AddRange(page.Items.Select(v => v.Value));
            continuation = page.Continuation;
        } while (continuation is not null);
        return all;
    }

    public static void Create<T>(ChangeSet changes, string type, string id, T entity, RecordIndex index) =>
        changes.Writes.Add(new CreateRecord(type, id, ValeoJson.Serialize(entity), index));

    public static void Replace<T>(ChangeSet changes, string type, string id, long version, T entity, RecordIndex index) =>
        changes.Writes.Add(new ReplaceRecord(type, id, version, ValeoJson.Serialize(entity), index));

    /// <summary>Adds the audit entry (before/after) and the domain event of one change.</summary>
    public void Record(ChangeSet changes, string entityType, string eventType, string id, string? before, string? after)
    {
        var now = Now;
        var eventId = Ids.New();
        changes.Audit.Add(new AuditEntry(now, UserId, eventType, entityType, id, before, after, context.CorrelationId, eventId));
        changes.Events.Add(new OutboxMessage(eventId, eventType, $"{entityType}/{id}", now,
            context.CorrelationId, context.CausationId, after ?? ValeoJson.Serialize(new { id }))
        {
            TraceParent = context.TraceParent,
            Actor = UserId,
        });
    }

    public void Record<T>(ChangeSet changes, string entityType, string eventType, string id, T? before, T after) where T : class =>
        Record(changes, entityType, eventType, id, before is null ? null : ValeoJson.Serialize(before), ValeoJson.Serialize(after));

    /// <summary>Emits an event of its own (not tied to a record change), optionally due only at <paramref name="notBefore"/>.</summary>
    public void Emit(ChangeSet changes, string eventType, string subject, object data, Instant? notBefore = null) =>
        changes.Events.Add(new OutboxMessage(Ids.New(), eventType, subject, Now, context.CorrelationId, context.CausationId, ValeoJson.Serialize(data))
        {
            TraceParent = context.TraceParent,
            Actor = UserId,
            NotBefore = notBefore,
        });

    /// <summary>Adds the idempotency record of this request, if it carries a key, to the atomic write.</summary>
    public void Respond(ChangeSet changes, int status, string? location, string? etag, object body)
    {
        if (context.Idempotency is not { } request) return;
        changes.Idempotency = new IdempotencyRecord(request.Key, request.RequestHash, status, location, etag,
            ValeoJson.Serialize(body), Now);
    }

    /// <summary>
    /// Takes the next value of a counter in the same atomic write: if another command drew it first,
    /// the commit fails and the command runs again - so numbers are unique and leave no gaps.
    /// </summary>
    public async Task<long> Draw(ChangeSet changes, Scope scope, string counter, CancellationToken ct)
    {
        var stored = await store.Get(Tenant, scope, CounterType, counter, ct);
        var next = stored is null ? 1 : ValeoJson.Deserialize<Counter>(stored.Json).Next;
        var json = ValeoJson.Serialize(new Counter(next + 1));
        changes.Writes.Add(stored is null
            ? new CreateRecord(CounterType, counter, json, RecordIndex.For(counter))
            : new ReplaceRecord(CounterType, counter, stored.Version, json, RecordIndex.For(counter)));
        return next;
    }

    public static void SetCounter(ChangeSet changes, string counter, long next) =>
        changes.Writes.Add(new CreateRecord(CounterType, counter, ValeoJson.Serialize(new Counter(next)), RecordIndex.For(counter)));

    /// <summary>Commits; a refused write becomes <see cref="ConcurrentWrite"/>, or what <paramref name="explain"/> makes of it.</summary>
    public async Task<Error?> Commit(Scope scope, ChangeSet changes, CancellationToken ct, Func<RecordConflictException, Error?>? explain = null)
    {
        try
        {
            await store.Commit(Tenant, scope, changes, ct);
            if (changes.Audit.Count(a => a.Action == "journalEntry.posted") is > 0 and var posted) ValeoMetrics.Postings.Add(posted);
            return null;
        }
        catch (RecordConflictException e)
        {
            return explain?.Invoke(e) ?? new ConcurrentWrite(e.Type, e.Id);
        }
    }

    /// <summary>
    /// Runs a command again while it lost an optimistic race (e.g. two postings drawing the same number). After the
    /// first loss, the attempts queue behind the other losers on the same record in this process: a hot record (a
    /// number series, a stock balance) then costs each command about one more attempt instead of a spin of failed
    /// ones, each of which had done all the command's work (a posting renders its PDF). Other processes still meet
    /// the optimistic check at commit; correctness never depends on the queue.
    /// </summary>
    public static async Task<Result<T>> Retrying<T>(Func<Task<Result<T>>> attempt, int maxAttempts = 60)
    {
        var result = await attempt();
        if (result.Error is not ConcurrentWrite conflict || maxAttempts <= 1) return result;
        if (Losers.Count > 10_000) Losers.Clear(); // a rare flood of distinct records: start over, the gates only save work
        var gate = Losers.GetOrAdd($"{conflict.Type}/{conflict.Id}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            for (var i = 2; ; i++)
            {
                result = await attempt();
                if (result.Error is not ConcurrentWrite || i >= maxAttempts) return result;
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(i, 20) * 2));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Losers = new(StringComparer.Ordinal);

    private sealed record Counter(long Next);
}

/// <summary>Another command changed what this one read; running it again on fresh state resolves it (409 if retries run out).</summary>
public sealed record ConcurrentWrite(string Type, string Id)
    : Error("concurrent-write", $"{Type} '{Id}' was changed by a concurrent request; please retry.");
