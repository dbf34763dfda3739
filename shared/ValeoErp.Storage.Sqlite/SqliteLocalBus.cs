using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// The topic <c>domain-events</c> for the local shape, kept in the same SQLite file: publishing fans a
/// message out to every subscription whose rules accept its subject (messaging.json); a repeated MessageId
/// is ignored per subscription, like Service Bus duplicate detection.
/// </summary>
public sealed class SqliteLocalBus(SqliteDatabase db, MessagingModel messaging, IClock clock) : IEventPublisher, ILocalQueue
{
    public async Task Publish(IReadOnlyList<BusMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return;
        var topic = messaging.Topics.Single(t => t.Name == Envelopes.Topic);
        var now = clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SqliteStatements.BusInsert;
        var sub = command.Parameters.Add("$sub", SqliteType.Text);
        var mid = command.Parameters.Add("$mid", SqliteType.Text);
        var tenant = command.Parameters.Add("$t", SqliteType.Text);
        var subject = command.Parameters.Add("$subject", SqliteType.Text);
        var corr = command.Parameters.Add("$corr", SqliteType.Text);
        var body = command.Parameters.Add("$body", SqliteType.Text);
        var props = command.Parameters.Add("$props", SqliteType.Text);
        var visible = command.Parameters.Add("$visible", SqliteType.Integer);
        command.Parameters.AddWithValue("$topic", topic.Name);
        command.Parameters.AddWithValue("$now", now);
        foreach (var message in messages)
            foreach (var subscription in topic.Subscriptions.Where(s => s.Accepts(message.Subject)))
            {
                sub.Value = subscription.Name;
                mid.Value = message.MessageId;
                tenant.Value = message.TenantId;
                subject.Value = message.Subject;
                corr.Value = (object?)message.CorrelationId ?? DBNull.Value;
                body.Value = message.Body;
                props.Value = JsonSerializer.Serialize(message.Properties);
                visible.Value = message.ScheduledEnqueueTime?.ToUnixTimeMilliseconds() ?? now;
                await command.ExecuteNonQueryAsync(ct);
            }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<QueuedMessage>> Claim(Instant now, Duration lockFor, int limit, CancellationToken ct)
    {
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var claimed = new List<QueuedMessage>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = SqliteStatements.BusDue;
            select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$limit", limit);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                claimed.Add(new QueuedMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    new BusMessage(reader.GetString(3), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7),
                        reader.GetString(4), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8))!),
                    reader.GetInt32(9) + 1, Instant.FromUnixTimeMilliseconds(reader.GetInt64(10))));
        }
        await using (var lockRows = connection.CreateCommand())
        {
            lockRows.Transaction = tx;
            lockRows.CommandText = SqliteStatements.BusLock;
            lockRows.Parameters.AddWithValue("$until", (now + lockFor).ToUnixTimeMilliseconds());
            var id = lockRows.Parameters.Add("$id", SqliteType.Integer);
            foreach (var message in claimed)
            {
                id.Value = message.Id;
                await lockRows.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return claimed;
    }

    public Task Complete(long id, CancellationToken ct) =>
        Execute(SqliteStatements.BusComplete, ct, ("$id", id));

    public Task Complete(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : db.ExecuteForEach(SqliteStatements.BusCompleteEach, ids, ct);

    public Task Abandon(long id, Instant visibleAt, string error, CancellationToken ct) =>
        Execute(SqliteStatements.BusAbandon, ct,
            ("$id", id), ("$v", visibleAt.ToUnixTimeMilliseconds()), ("$e", Truncate(error)));

    public Task DeadLetter(long id, string reason, Instant at, CancellationToken ct) =>
        Execute(SqliteStatements.BusDeadLetter, ct,
            ("$id", id), ("$e", Truncate(reason)), ("$at", at.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<DeadLetter>> DeadLetters(TenantId tenant, CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.BusDeadLetters;
        command.Parameters.AddWithValue("$t", tenant.Value);
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            letters.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : Instant.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                Instant.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        return letters;
    }

    public async Task<bool> Replay(TenantId tenant, long id, Instant now, CancellationToken ct) =>
        await Execute(SqliteStatements.BusReplay, ct, ("$id", id), ("$t", tenant.Value), ("$now", now.ToUnixTimeMilliseconds())) == 1;

    public async Task<int> Active(CancellationToken ct)
    {
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.BusActive;
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private async Task<int> Execute(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}
