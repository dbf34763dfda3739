using System.Text;
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
            insert.CommandText = """
                INSERT INTO search_docs (tenant_id, kind, doc_id, title, subtitle, body) VALUES ($t, $k, $id, $title, $sub, $body);
                INSERT INTO search_keys (tenant_id, kind, doc_id, row) VALUES ($t, $k, $id, last_insert_rowid());
                """;
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
        var sql = new StringBuilder("SELECT kind, doc_id, title, subtitle FROM search_docs WHERE tenant_id = $t");
        command.Parameters.AddWithValue("$t", tenant.Value);
        if (indexed.Length > 0)
        {
            sql.Append(" AND search_docs MATCH $match");
            command.Parameters.AddWithValue("$match", string.Join(' ', indexed.Select(t => $"\"{t}\"")));
        }
        var shortTerms = terms.Where(t => t.Length < 3).ToArray();
        for (var i = 0; i < shortTerms.Length; i++)
        {
            sql.Append($" AND body LIKE $s{i} ESCAPE '\\'");
            command.Parameters.AddWithValue($"$s{i}", "%" + shortTerms[i].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        var kindList = kinds.ToArray();
        sql.Append($" AND kind IN ({string.Join(',', kindList.Select((_, i) => $"$kind{i}"))})");
        for (var i = 0; i < kindList.Length; i++) command.Parameters.AddWithValue($"$kind{i}", kindList[i]);
        sql.Append(indexed.Length > 0 ? " ORDER BY rank LIMIT $limit" : " LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        command.CommandText = sql.ToString();
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
        command.CommandText = """
            DELETE FROM search_docs WHERE rowid IN (SELECT row FROM search_keys WHERE tenant_id = $t AND kind = $k AND doc_id = $id);
            DELETE FROM search_keys WHERE tenant_id = $t AND kind = $k AND doc_id = $id;
            """;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$k", kind);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(ct);
    }
}
