using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// Storage mechanics shared by every master-data slice: one atomic write per command in the tenant's
/// master scope, carrying the record, its unique keys, the audit entry, the domain event and the
/// idempotency record together - so a crash or a retry can never leave half of it behind.
/// </summary>
public sealed class MasterData(IRecordStore store, RequestContext context, Ledger ledger)
{
    private const string UniqueType = "unique";

    private TenantId Tenant => context.Actor.Tenant;

    public async Task<Result<Versioned<T>>> Get<T>(ResourceDefinition<T> def, string id, CancellationToken ct) where T : class
    {
        var stored = await store.Get(Tenant, Scope.Master, def.RecordType, id, ct);
        if (stored is null) return new NotFound(def.Name, id);
        var entity = ValeoJson.Deserialize<T>(stored.Json);
        return def.IsVisible(entity) ? new Versioned<T>(entity, stored.Version) : new NotFound(def.Name, id);
    }

    public async Task<Page<Versioned<T>>> List<T>(ResourceDefinition<T> def, int limit, string? continuation, string? search,
        CancellationToken ct, string? label = null) where T : class
    {
        var query = new RecordQuery(def.RecordType, limit, continuation, label ?? def.Label,
            string.IsNullOrWhiteSpace(search) ? null : SearchText.Query(search));
        var page = await store.List(Tenant, Scope.Master, query, ct);
        return new Page<Versioned<T>>(
            page.Items.Select(r => new Versioned<T>(ValeoJson.Deserialize<T>(r.Json), r.Version)).ToArray(),
            page.Continuation);
    }

    public Task<Result<Versioned<T>>> Create<T>(ResourceDefinition<T> def, Func<Result<T>> build, CancellationToken ct) where T : class =>
        CreateNumbered(def, counter: null, _ => build(), ct);

    /// <summary>Creates a record that takes the next number of a tenant counter, drawn in the same atomic write.</summary>
    public Task<Result<Versioned<T>>> CreateNumbered<T>(
        ResourceDefinition<T> def, string? counter, Func<long, Result<T>> build, CancellationToken ct) where T : class =>
        Ledger.Retrying<Versioned<T>>(async () =>
        {
            var changes = new ChangeSet();
            long number = 0;
            if (counter is not null) number = await ledger.Draw(changes, Scope.Master, counter, ct);

            var built = build(number);
            if (!built.IsSuccess) return built.Error!;
            var entity = built.Value;
            Stage(changes, def, entity);
            var result = new Versioned<T>(entity, 1);
            Respond(changes, 201, $"{def.Path}/{def.IdOf(entity)}", result.ETag, entity);
            return await TryCommit(def, changes, ct) switch
            {
                RetryCounter => new ConcurrentWrite(Ledger.CounterType, counter ?? def.RecordType),
                { } error => error,
                null => result,
            };
        });

    /// <summary>Adds the creation of a record, its unique keys, audit entry and event to a change set.</summary>
    public void Stage<T>(ChangeSet changes, ResourceDefinition<T> def, T entity) where T : class
    {
        var id = def.IdOf(entity);
        var json = ValeoJson.Serialize(entity);
        changes.Writes.Add(new CreateRecord(def.RecordType, id, json, def.Index(entity)));
        foreach (var key in def.UniqueKeys(entity))
            changes.Writes.Add(new CreateRecord(UniqueType, key.RecordId, ValeoJson.Serialize(new { def.RecordType, id }), RecordIndex.For(key.RecordId)));
        Record(changes, def, "created", id, before: null, after: json);
    }

    public async Task<Result<Versioned<T>>> Update<T>(
        ResourceDefinition<T> def, string id, string? ifMatch, Func<T, Result<T>> change, CancellationToken ct) where T : class
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var current = await Get(def, id, ct);
        if (!current.IsSuccess) return current.Error!;
        var (entity, version) = current.Value;
        if (!ETags.Matches(ifMatch, version)) return new VersionMismatch(version);

        var changed = change(entity);
        if (!changed.IsSuccess) return changed.Error!;
        var updated = changed.Value;

