using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Cosmos;

/// <summary>How a change set reaches Cosmos.</summary>
public enum BatchMode
{
    /// <summary>One TransactionalBatch per change set: all or nothing (production, emulator).</summary>
    Transactional,

    /// <summary>
    /// Test-only, for the local fake server that has no TransactionalBatch: every precondition of the change set is
    /// checked first, then the writes go one by one. Correct for a single writer, not atomic under crashes or races.
    /// </summary>
    SequentialForFakeServer,
}

/// <summary>
/// The storage port on Cosmos DB: one container, partition key <c>/pk</c> = <c>{tenant}|{scope}</c>, item id
/// <c>{type}~{id}</c>. Point reads wherever the id is known; lists are keyset-paged parameterised queries that
/// always name the partition in their text. The request charge of every operation is reported to <see cref="Charged"/>.
/// </summary>
public sealed class CosmosRecordStore(Container container, BatchMode mode = BatchMode.Transactional) : IRecordStore
{
    /// <summary>
    /// The container the store needs: partition key /pk, the composite index its keyset lists sort by, and no index
    /// on the payloads nothing filters on (infra/app/cosmos.bicep must declare the same).
    /// </summary>
    public static ContainerProperties ContainerDefinition(string name)
    {
        var properties = new ContainerProperties(name, "/pk");
        foreach (var payload in new[] { "/data/*", "/message/*", "/entry/*", "/record/*" })
            properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = payload });
        properties.IndexingPolicy.CompositeIndexes.Add(new System.Collections.ObjectModel.Collection<CompositePath>
        {
            new() { Path = "/sortKey", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/recordId", Order = CompositePathSortOrder.Ascending },
        });
        return properties;
    }

    /// <summary>Request units per operation type, for logs and metrics.</summary>
    public event Action<string, double>? Charged;

    public async Task<StoredRecord?> Get(TenantId tenant, Scope scope, string type, string id, CancellationToken ct)
    {
        var item = await Read(Pk(tenant, scope), ItemId(type, id), ct);
        return item is null ? null : ToRecord(item.Value.Json);
    }

    public async Task<Page<StoredRecord>> List(TenantId tenant, Scope scope, RecordQuery query, CancellationToken ct)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type");
        var parameters = new List<(string, object)> { ("@pk", Pk(tenant, scope)), ("@type", query.Type) };
        var labels = (query.Label is null ? query.MoreLabels : query.MoreLabels.Prepend(query.Label)).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            sql.Append($" AND ARRAY_CONTAINS(c.labels, @l{i})");
            parameters.Add(($"@l{i}", labels[i]));
        }
        if (query.Search is not null) { sql.Append(" AND CONTAINS(c.search, @q)"); parameters.Add(("@q", query.Search)); }
        if (query.KeyFrom is not null) { sql.Append(" AND c.sortKey >= @from"); parameters.Add(("@from", query.KeyFrom)); }
        if (query.KeyTo is not null) { sql.Append(" AND c.sortKey <= @to"); parameters.Add(("@to", query.KeyTo)); }
        if (query.Continuation is not null)
        {
            var (key, id) = Keyset.Decode(query.Continuation);
            sql.Append(" AND (c.sortKey > @k OR (c.sortKey = @k AND c.recordId > @i))");
            parameters.Add(("@k", key));
            parameters.Add(("@i", id));
        }
        sql.Append(" ORDER BY c.sortKey, c.recordId");
        var items = await Query(sql.ToString(), parameters, new PartitionKey(Pk(tenant, scope)), query.Limit + 1, "list", ct);
        var page = items.Take(query.Limit).Select(ToRecord).ToArray();
        var more = items.Count > query.Limit;
        return new Page<StoredRecord>(page, more ? Keyset.Encode(Text(items[query.Limit - 1], "sortKey"), Text(items[query.Limit - 1], "recordId")) : null);
    }

    public async Task Commit(TenantId tenant, Scope scope, ChangeSet changes, CancellationToken ct)
    {
        if (changes.IsEmpty) return;
        changes.EnsureWithinLimit();
        var pk = Pk(tenant, scope);
        var operations = new List<Operation>();
        foreach (var write in changes.Writes)
        {
            var id = ItemId(write.Type, write.Id);
            switch (write)
            {
                case CreateRecord create:
                    operations.Add(new Operation.Create(id, Item(tenant, scope, create.Type, create.Id, 1, create.Index, create.Json), write));
                    break;
                case ReplaceRecord replace:
                {
                    var current = await Read(pk, id, ct);
                    if (current is null || Version(current.Value.Json) != replace.ExpectedVersion)
                        throw new RecordConflictException(ConflictKind.VersionMismatch, write.Type, write.Id);
                    operations.Add(new Operation.Replace(id, Item(tenant, scope, replace.Type, replace.Id, replace.ExpectedVersion + 1, replace.Index, replace.Json), current.Value.ETag, write));
                    break;
                }
                case DeleteRecord delete:
                {
                    var current = await Read(pk, id, ct);
                    if (current is null || Version(current.Value.Json) != delete.ExpectedVersion)
                        throw new RecordConflictException(ConflictKind.VersionMismatch, write.Type, write.Id);
                    operations.Add(new Operation.Delete(id, current.Value.ETag, write));
                    break;
                }
                case AssertAbsent assert:
                    operations.Add(new Operation.AssertAbsent(id, Item(tenant, scope, assert.Type, assert.Id, 0, RecordIndex.For(""), "{}"), write));
                    break;
            }
        }
        for (var a = 0; a < changes.Audit.Count; a++)
        {
            // Time, then the order within this write (rows of one write share their event order), then uniqueness.
            var entry = changes.Audit[a];
            var (id, json) = AuditItem(tenant, scope, entry, $"{entry.At.ToUnixTimeTicks():D20}-{a:D4}-{Guid.NewGuid():N}");
            operations.Add(new Operation.Create(id, json, null));
        }
        for (var i = 0; i < changes.Events.Count; i++)
        {
            var message = changes.Events[i];
            operations.Add(new Operation.Create(CosmosOutbox.ItemPrefix + message.Id, Json(new JsonObject
            {
                ["id"] = CosmosOutbox.ItemPrefix + message.Id, ["pk"] = pk, ["tenantId"] = tenant.Value, ["scope"] = scope.Value, ["type"] = "outbox",
                ["eventId"] = message.Id, ["seq"] = CosmosOutbox.Sequence(message.Time, i), ["publishedAt"] = null,
                ["message"] = JsonNode.Parse(ValeoJson.Serialize(message)),
            }), null));
        }
        if (changes.Idempotency is { } idem)
            operations.Add(new Operation.Create($"idem~{Escape(idem.Key)}", Json(new JsonObject
            {
                ["id"] = $"idem~{Escape(idem.Key)}", ["pk"] = pk, ["tenantId"] = tenant.Value, ["type"] = "idem", ["key"] = idem.Key,
                ["record"] = JsonNode.Parse(ValeoJson.Serialize(idem)),
            }), null, IsIdempotency: true));

        if (mode == BatchMode.Transactional) await Transactional(pk, operations, ct);
        else await Sequential(pk, operations, ct);
    }

    public async Task<IdempotencyRecord?> FindIdempotency(TenantId tenant, string key, CancellationToken ct)
    {
        // The record lives in the partition of the effect it belongs to (so it commits in the same batch), which makes
        // this the one cross-partition query - and a key unique per partition, not per tenant: two concurrent twins
        // whose effects fall in different scopes (a fiscal year turning between them) could both commit.
        var items = await Query("SELECT * FROM c WHERE c.tenantId = @t AND c.type = 'idem' AND c.key = @k",
            [("@t", tenant.Value), ("@k", key)], null, 1, "idempotency", ct);
        return items.Count == 0 ? null : items[0].GetProperty("record").Deserialize<IdempotencyRecord>(ValeoJson.Options);
    }

    public async Task<Page<AuditRecord>> ListAudit(TenantId tenant, string? entityId, int limit, string? continuation, CancellationToken ct)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE c.tenantId = @t AND c.type = 'audit'");
        var parameters = new List<(string, object)> { ("@t", tenant.Value) };
        if (entityId is not null) { sql.Append(" AND c.entityId = @e"); parameters.Add(("@e", entityId)); }
        if (continuation is not null) { sql.Append(" AND c.sortKey > @after"); parameters.Add(("@after", Keyset.Decode(continuation).SortKey)); }
        sql.Append(" ORDER BY c.sortKey");
        var items = await Query(sql.ToString(), parameters, null, limit + 1, "audit", ct);
        var page = items.Take(limit).Select(i => new AuditRecord(i.GetProperty("sequence").GetInt64(),
            i.GetProperty("entry").Deserialize<AuditEntry>(ValeoJson.Options)!)).ToArray();
        return new Page<AuditRecord>(page, items.Count > limit ? Keyset.Encode(Text(items[limit - 1], "sortKey"), "") : null);
    }

    public async Task<IReadOnlyDictionary<string, AuditRecord>> FindAudit(TenantId tenant, IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        // Across the tenant's partitions (an audit row lives with the change it records); the audit chain asks once per batch.
        var found = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        foreach (var chunk in eventIds.Chunk(100))
        {
            var names = chunk.Select((_, i) => $"@e{i}").ToArray();
            var items = await Query($"SELECT * FROM c WHERE c.tenantId = @t AND c.type = 'audit' AND c.eventId IN ({string.Join(", ", names)})",
                [("@t", tenant.Value), .. chunk.Select((id, i) => (names[i], (object)id))], null, chunk.Length, "audit", ct);
            foreach (var item in items)
            {
                var entry = item.GetProperty("entry").Deserialize<AuditEntry>(ValeoJson.Options)!;
                found[entry.EventId!] = new AuditRecord(item.GetProperty("sequence").GetInt64(), entry);
            }
        }
        return found;
    }

    public async Task<bool> Ping(CancellationToken ct)
    {
        using var response = await container.ReadContainerStreamAsync(cancellationToken: ct);
        return response.IsSuccessStatusCode;
    }

    private async Task Transactional(string pk, List<Operation> operations, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(new PartitionKey(pk));
        foreach (var op in operations)
            switch (op)
            {
                case Operation.Create c: batch.CreateItemStream(Stream(c.Json)); break;
                case Operation.Replace r: batch.ReplaceItemStream(r.Id, Stream(r.Json), new TransactionalBatchItemRequestOptions { IfMatchEtag = r.ETag }); break;
                case Operation.Delete d: batch.DeleteItem(d.Id, new TransactionalBatchItemRequestOptions { IfMatchEtag = d.ETag }); break;
                case Operation.AssertAbsent a: batch.CreateItemStream(Stream(a.Json)).DeleteItem(a.Id); break;
            }
        using var response = await batch.ExecuteAsync(ct);
        Charged?.Invoke("commit", response.RequestCharge);
        if (response.IsSuccessStatusCode) return;
        var index = 0;
        foreach (var op in operations)
        {
            var result = response[index];
            index += op is Operation.AssertAbsent ? 2 : 1;
            if (result.StatusCode is HttpStatusCode.FailedDependency or HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent) continue;
            throw Conflict(op, result.StatusCode);
        }
        throw new CosmosCommitException(response.StatusCode, response.ErrorMessage);
    }

    private async Task Sequential(string pk, List<Operation> operations, CancellationToken ct)
    {
        // Preconditions first, so a refused change set writes nothing (with one writer).
        foreach (var op in operations)
            if (op is Operation.Create or Operation.AssertAbsent && await Read(pk, op.Id, ct) is not null)
                throw Conflict(op, HttpStatusCode.Conflict);
        var partition = new PartitionKey(pk);
        foreach (var op in operations)
        {
            using var response = op switch
            {
                Operation.Create c => await container.CreateItemStreamAsync(Stream(c.Json), partition, cancellationToken: ct),
                Operation.Replace r => await container.ReplaceItemStreamAsync(Stream(r.Json), r.Id, partition, new ItemRequestOptions { IfMatchEtag = r.ETag }, ct),
                Operation.Delete d => await container.DeleteItemStreamAsync(d.Id, partition, new ItemRequestOptions { IfMatchEtag = d.ETag }, ct),
                _ => null,
            };
            if (response is null) continue;
            Charged?.Invoke("write", response.Headers.RequestCharge);
            if (!response.IsSuccessStatusCode) throw Conflict(op, response.StatusCode);
        }
    }

    private static Exception Conflict(Operation op, HttpStatusCode status) => (op, status) switch
    {
        ({ IsIdempotency: true }, HttpStatusCode.Conflict) => new IdempotencyRaceException(op.Id),
        (Operation.AssertAbsent, HttpStatusCode.Conflict) => new RecordConflictException(ConflictKind.Present, op.Write!.Type, op.Write.Id),
        (_, HttpStatusCode.Conflict) when op.Write is not null => new RecordConflictException(ConflictKind.AlreadyExists, op.Write.Type, op.Write.Id),
        (_, HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) when op.Write is not null =>
            new RecordConflictException(ConflictKind.VersionMismatch, op.Write.Type, op.Write.Id),
        _ => new CosmosCommitException(status, $"{op.Id} failed"),
    };

    private async Task<(string Json, string ETag)?> Read(string pk, string id, CancellationToken ct)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(pk), cancellationToken: ct);
        Charged?.Invoke("read", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content);
        return (await reader.ReadToEndAsync(ct), response.Headers.ETag);
    }

    private Task<List<JsonElement>> Query(string sql, IEnumerable<(string Name, object Value)> parameters, PartitionKey? pk, int wanted, string kind, CancellationToken ct) =>
        CosmosQuery.Run(container, sql, parameters, pk, wanted, (k, ru) => Charged?.Invoke(k, ru), kind, ct);

    public static string Pk(TenantId tenant, Scope scope) => $"{tenant.Value}|{scope.Value}";

    /// <summary>Cosmos ids may not hold / \ ? #; our ids (unique keys) can, so those are escaped.</summary>
    public static string ItemId(string type, string id) => $"{type}~{Escape(id)}";

    internal static string Escape(string id) =>
        id.Replace("%", "%25").Replace("/", "%2F").Replace("\\", "%5C").Replace("?", "%3F").Replace("#", "%23");

    internal static string Item(TenantId tenant, Scope scope, string type, string id, long version, RecordIndex index, string json) => Json(new JsonObject
    {
        ["id"] = ItemId(type, id), ["pk"] = Pk(tenant, scope), ["tenantId"] = tenant.Value, ["scope"] = scope.Value, ["type"] = type,
        ["recordId"] = id, ["version"] = version, ["sortKey"] = index.SortKey, ["search"] = index.Search,
        ["labels"] = new JsonArray(index.Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()), ["data"] = JsonNode.Parse(json),
    });

    /// <summary>An audit entry as its own item; <paramref name="key"/> orders the tenant's trail.</summary>
    internal static (string Id, string Json) AuditItem(TenantId tenant, Scope scope, AuditEntry entry, string key) => ($"audit~{key}", Json(new JsonObject
    {
        ["id"] = $"audit~{key}", ["pk"] = Pk(tenant, scope), ["tenantId"] = tenant.Value, ["scope"] = scope.Value, ["type"] = "audit", ["sortKey"] = key,
        // Milliseconds: Cosmos compares and stores numbers as doubles, exact only below 2^53 (ticks are not).
        ["sequence"] = entry.At.ToUnixTimeMilliseconds(), ["entityId"] = entry.EntityId, ["eventId"] = entry.EventId,
        ["entry"] = JsonNode.Parse(ValeoJson.Serialize(entry)),
    }));

    private static StoredRecord ToRecord(string itemJson) => ToRecord(JsonDocument.Parse(itemJson).RootElement);

    private static StoredRecord ToRecord(JsonElement item) =>
        new(Text(item, "type"), Text(item, "recordId"), item.GetProperty("version").GetInt64(), item.GetProperty("data").GetRawText());

    private static long Version(string itemJson) => JsonDocument.Parse(itemJson).RootElement.GetProperty("version").GetInt64();

    internal static string Text(JsonElement item, string name) => item.GetProperty(name).GetString()!;

    private static string Json(JsonObject obj) => obj.ToJsonString();

    internal static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private abstract record Operation(string Id, RecordWrite? Write, bool IsIdempotency = false)
    {
        public sealed record Create(string Id, string Json, RecordWrite? Write, bool IsIdempotency = false) : Operation(Id, Write, IsIdempotency);
        public sealed record Replace(string Id, string Json, string ETag, RecordWrite Write) : Operation(Id, Write);
        public sealed record Delete(string Id, string ETag, RecordWrite Write) : Operation(Id, Write);
        public sealed record AssertAbsent(string Id, string Json, RecordWrite Write) : Operation(Id, Write);
    }
}

