using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Cosmos;

/// <summary>
/// Whole-tenant reads and writes on Cosmos for backup and restore. A tenant spans partitions (one per scope), so
/// an import cannot be one batch: it upserts every item with its original version and deterministic audit ids and
/// writes the tenant record last. A restore that crashed part-way can therefore simply be run again; a tenant
/// whose tenant record exists is refused.
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
        var tenantRecord = Scope.Master.Value;
        using (var existing = await container.ReadItemStreamAsync(CosmosRecordStore.ItemId(TenantType, tenant.Value),
                   new PartitionKey(CosmosRecordStore.Pk(tenant, Scope.Master)), cancellationToken: ct))
        {
            charged?.Invoke("read", existing.Headers.RequestCharge);
            if (existing.IsSuccessStatusCode)
                throw new InvalidOperationException($"The store already holds tenant '{tenant}'; restore needs an empty store for it.");
        }
        var last = records.Where(r => r.Type == TenantType && r.Scope == tenantRecord).ToArray();
        foreach (var record in records.Except(last).Concat(last))
        {
            var scope = new Scope(record.Scope);
            var index = new RecordIndex(record.SortKey, record.Search, record.Labels);
            await Upsert(CosmosRecordStore.Item(tenant, scope, record.Type, record.Id, record.Version, index, record.Json),
                CosmosRecordStore.Pk(tenant, scope), ct);
        }
        for (var i = 0; i < audit.Count; i++)
        {
            // Deterministic ids keep a re-run from doubling the trail; the index keeps the original order within a tick.
            var (_, json) = CosmosRecordStore.AuditItem(tenant, Scope.Master, audit[i], $"{audit[i].At.ToUnixTimeTicks():D20}-r{i:D10}");
            await Upsert(json, CosmosRecordStore.Pk(tenant, Scope.Master), ct);
        }
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
