using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Cosmos;

/// <summary>
/// The outbox on Cosmos: every event is its own item (<c>outbox~{eventId}</c>) in the partition of the change
/// that raised it, written in the same batch. The change feed announces new ones to the relay function; the
/// sweep and live updates query across partitions.
/// Positions are the event time in milliseconds times 1000 plus the event's place in its change set - below 2^53,
/// since Cosmos compares numbers as doubles. They follow the time a command staged its events, not commit order,
/// so live updates only hand out events older than <see cref="SettleTime"/>: a command that staged earlier but
/// commits later than a position already handed out would otherwise be skipped by a client resuming after it.
/// </summary>
public sealed class CosmosOutbox(Container container, Action<string, double>? charged = null, IClock? clock = null) : IOutbox
{
    public const string ItemPrefix = "outbox~";

    /// <summary>Longer than any command takes from staging its events to committing them.</summary>
    public static readonly Duration SettleTime = Duration.FromSeconds(2);

    private readonly IClock _clock = clock ?? SystemClock.Instance;

    public static long Sequence(Instant time, int indexInChangeSet) => time.ToUnixTimeMilliseconds() * 1000 + indexInChangeSet;

    public async Task<IReadOnlyList<StoredEvent>> Unpublished(int limit, Instant olderThan, CancellationToken ct)
    {
        var items = await Query("SELECT TOP @n * FROM c WHERE c.type = 'outbox' AND c.publishedAt = null AND c.seq <= @older ORDER BY c.seq",
            [("@n", limit), ("@older", Sequence(olderThan, 99))], limit, "outbox", ct);
        return items.Select(ToEvent).ToArray();
    }

    public async Task<IReadOnlyList<StoredEvent>> Unpublished(IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        // The relay function passes item ids from the change feed; the sweep passes event ids.
        var ids = eventIds.Select(id => id.StartsWith(ItemPrefix, StringComparison.Ordinal) ? id[ItemPrefix.Length..] : id).Distinct().Take(500).ToArray();
        if (ids.Length == 0) return [];
        var items = await Query("SELECT * FROM c WHERE c.type = 'outbox' AND c.publishedAt = null AND ARRAY_CONTAINS(@ids, c.eventId)",
            [("@ids", ids)], ids.Length, "outbox", ct);
        return items.Select(ToEvent).OrderBy(e => e.Sequence).ToArray();
    }

    public async Task MarkPublished(IReadOnlyCollection<string> eventIds, Instant at, CancellationToken ct)
    {
        if (eventIds.Count == 0) return;
        foreach (var chunk in eventIds.Chunk(200))
        {
            var items = await Query("SELECT * FROM c WHERE c.type = 'outbox' AND c.publishedAt = null AND ARRAY_CONTAINS(@ids, c.eventId)",
                [("@ids", chunk)], chunk.Length, "outbox", ct);
            foreach (var item in items)
            {
                var node = JsonNode.Parse(item.GetRawText())!.AsObject();
                var etag = node["_etag"]?.GetValue<string>();
                foreach (var system in node.Select(p => p.Key).Where(k => k.StartsWith('_')).ToArray()) node.Remove(system);
                node["publishedAt"] = at.ToString();
                using var response = await container.ReplaceItemStreamAsync(CosmosRecordStore.Stream(node.ToJsonString()),
                    node["id"]!.GetValue<string>(), new PartitionKey(node["pk"]!.GetValue<string>()),
                    new ItemRequestOptions { IfMatchEtag = etag }, ct);
                charged?.Invoke("outbox-mark", response.Headers.RequestCharge);
                // A concurrent relay marked it first: published either way.
                if (response.StatusCode is not HttpStatusCode.PreconditionFailed) response.EnsureSuccessStatusCode();
            }
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> After(TenantId tenant, long afterSequence, int limit, CancellationToken ct)
    {
        var settled = Sequence(_clock.GetCurrentInstant() - SettleTime, 999);
        var items = await Query("SELECT TOP @n * FROM c WHERE c.tenantId = @t AND c.type = 'outbox' AND c.seq > @after AND c.seq <= @settled ORDER BY c.seq",
            [("@n", limit), ("@t", tenant.Value), ("@after", afterSequence), ("@settled", settled)], limit, "outbox", ct);
        return items.Select(ToEvent).ToArray();
    }

    /// <summary>The newest settled position: a client starting here misses nothing that commits later.</summary>
    public async Task<long> Head(TenantId tenant, CancellationToken ct)
    {
        var settled = Sequence(_clock.GetCurrentInstant() - SettleTime, 999);
        var items = await Query("SELECT VALUE MAX(c.seq) FROM c WHERE c.tenantId = @t AND c.type = 'outbox' AND c.seq <= @settled",
            [("@t", tenant.Value), ("@settled", settled)], 1, "outbox", ct);
        return items.Count == 0 || items[0].ValueKind != JsonValueKind.Number ? 0 : items[0].GetInt64();
    }

    private Task<List<JsonElement>> Query(string sql, IEnumerable<(string, object)> parameters, int wanted, string kind, CancellationToken ct) =>
        CosmosQuery.Run(container, sql, parameters, null, wanted, (k, ru) => charged?.Invoke(k, ru), kind, ct);

    private static StoredEvent ToEvent(JsonElement item) => new(
        item.GetProperty("seq").GetInt64(),
        TenantId.Parse(CosmosRecordStore.Text(item, "tenantId")).Value,
        new Scope(CosmosRecordStore.Text(item, "scope")),
        item.GetProperty("message").Deserialize<OutboxMessage>(ValeoJson.Options)!);
}
