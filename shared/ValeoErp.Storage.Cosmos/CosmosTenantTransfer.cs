using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Cosmos;

/// <summary>
/// Whole-tenant reads and writes on Cosmos for backup and restore. A tenant spans partitions (one per scope), so
/// an import cannot be one batch: it writes a restore marker, upserts every item with its original version and
/// deterministic audit ids, the audit trail, then the tenant record, and removes the marker. A restore that crashed
/// part-way can be run again with the same backup; a store holding anything else of the tenant is refused.
/// </summary>
public sealed class CosmosTenantTransfer(Container container, Action<string, double>? charged = null) : ITenantTransfer
{
    private const string TenantType = "tenant";

    public async Task<IReadOnlyList<TenantId>> Tenants(CancellationToken ct)
    {
        var items = await Query("SELECT VALUE c.recordId FROM c WHERE c.type = @type AND c.scope = 'master'", [("@type", TenantType)], ct);
        return items.Select(i => TenantId.Parse(i.GetString()!).Value).OrderBy(t => t.Value, StringComparer.Ordinal).ToArray();
    }

    public async IAsyncEnumerable<ExportedRecord> Records(TenantId tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        // Records carry recordId; audit, outbox and idempotency items do not (the SQLite export leaves those out too).
        // Streamed in the store's order, not sorted: a restore does not depend on the order of records.
        await foreach (var item in CosmosQuery.Stream(container, "SELECT * FROM c WHERE c.tenantId = @t AND IS_DEFINED(c.recordId)",
                           [("@t", tenant.Value)], (k, ru) => charged?.Invoke(k, ru), "transfer", ct))
            yield return new ExportedRecord(CosmosRecordStore.Text(item, "scope"), CosmosRecordStore.Text(item, "type"),
                CosmosRecordStore.Text(item, "recordId"), item.GetProperty("version").GetInt64(), CosmosRecordStore.Text(item, "sortKey"),
                CosmosRecordStore.Text(item, "search"), item.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray(),
                item.GetProperty("data").GetRawText());
    }

    public async IAsyncEnumerable<AuditEntry> Audit(TenantId tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        var store = new CosmosRecordStore(container);
        string? continuation = null;
        do
        {
            var page = await store.ListAudit(tenant, null, 500, continuation, ct);
            foreach (var record in page.Items) yield return record.Entry;
            continuation = page.Continuation;
        } while (continuation is not null);
    }

    public async Task Import(TenantId tenant, IReadOnlyList<ExportedRecord> records, IReadOnlyList<AuditEntry> audit, CancellationToken ct)
    {
        var master = CosmosRecordStore.Pk(tenant, Scope.Master);
        if (await Exists(CosmosRecordStore.ItemId(TenantType, tenant.Value), master, ct))
            throw new InvalidOperationException($"The store already holds tenant '{tenant}'; restore needs an empty store for it.");

        // A marker first: it tells a re-run after a crash (go on) from a store that holds something of the tenant (refuse).
        var marker = $"{{\"id\":\"{RestoreMarkerId}\",\"pk\":\"{master}\",\"tenantId\":\"{tenant.Value}\",\"type\":\"restore\",\"records\":{records.Count},\"audit\":{audit.Count}}}";
        var earlier = await Read(RestoreMarkerId, master, ct);
        var resuming = earlier is not null;
        if (earlier is { } started && (started.GetProperty("records").GetInt32() != records.Count || started.GetProperty("audit").GetInt32() != audit.Count))
            throw new InvalidOperationException($"An interrupted restore of a different backup into tenant '{tenant}' left data behind; restore needs an empty store for it.");
        if (!resuming)
        {
            var any = await CosmosQuery.Run(container, "SELECT TOP 1 c.id FROM c WHERE c.tenantId = @t", [("@t", tenant.Value)], null, 1,
                (k, ru) => charged?.Invoke(k, ru), "transfer", ct);
            if (any.Count > 0)
                throw new InvalidOperationException($"The store already holds data of tenant '{tenant}'; restore needs an empty store for it.");
            await Upsert(marker, master, ct);
        }

        // The tenant record last, after the audit trail: a tenant never exists with part of its history.
        var last = records.Where(r => r.Type == TenantType && r.Scope == Scope.Master.Value).ToArray();
        foreach (var record in records.Except(last))
            await UpsertRecord(tenant, record, ct);
        for (var i = 0; i < audit.Count; i++)
        {
            // Deterministic ids keep a re-run from doubling the trail; the index keeps the original order within a tick.
            var (_, json) = CosmosRecordStore.AuditItem(tenant, Scope.Master, audit[i], $"{audit[i].At.ToUnixTimeTicks():D20}-r{i:D10}");
            await Upsert(json, master, ct);
        }
        foreach (var record in last) await UpsertRecord(tenant, record, ct);
        using var removed = await container.DeleteItemStreamAsync(RestoreMarkerId, new PartitionKey(master), cancellationToken: ct);
        charged?.Invoke("restore", removed.Headers.RequestCharge);
    }

    private const string RestoreMarkerId = "restore~in-progress";

    private Task UpsertRecord(TenantId tenant, ExportedRecord record, CancellationToken ct)
    {
        var scope = new Scope(record.Scope);
        var index = new RecordIndex(record.SortKey, record.Search, record.Labels);
        return Upsert(CosmosRecordStore.Item(tenant, scope, record.Type, record.Id, record.Version, index, record.Json), CosmosRecordStore.Pk(tenant, scope), ct);
    }

    private async Task<bool> Exists(string id, string pk, CancellationToken ct) => await Read(id, pk, ct) is not null;

    /// <summary>The item, or null when Cosmos says 404; any other failure is an error, never "absent".</summary>
    private async Task<JsonElement?> Read(string id, string pk, CancellationToken ct)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(pk), cancellationToken: ct);
        charged?.Invoke("read", response.Headers.RequestCharge);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
        return doc.RootElement.Clone();
    }

    private async Task Upsert(string json, string pk, CancellationToken ct)
    {
        using var response = await container.UpsertItemStreamAsync(CosmosRecordStore.Stream(json), new PartitionKey(pk), cancellationToken: ct);
        charged?.Invoke("restore", response.Headers.RequestCharge);
        if (!response.IsSuccessStatusCode) throw new CosmosCommitException(response.StatusCode, response.ErrorMessage);
    }

    private Task<List<JsonElement>> Query(string sql, IEnumerable<(string, object)> parameters, CancellationToken ct) =>
        CosmosQuery.Run(container, sql, parameters, null, int.MaxValue, (k, ru) => charged?.Invoke(k, ru), "transfer", ct);
}