public sealed class CosmosCommitException(HttpStatusCode status, string? message) : Exception($"Cosmos refused the commit: {(int)status} {message}");

/// <summary>Runs a parameterised query page by page until it has what was wanted, reporting each page's charge.</summary>
internal static class CosmosQuery
{
    public static async Task<List<JsonElement>> Run(Container container, string sql, IEnumerable<(string Name, object Value)> parameters,
        PartitionKey? pk, int wanted, Action<string, double> charged, string kind, CancellationToken ct)
    {
        var definition = new QueryDefinition(sql);
        foreach (var (name, value) in parameters) definition = definition.WithParameter(name, value);
        using var iterator = container.GetItemQueryStreamIterator(definition, null,
            new QueryRequestOptions { PartitionKey = pk, MaxItemCount = Math.Min(wanted, 1000) });
        var items = new List<JsonElement>();
        while (iterator.HasMoreResults && items.Count < wanted)
        {
            using var response = await iterator.ReadNextAsync(ct);
            charged(kind, response.Headers.RequestCharge);
            response.EnsureSuccessStatusCode();
            using var doc = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            items.AddRange(doc.RootElement.GetProperty("Documents").EnumerateArray().Select(e => e.Clone()));
        }
        return items.Take(wanted).ToList();
    }

    /// <summary>Every item a query finds, page by page, without holding them all (whole-tenant exports).</summary>
    public static async IAsyncEnumerable<JsonElement> Stream(Container container, string sql, IEnumerable<(string Name, object Value)> parameters,
        Action<string, double> charged, string kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var definition = new QueryDefinition(sql);
        foreach (var (name, value) in parameters) definition = definition.WithParameter(name, value);
        using var iterator = container.GetItemQueryStreamIterator(definition, null, new QueryRequestOptions { MaxItemCount = 500 });
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(ct);
            charged(kind, response.Headers.RequestCharge);
            response.EnsureSuccessStatusCode();
            using var doc = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            foreach (var item in doc.RootElement.GetProperty("Documents").EnumerateArray()) yield return item.Clone();
        }
    }
}

/// <summary>Keyset positions as opaque tokens, the same shape as the SQLite adapter's.</summary>
internal static class Keyset
{
    public static string Encode(string sortKey, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { sortKey, id }))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string SortKey, string Id) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            return JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) is [{ } k, { } i]
                ? (k, i) : throw new InvalidContinuationException();
        }
        catch (Exception e) when (e is FormatException or JsonException) { throw new InvalidContinuationException(); }
    }
}