        var changes = new ChangeSet();
        var before = ValeoJson.Serialize(entity);
        var after = ValeoJson.Serialize(updated);
        changes.Writes.Add(new ReplaceRecord(def.RecordType, id, version, after, def.Index(updated)));
        var oldKeys = def.UniqueKeys(entity).ToDictionary(k => k.RecordId);
        var newKeys = def.UniqueKeys(updated).ToDictionary(k => k.RecordId);
        foreach (var gone in oldKeys.Keys.Except(newKeys.Keys))
            await ReleaseKey(gone, changes, ct);
        foreach (var added in newKeys.Keys.Except(oldKeys.Keys))
            changes.Writes.Add(new CreateRecord(UniqueType, added, ValeoJson.Serialize(new { def.RecordType, id }), RecordIndex.For(added)));
        Record(changes, def, "updated", id, before, after);

        var outcome = await TryCommit(def, changes, ct);
        return outcome is RetryCounter ? new VersionMismatch(version) : outcome ?? (Result<Versioned<T>>)new Versioned<T>(updated, version + 1);
    }

    public async Task<Result<bool>> Delete<T>(
        ResourceDefinition<T> def, string id, string? ifMatch, Func<T, Task<Error?>> guard, CancellationToken ct) where T : class
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var current = await Get(def, id, ct);
        if (!current.IsSuccess) return current.Error!;
        var (entity, version) = current.Value;
        if (!ETags.Matches(ifMatch, version)) return new VersionMismatch(version);
        if (await guard(entity) is { } refused) return refused;

        var changes = new ChangeSet();
        changes.Writes.Add(new DeleteRecord(def.RecordType, id, version));
        foreach (var key in def.UniqueKeys(entity)) await ReleaseKey(key.RecordId, changes, ct);
        Record(changes, def, "deleted", id, ValeoJson.Serialize(entity), after: null);

        var outcome = await TryCommit(def, changes, ct);
        return outcome is RetryCounter ? new VersionMismatch(version) : outcome ?? (Result<bool>)true;
    }

    public void Respond(ChangeSet changes, int status, string? location, string? etag, object body) =>
        ledger.Respond(changes, status, location, etag, body);

    public void Record(ChangeSet changes, string entityType, string eventName, string action, string id, string? before, string? after) =>
        ledger.Record(changes, entityType, $"{eventName}.{action}", id, before, after);

    private void Record<T>(ChangeSet changes, ResourceDefinition<T> def, string action, string id, string? before, string? after) where T : class =>
        Record(changes, def.RecordType, def.EventName, action, id, before, after);

    /// <summary>Sets a counter that does not exist yet (seeding); a concurrent creator makes the commit fail.</summary>
    public static void StageCounter(ChangeSet changes, string counter, long next) => Ledger.SetCounter(changes, counter, next);

    private async Task ReleaseKey(string recordId, ChangeSet changes, CancellationToken ct)
    {
        var key = await store.Get(Tenant, Scope.Master, UniqueType, recordId, ct);
        if (key is not null) changes.Writes.Add(new DeleteRecord(UniqueType, recordId, key.Version));
    }

    /// <summary>Commits; maps a refused write to the error the client should see, or asks for a retry.</summary>
    private async Task<Error?> TryCommit<T>(ResourceDefinition<T> def, ChangeSet changes, CancellationToken ct) where T : class
    {
        try
        {
            await store.Commit(Tenant, Scope.Master, changes, ct);
            return null;
        }
        catch (RecordConflictException e) when (e.Type == UniqueType && e.Kind == ConflictKind.AlreadyExists)
        {
            var name = e.Id[..e.Id.IndexOf(':')];
            return new RuleBroken($"duplicate-{name}", $"{def.Name} {name} '{e.Id[(name.Length + 1)..]}' is already in use.");
        }
        catch (RecordConflictException e) when (e.Type == def.RecordType && e.Kind == ConflictKind.AlreadyExists)
        {
            // Records whose id is chosen by the user (an account number) meet an existing one here.
            return new RuleBroken("duplicate-id", $"{def.Name} '{e.Id}' already exists.");
        }
        catch (RecordConflictException e) when (e.Type == Ledger.CounterType || e.Kind != ConflictKind.AlreadyExists)
        {
            return new RetryCounter();
        }
    }

    /// <summary>Someone else wrote first: a counter to draw again, or a record that changed meanwhile.</summary>
    private sealed record RetryCounter() : Error("concurrent-write", "The record was changed concurrently.");
}
