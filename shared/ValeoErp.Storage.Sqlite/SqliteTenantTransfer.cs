using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>Reads a whole tenant out of the embedded store, and writes one into a store that lacks it.</summary>
public sealed class SqliteTenantTransfer(SqliteDatabase db) : ITenantTransfer
{
    public async Task<IReadOnlyList<TenantId>> Tenants(CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.Tenants;
        var tenants = new List<TenantId>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(TenantId.Parse(reader.GetString(0)).Value);
        return tenants;
    }

    public async IAsyncEnumerable<ExportedRecord> Records(TenantId tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.TenantExport;
        command.Parameters.AddWithValue("$t", tenant.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new ExportedRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6).Split('|', StringSplitOptions.RemoveEmptyEntries), reader.GetString(7));
    }

    public async IAsyncEnumerable<AuditEntry> Audit(TenantId tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        string? continuation = null;
        var store = new SqliteRecordStore(db);
        do
        {
            var page = await store.ListAudit(tenant, null, 500, continuation, ct);
            foreach (var record in page.Items) yield return record.Entry;
            continuation = page.Continuation;
        } while (continuation is not null);
    }

    public async Task Import(TenantId tenant, IReadOnlyList<ExportedRecord> records, IReadOnlyList<AuditEntry> audit, CancellationToken ct)
    {
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = SqliteStatements.TenantAny;
            exists.Parameters.AddWithValue("$t", tenant.Value);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct)) > 0)
                throw new InvalidOperationException($"The store already holds tenant '{tenant}'; restore needs an empty store for it.");
        }
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = SqliteStatements.RecordInsert;
            insert.Parameters.AddWithValue("$t", tenant.Value);
            var p = new[] { "$s", "$type", "$id", "$v", "$k", "$q", "$l", "$data" }.ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
            foreach (var r in records)
            {
                (p["$s"].Value, p["$type"].Value, p["$id"].Value, p["$v"].Value) = (r.Scope, r.Type, r.Id, r.Version);
                (p["$k"].Value, p["$q"].Value, p["$data"].Value) = (r.SortKey, r.Search, r.Json);
                p["$l"].Value = SqliteRecordStore.LabelsText(r.Labels);
                await insert.ExecuteNonQueryAsync(ct);
                await SqliteRecordStore.InsertLabels(connection, tx, tenant, new Scope(r.Scope), r.Type, r.Id, r.SortKey, r.Labels, ct);
            }
        }
        foreach (var entry in audit) await SqliteRecordStore.Audit(connection, tx, tenant, entry, ct);
        await tx.CommitAsync(ct);
    }
}
