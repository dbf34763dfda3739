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
        command.CommandText = SqliteStatements.RecordGet;
        Bind(command, tenant, scope, type, id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredRecord(type, id, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Rows a label probe counts at most: enough to tell a rare label from a common one, bounded work either way.</summary>
    private const int ProbeCap = 256;

    public async Task<Page<StoredRecord>> List(TenantId tenant, Scope scope, RecordQuery query, CancellationToken ct)
    {
        var after = query.Continuation is null ? null : Continuation.Decode(query.Continuation);
        var labels = (query.Label is null ? query.MoreLabels : query.MoreLabels.Prepend(query.Label)).Distinct(StringComparer.Ordinal).ToList();
        await using var connection = await db.Open(ct);
        if (labels.Count > 1)
        {
            // The label with the fewest rows in range drives the page; the others are primary-key probes per row.
            var rows = new long[labels.Count];
            await using var probe = connection.CreateCommand();
            probe.CommandText = SqliteStatements.LabelProbe(query.KeyFrom is not null, query.KeyTo is not null);
            Bind(probe, tenant, scope, query.Type, id: null);
            BindRange(probe, query);
            probe.Parameters.AddWithValue("$cap", ProbeCap);
            var label = probe.Parameters.Add("$label", SqliteType.Text);
            for (var i = 0; i < labels.Count; i++)
            {
                label.Value = labels[i];
                rows[i] = Convert.ToInt64(await probe.ExecuteScalarAsync(ct));
            }
            var driver = Array.IndexOf(rows, rows.Min());
            (labels[0], labels[driver]) = (labels[driver], labels[0]);
        }
        // One lower bound, the tighter one, so the index range starts there: with both, SQLite seeks by KeyFrom and
        // filters the keyset position, and a deep page would read every row before it. Keys compare as SQLite does (UTF-8 bytes).
        var from = query.KeyFrom;
        if (after is not null && from is not null)
        {
            if (Encoding.UTF8.GetBytes(after.Value.SortKey).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(from)) >= 0) from = null;
            else after = null;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.List(labels.Count, query.Search is not null, from is not null, query.KeyTo is not null, after is not null);
        Bind(command, tenant, scope, query.Type, id: null);
        for (var i = 0; i < labels.Count; i++) command.Parameters.AddWithValue($"$label{i}", labels[i]);
        if (query.Search is not null) command.Parameters.AddWithValue("$q", query.Search);
        if (from is not null) command.Parameters.AddWithValue("$from", from);
        if (query.KeyTo is not null) command.Parameters.AddWithValue("$to", query.KeyTo);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$k", after.Value.SortKey);
            command.Parameters.AddWithValue("$i", after.Value.Id);
        }
        command.Parameters.AddWithValue("$limit", query.Limit + 1);

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

    private static void BindRange(SqliteCommand command, RecordQuery query)
    {
        if (query.KeyFrom is not null) command.Parameters.AddWithValue("$from", query.KeyFrom);
        if (query.KeyTo is not null) command.Parameters.AddWithValue("$to", query.KeyTo);
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
        command.CommandText = SqliteStatements.IdempotencyGet;
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
        command.CommandText = entityId is null ? SqliteStatements.AuditPage : SqliteStatements.AuditPageOfEntity;
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
            items.Add(ReadAudit(reader));
        }
        return new Page<AuditRecord>(items, more ? Continuation.EncodeText(items[^1].Sequence.ToString()) : null);
    }

    public async Task<IReadOnlyDictionary<string, AuditRecord>> FindAudit(TenantId tenant, IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        var found = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        if (eventIds.Count == 0) return found;
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.AuditOfEvents;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(eventIds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var record = ReadAudit(reader);
            found[record.Entry.EventId!] = record;
        }
        return found;
    }

    /// <summary>A time that no longer parses (the row was edited outside the app) reads as the earliest instant: the
    /// audit chain then reports the row as changed, and the log shows it, instead of failing.</summary>
    private static AuditRecord ReadAudit(SqliteDataReader reader) => new(reader.GetInt64(0), new AuditEntry(
        InstantPattern.ExtendedIso.Parse(reader.GetString(1)) is { Success: true } at ? at.Value : NodaTime.Instant.MinValue,
        reader.GetString(2), reader.GetString(3),
        reader.GetString(4), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8),
        NullableString(reader, 9)));

    public async Task<bool> Ping(CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.Ping;
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
                command.CommandText = SqliteStatements.RecordInsert;
                BindIndex(command, create.Index, create.Json);
                command.Parameters.AddWithValue("$v", 1L);
                try { await command.ExecuteNonQueryAsync(ct); }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    throw new RecordConflictException(ConflictKind.AlreadyExists, write.Type, write.Id);
                }
                await InsertLabels(connection, tx, tenant, scope, write.Type, write.Id, create.Index.SortKey, create.Index.Labels, ct);
                return;
            case ReplaceRecord replace:
                command.CommandText = SqliteStatements.RecordReplace;
                BindIndex(command, replace.Index, replace.Json);
                command.Parameters.AddWithValue("$v", replace.ExpectedVersion);
                if (await command.ExecuteNonQueryAsync(ct) == 0)
                    throw new RecordConflictException(ConflictKind.VersionMismatch, write.Type, write.Id);
                await ReplaceLabels(connection, tx, tenant, scope, write.Type, write.Id, replace.Index.SortKey, replace.Index.Labels, ct);
                return;
            case AssertAbsent:
                command.CommandText = SqliteStatements.RecordExists;
                if (Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0)
                    throw new RecordConflictException(ConflictKind.Present, write.Type, write.Id);
                return;
            case DeleteRecord delete:
                command.CommandText = SqliteStatements.RecordDelete;
                command.Parameters.AddWithValue("$v", delete.ExpectedVersion);
                if (await command.ExecuteNonQueryAsync(ct) == 0)
                    throw new RecordConflictException(ConflictKind.VersionMismatch, write.Type, write.Id);
                await ReplaceLabels(connection, tx, tenant, scope, write.Type, write.Id, "", [], ct);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name);
        }
    }

    /// <summary>Indexes a record's labels (record_labels) in the transaction that writes the record.</summary>
    internal static async Task InsertLabels(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, Scope scope, string type, string id,
        string sortKey, IReadOnlyList<string> labels, CancellationToken ct)
    {
        if (labels.Count == 0) return;
        await WriteLabels(connection, tx, SqliteStatements.LabelsInsert, tenant, scope, type, id, sortKey, labels, ct);
    }

    /// <summary>Brings a record's label rows to <paramref name="labels"/> (none: the record is deleted), keeping the rows that still hold.</summary>
    private static Task ReplaceLabels(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, Scope scope, string type, string id,
        string sortKey, IReadOnlyList<string> labels, CancellationToken ct) =>
        WriteLabels(connection, tx, labels.Count == 0 ? SqliteStatements.LabelsDelete : SqliteStatements.LabelsDelete + ";\n" + SqliteStatements.LabelsInsert,
            tenant, scope, type, id, sortKey, labels, ct);

    private static async Task WriteLabels(SqliteConnection connection, SqliteTransaction tx, string sql, TenantId tenant, Scope scope, string type, string id,
        string sortKey, IReadOnlyList<string> labels, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Bind(command, tenant, scope, type, id);
        command.Parameters.AddWithValue("$k", sortKey);
        command.Parameters.AddWithValue("$labels", JsonSerializer.Serialize(labels));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The labels column keeps the record's labels as written ("|a|b|"), for export; queries go through record_labels.</summary>
    internal static string LabelsText(IReadOnlyList<string> labels) => labels.Count == 0 ? "|" : "|" + string.Join('|', labels) + "|";

    internal static async Task Audit(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, AuditEntry entry, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SqliteStatements.AuditInsert;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$at", InstantPattern.ExtendedIso.Format(entry.At));
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$etype", entry.EntityType);
        command.Parameters.AddWithValue("$eid", entry.EntityId);
        command.Parameters.AddWithValue("$before", (object?)entry.Before ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)entry.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$corr", (object?)entry.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$event", (object?)entry.EventId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Outbox(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, Scope scope, OutboxMessage message, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SqliteStatements.OutboxInsert;
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
        command.CommandText = SqliteStatements.IdempotencyInsert;
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
        command.Parameters.AddWithValue("$l", LabelsText(index.Labels));
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
