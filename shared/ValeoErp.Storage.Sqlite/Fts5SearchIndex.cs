using Microsoft.Data.Sqlite;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// The search port on SQLite FTS5 with the trigram tokenizer. Terms of three or more characters go through the
/// index (MATCH); shorter ones ("27" in "KAS 27") narrow the matches with LIKE. Every query names the tenant.
/// </summary>
public sealed class Fts5SearchIndex(SqliteDatabase db) : ISearchIndex
{
    public async Task Upsert(TenantId tenant, IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        foreach (var d in documents)
        {
            await Delete(connection, tx, tenant, d.Kind, d.Id, ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = SqliteStatements.SearchDocInsert + ";\n" + SqliteStatements.SearchKeyInsert;
            insert.Parameters.AddWithValue("$t", tenant.Value);
            insert.Parameters.AddWithValue("$k", d.Kind);
            insert.Parameters.AddWithValue("$id", d.Id);
            insert.Parameters.AddWithValue("$title", d.Title);
            insert.Parameters.AddWithValue("$sub", (object?)d.Subtitle ?? DBNull.Value);
            insert.Parameters.AddWithValue("$body", SearchText.Index([d.Title, d.Subtitle, .. d.Searchable]));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task Remove(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        await using var writing = await db.Writing(ct);
        await using var connection = await db.Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await Delete(connection, tx, tenant, kind, id, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<SearchHit>> Query(TenantId tenant, string text, IReadOnlySet<string> kinds, int limit, CancellationToken ct)
    {
        // Quotes and control characters leave the terms: inside an FTS5 string a NUL ends the query text early.
        var terms = SearchText.Query(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => new string(t.Where(c => c != '"' && !char.IsControl(c)).ToArray())).Where(t => t.Length > 0).Distinct().ToArray();
        if (terms.Length == 0 || kinds.Count == 0) return [];
        var indexed = terms.Where(t => t.Length >= 3).ToArray();
        await using var connection = await db.Open(ct);
        await using var command = connection.CreateCommand();
        var shortTerms = terms.Where(t => t.Length < 3).ToArray();
        var kindList = kinds.ToArray();
        command.CommandText = SqliteStatements.SearchQuery(indexed.Length > 0, shortTerms.Length, kindList.Length);
        command.Parameters.AddWithValue("$t", tenant.Value);
        if (indexed.Length > 0) command.Parameters.AddWithValue("$match", string.Join(' ', indexed.Select(t => $"\"{t}\"")));
        for (var i = 0; i < shortTerms.Length; i++)
            command.Parameters.AddWithValue($"$s{i}", "%" + shortTerms[i].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        for (var i = 0; i < kindList.Length; i++) command.Parameters.AddWithValue($"$kind{i}", kindList[i]);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return hits;
    }

    private static async Task Delete(SqliteConnection connection, SqliteTransaction tx, TenantId tenant, string kind, string id, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SqliteStatements.SearchDocDelete + ";\n" + SqliteStatements.SearchKeyDelete;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$k", kind);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(ct);
    }
}
