using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>Reads the outbox table the commits write, for the relay and for live updates.</summary>
public sealed class SqliteOutbox(SqliteDatabase db) : IOutbox
{
    private const string Columns = "seq, id, tenant_id, scope, type, subject, time, correlation_id, causation_id, data, trace_parent, actor, not_before";

    public async Task<IReadOnlyList<StoredEvent>> Unpublished(int limit, Instant olderThan, CancellationToken ct)
    {
        var rows = await Read($"SELECT {Columns} FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $limit",
            c => c.Parameters.AddWithValue("$limit", limit), ct);
        return rows.Where(e => e.Message.Time <= olderThan).ToArray();
    }

    public async Task<IReadOnlyList<StoredEvent>> Unpublished(IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        if (eventIds.Count == 0) return [];
        var ids = eventIds.Take(500).ToArray();
        return await Read($"SELECT {Columns} FROM outbox WHERE published_at IS NULL AND id IN ({string.Join(',', ids.Select((_, i) => $"$id{i}"))}) ORDER BY seq",
            c => { for (var i = 0; i < ids.Length; i++) c.Parameters.AddWithValue($"$id{i}", ids[i]); }, ct);
    }

    public Task MarkPublished(IReadOnlyCollection<string> eventIds, Instant at, CancellationToken ct) =>
        eventIds.Count == 0
            ? Task.CompletedTask
            : db.ExecuteForEach("UPDATE outbox SET published_at = $at WHERE id = $value AND published_at IS NULL", eventIds, ct,
                c => c.Parameters.AddWithValue("$at", InstantPattern.ExtendedIso.Format(at)));

    public Task<IReadOnlyList<StoredEvent>> After(TenantId tenant, long afterSequence, int limit, CancellationToken ct) =>
        Read($"SELECT {Columns} FROM outbox WHERE tenant_id = $t AND seq > $after ORDER BY seq LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$t", tenant.Value);
            c.Parameters.AddWithValue("$after", afterSequence);
            c.Parameters.AddWithValue("$limit", limit);
        }, ct);

    public async Task<long> Head(TenantId tenant, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM outbox WHERE tenant_id = $t";
        command.Parameters.AddWithValue("$t", tenant.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private async Task<IReadOnlyList<StoredEvent>> Read(string sql, Action<SqliteCommand> bind, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new StoredEvent(reader.GetInt64(0), TenantId.Parse(reader.GetString(2)).Value, new Scope(reader.GetString(3)),
                new OutboxMessage(reader.GetString(1), reader.GetString(4), reader.GetString(5),
                    InstantPattern.ExtendedIso.Parse(reader.GetString(6)).Value, Text(7), Text(8), reader.GetString(9))
                {
                    TraceParent = Text(10),
                    Actor = Text(11),
                    NotBefore = Text(12) is { } nb ? InstantPattern.ExtendedIso.Parse(nb).Value : null,
                }));
        }
        return events;
    }
}
