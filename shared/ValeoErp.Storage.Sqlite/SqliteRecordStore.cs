using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// The storage port on SQLite. Every statement names the tenant and the scope, so no query can reach
/// another tenant's rows; every commit is one IMMEDIATE transaction (the writer lock is taken up front,
/// so two writers never deadlock upgrading a read lock).
/// </summary>
public sealed class SqliteRecordStore(SqliteDatabase db) : IRecordStore
{
    private const int SqliteConstraint = 19;

    public async Task<StoredRecord?> Get(TenantId tenant, Scope scope, string type, string id, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id";
        Bind(command, tenant, scope, type, id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredRecord(type, id, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<Page<StoredRecord>> List(TenantId tenant, Scope scope, RecordQuery query, CancellationToken ct)
    {
        var after = query.Continuation is null ? null : Continuation.Decode(query.Continuation);
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, version, data, sort_key FROM records WHERE tenant_id = $t AND scope = $s AND type = $type");
        Bind(command, tenant, scope, query.Type, id: null);
        if (query.Label is not null)
        {
            sql.Append(" AND instr(labels, $label) > 0");
            command.Parameters.AddWithValue("$label", $"|{query.Label}|");
        }
        for (var i = 0; i < query.MoreLabels.Count; i++)
        {
            sql.Append($" AND instr(labels, $label{i}) > 0");
            command.Parameters.AddWithValue($"$label{i}", $"|{query.MoreLabels[i]}|");
        }
        if (query.Search is not null)
        {
            sql.Append(" AND instr(search, $q) > 0");
            command.Parameters.AddWithValue("$q", query.Search);
        }
        if (query.KeyFrom is not null)
        {
            sql.Append(" AND sort_key >= $from");
            command.Parameters.AddWithValue("$from", query.KeyFrom);
        }
        if (query.KeyTo is not null)
        {
            sql.Append(" AND sort_key <= $to");
            command.Parameters.AddWithValue("$to", query.KeyTo);
        }
        if (after is not null)
        {
            sql.Append(" AND (sort_key > $k OR (sort_key = $k AND id > $i))");
            command.Parameters.AddWithValue("$k", after.Value.SortKey);
            command.Parameters.AddWithValue("$i", after.Value.Id);
        }
        sql.Append(" ORDER BY sort_key, id LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var items = new List<StoredRecord>(query.Limit);
        string? lastKey = null;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == query.Limit) { more = true; break; }
            items.Add(new StoredRecord(query.Type, reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            lastKey = reader.GetString(3);
        }
        return new Page<StoredRecord>(items, more ? Continuation.Encode(lastKey!, items[^1].Id) : null);
    }

    public async Task Commit(TenantId tenant, Scope scope, ChangeSet changes, CancellationToken ct)
    {
        if (changes.IsEmpty) return;
        changes.EnsureWithinLimit();
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        foreach (var write in changes.Writes) await Apply(connection, tx, tenant, scope, write, ct);
        foreach (var entry in changes.Audit) await Audit(connection, tx, tenant, entry, ct);
        foreach (var message in changes.Events) await Outbox(connection, tx, tenant, scope, message, ct);
        if (changes.Idempotency is { } idem) await Idempotency(connection, tx, tenant, idem, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IdempotencyRecord?> FindIdempotency(TenantId tenant, string key, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_hash, status, location, etag, body, created_at FROM idempotency WHERE tenant_id = $t AND key = $k";
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$k", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new IdempotencyRecord(key, reader.GetString(0), reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4), InstantPattern.ExtendedIso.Parse(reader.GetString(5)).Value);
    }

    public async Task<Page<AuditRecord>> ListAudit(TenantId tenant, string? entityId, int limit, string? continuation, CancellationToken ct)
    {
        long after = 0;
        if (continuation is not null && !long.TryParse(Continuation.DecodeText(continuation), out after))
            throw new InvalidContinuationException();
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT seq, at, actor, action, entity_type, entity_id, before, after, correlation_id FROM audit_log
            WHERE tenant_id = $t AND seq > $after {(entityId is null ? "" : "AND entity_id = $e")}
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit + 1);
        if (entityId is not null) command.Parameters.AddWithValue("$e", entityId);
        var items = new List<AuditRecord>();
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == limit) { more = true; break; }
            items.Add(new AuditRecord(reader.GetInt64(0), new AuditEntry(
                InstantPattern.ExtendedIso.Parse(reader.GetString(1)).Value, reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8))));
        }
        return new Page<AuditRecord>(items, more ? Continuation.EncodeText(items[^1].Sequence.ToString()) : null);
    }

    public async Task<bool> Ping(CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
    }

    private static async Task Apply(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, Scope scope, RecordWrite write, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        Bind(command, tenant, scope, write.Type, write.Id);
        switch (write)
        {
            case CreateRecord create:
                command.CommandText = """
                    INSERT INTO records (tenant_id, scope, type, id, version, sort_key, search, labels, data)
                    VALUES ($t, $s, $type, $id, 1, $k, $q, $l, $data)
                    """;
                BindIndex(command, create.Index, create.Json);
                try { await command.ExecuteNonQueryAsync(ct); }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    throw new RecordConflictException(ConflictKind.AlreadyExists, write.Type, write.Id);
                }
                return;
            case ReplaceRecord replace:
                command.CommandText = """
                    UPDATE records SET version = version + 1, sort_key = $k, search = $q, labels = $l, data = $data
                    WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id AND version = $v
                    """;
                BindIndex(command, replace.Index, replace.Json);
                command.Parameters.AddWithValue("$v", replace.ExpectedVersion);
                break;
            case AssertAbsent:
                command.CommandText = "SELECT count(*) FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0)
                    throw new RecordConflictException(ConflictKind.Present, write.Type, write.Id);
                return;
            case DeleteRecord delete:
                command.CommandText = "DELETE FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id AND version = $v";
                command.Parameters.AddWithValue("$v", delete.ExpectedVersion);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name);
        }
        if (await command.ExecuteNonQueryAsync(ct) == 0)
            throw new RecordConflictException(ConflictKind.VersionMismatch, write.Type, write.Id);
    }

