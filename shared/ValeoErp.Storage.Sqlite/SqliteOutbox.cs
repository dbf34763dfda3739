using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>Reads the outbox table the commits write, for the relay and for live updates.</summary>
public sealed class SqliteOutbox(SqliteDatabase db) : IOutbox
{
    public async Task<IReadOnlyList<StoredEvent>> Unpublished(int limit, Instant olderThan, CancellationToken ct)
    {
        var rows = await Read(SqliteStatements.OutboxUnpublished,
            c => c.Parameters.AddWithValue("$limit", limit), ct);
        return rows.Where(e => e.Message.Time <= olderThan).ToArray();
    }

    public async Task<IReadOnlyList<StoredEvent>> Unpublished(IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        if (eventIds.Count == 0) return [];
        var ids = eventIds.Take(500).ToArray();
        return await Read(SqliteStatements.OutboxUnpublishedOf(ids.Length),
            c => { for (var i = 0; i < ids.Length; i++) c.Parameters.AddWithValue($"$id{i}", ids[i]); }, ct);
    }

    public Task MarkPublished(IReadOnlyCollection<string> eventIds, Instant at, CancellationToken ct) =>
        eventIds.Count == 0
            ? Task.CompletedTask
            : db.ExecuteForEach(SqliteStatements.OutboxMarkPublished, eventIds, ct,
                c => c.Parameters.AddWithValue("$at", InstantPattern.ExtendedIso.Format(at)));

    public Task<IReadOnlyList<StoredEvent>> After(TenantId tenant, long afterSequence, int limit, CancellationToken ct) =>
        Read(SqliteStatements.OutboxAfter, c =>
        {
            c.Parameters.AddWithValue("$t", tenant.Value);
            c.Parameters.AddWithValue("$after", afterSequence);
            c.Parameters.AddWithValue("$limit", limit);
        }, ct);

    public async Task<long> Head(TenantId tenant, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.OutboxHead;
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