    internal static async Task Audit(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, AuditEntry entry, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO audit_log (tenant_id, at, actor, action, entity_type, entity_id, before, after, correlation_id)
            VALUES ($t, $at, $actor, $action, $etype, $eid, $before, $after, $corr)
            """;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$at", InstantPattern.ExtendedIso.Format(entry.At));
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$etype", entry.EntityType);
        command.Parameters.AddWithValue("$eid", entry.EntityId);
        command.Parameters.AddWithValue("$before", (object?)entry.Before ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)entry.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$corr", (object?)entry.CorrelationId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Outbox(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, Scope scope, OutboxMessage message, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO outbox (id, tenant_id, scope, type, subject, time, correlation_id, causation_id, data, trace_parent, actor, not_before)
            VALUES ($id, $t, $s, $type, $subject, $time, $corr, $cause, $data, $trace, $actor, $notBefore)
            """;
        command.Parameters.AddWithValue("$trace", (object?)message.TraceParent ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor", (object?)message.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$notBefore", message.NotBefore is { } nb ? InstantPattern.ExtendedIso.Format(nb) : DBNull.Value);
        command.Parameters.AddWithValue("$id", message.Id);
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$s", scope.Value);
        command.Parameters.AddWithValue("$type", message.Type);
        command.Parameters.AddWithValue("$subject", message.Subject);
        command.Parameters.AddWithValue("$time", InstantPattern.ExtendedIso.Format(message.Time));
        command.Parameters.AddWithValue("$corr", (object?)message.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$cause", (object?)message.CausationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$data", message.Data);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Idempotency(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, IdempotencyRecord idem, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO idempotency (tenant_id, key, request_hash, status, location, etag, body, created_at)
            VALUES ($t, $k, $h, $status, $loc, $etag, $body, $at)
            """;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$k", idem.Key);
        command.Parameters.AddWithValue("$h", idem.RequestHash);
        command.Parameters.AddWithValue("$status", idem.Status);
        command.Parameters.AddWithValue("$loc", (object?)idem.Location ?? DBNull.Value);
        command.Parameters.AddWithValue("$etag", (object?)idem.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", idem.Body);
        command.Parameters.AddWithValue("$at", InstantPattern.ExtendedIso.Format(idem.CreatedAt));
        try { await command.ExecuteNonQueryAsync(ct); }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new IdempotencyRaceException(idem.Key);
        }
    }

    private static void Bind(SqliteCommand command, TenantId tenant, Scope scope, string type, string? id)
    {
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$s", scope.Value);
        command.Parameters.AddWithValue("$type", type);
        if (id is not null) command.Parameters.AddWithValue("$id", id);
    }

    private static void BindIndex(SqliteCommand command, RecordIndex index, string json)
    {
        command.Parameters.AddWithValue("$k", index.SortKey);
        command.Parameters.AddWithValue("$q", index.Search);
        command.Parameters.AddWithValue("$l", index.Labels.Count == 0 ? "|" : "|" + string.Join('|', index.Labels) + "|");
        command.Parameters.AddWithValue("$data", json);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>Opaque keyset positions: clients pass them back unchanged; tampering yields a 400, never other rows.</summary>
internal static class Continuation
{
    public static string Encode(string sortKey, string id) => EncodeText(JsonSerializer.Serialize(new[] { sortKey, id }));

    public static (string SortKey, string Id)? Decode(string token)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(DecodeText(token));
            return parts is [{ } k, { } i] ? (k, i) : throw new InvalidContinuationException();
        }
        catch (JsonException) { throw new InvalidContinuationException(); }
    }

    public static string EncodeText(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string DecodeText(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException) { throw new InvalidContinuationException(); }
    }
}
