using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Sqlite;
using ValeoErp.Tests.Support;
using Xunit.Abstractions;

namespace ValeoErp.Tests.Adapters;

/// <summary>
/// Issue 13: the cost of a request must not grow with the data. Every statement of the SQLite adapter
/// (<see cref="SqliteStatements.All"/>) goes through EXPLAIN QUERY PLAN on the migrated schema, without statistics as
/// in production; a full scan of a table, or a sort of all matching rows, fails unless it is listed below with the
/// reason it stays small.
/// </summary>
public sealed partial class SqliteQueryPlanTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "valeo-sqlite", Guid.NewGuid().ToString("N"));
    private readonly SqliteDatabase _db;

    private readonly ITestOutputHelper _output;

    public SqliteQueryPlanTests(ITestOutputHelper output)
    {
        _output = output;
        _db = new SqliteDatabase(_directory);
        _db.Migrate(new FixedClock(Instant.FromUtc(2026, 11, 22, 0, 0)), default).GetAwaiter().GetResult();
    }

    /// <summary>Plan lines that may scan or sort, and why each stays bounded.</summary>
    private static readonly (Regex Statement, Regex Detail, string Reason)[] Allowed =
    [
        (Exact("MigrationsApplied", "Ping"), new("^SCAN schema_migrations"), "one row per schema step"),
        (Exact("Tenants"), new("^SCAN records USING COVERING INDEX ix_records_tenants$"), "a partial index holding the tenant records only"),
        (new("^SearchQuery\\(indexed: True\\)$"), new("^SCAN search_docs VIRTUAL TABLE INDEX \\d+:M"), "FTS5 full-text query: the trigram index finds the rows (M = MATCH)"),
        (new("^SearchDocDelete$"), new("^SCAN search_docs VIRTUAL TABLE INDEX \\d+:=?"), "FTS5 by rowid: the IN list comes from the search_keys key"),
        (new("^SearchQuery\\(indexed: True\\)$"), new("^USE TEMP B-TREE FOR ORDER BY$"), "rank order of the rows the full-text index matched"),
        // Known exception, left as it was: a search of terms shorter than three characters only ("27") cannot use the trigram
        // index; it filters the tenant's search documents until LIMIT is reached.
        (new("^SearchQuery\\(indexed: False\\)$"), new("^SCAN search_docs VIRTUAL TABLE INDEX 0:$"), "short terms only: bounded by LIMIT, not by the index (see SearchQuery)"),
        (Exact("LabelsDelete", "LabelsInsert"), new("^SCAN json_each VIRTUAL TABLE INDEX"), "the labels of the one record written"),
        (Exact("AuditOfEvents"), new("^SCAN json_each VIRTUAL TABLE INDEX"), "the event ids of one audit-chain batch (at most a few hundred)"),
        (new(""), new("^SCAN \\(subquery-\\d+\\)$"), "reads the LIMIT-bounded rows of its inner statement, whose own plan lines are checked too"),
        (new("^OutboxUnpublishedOf"), new("^USE TEMP B-TREE FOR ORDER BY$"), "sorts at most the 500 ids asked for"),
    ];

    private static Regex Exact(params string[] names) => new($"^({string.Join('|', names)})$");

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Parameter();

    [Fact]
    public async Task EveryStatement_UsesAnIndex_NeverAFullScan()
    {
        await using var connection = await _db.Open(default);
        var report = new List<string>();
        var failures = new List<string>();
        foreach (var (name, sql) in SqliteStatements.All())
        {
            var plan = await Plan(connection, sql);
            report.Add($"{name}: {string.Join(" | ", plan)}");
            _output.WriteLine(report[^1]);
            foreach (var line in plan)
            {
                var suspicious = line.StartsWith("SCAN ", StringComparison.Ordinal) || line.Contains("TEMP B-TREE", StringComparison.Ordinal);
                if (suspicious && !Allowed.Any(a => a.Statement.IsMatch(name) && a.Detail.IsMatch(line)))
                    failures.Add($"{name}: {line}\n    {sql.ReplaceLineEndings(" ")}");
            }
        }
        failures.Should().BeEmpty("every statement names an index (plans:\n{0})", string.Join('\n', report));
    }

    [Fact]
    public async Task ListQueries_AreServedByTheLabelOrTheSortIndex()
    {
        await using var connection = await _db.Open(default);
        // The keyset position is the start of the index range (a deep page reads only its own rows).
        (await Plan(connection, SqliteStatements.List(0, search: false, keyFrom: false, keyTo: true, after: true))).Should().Equal(
            "SEARCH records USING INDEX ix_records_sort (tenant_id=? AND scope=? AND type=? AND (sort_key,id)>(?,?) AND sort_key<?)");
        var labelled = await Plan(connection, SqliteStatements.List(2, search: true, keyFrom: false, keyTo: false, after: true));
        labelled[0].Should().Be("SEARCH l USING PRIMARY KEY (tenant_id=? AND scope=? AND type=? AND label=? AND (sort_key,id)>(?,?))");
        labelled.Should().Contain("SEARCH r USING PRIMARY KEY (tenant_id=? AND scope=? AND type=? AND id=?)");
        labelled.Should().Contain(l => l.StartsWith("SEARCH m1 USING ") && l.Contains("label=?") && l.Contains("sort_key=?") && l.Contains("id=?"),
            "a further label is one key lookup per row");
    }

    [Fact]
    public async Task Migration_BackfillsTheLabelsOfAnExistingStore()
    {
        var store = new SqliteRecordStore(_db);
        var tenant = TenantId.Parse("backfill").Value;
        var changes = new ChangeSet();
        changes.Writes.Add(new CreateRecord("flow", "a>b", "{}", new RecordIndex("2026-01-02|b", "", ["from:a", "to:b"])));
        changes.Writes.Add(new CreateRecord("flow", "a>c", "{}", new RecordIndex("2026-01-01|c", "", ["from:a", "to:c"])));
        changes.Writes.Add(new CreateRecord("flow", "none", "{}", new RecordIndex("2026-01-03|x", "", [])));
        await store.Commit(tenant, Scope.Year(2026), changes, default);

        // A store as it was before migration 4: no label rows, no label table, no tenant index.
        await using (var connection = await _db.Open(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE record_labels; DROP INDEX ix_records_tenants; DELETE FROM schema_migrations WHERE version = 4;";
            await command.ExecuteNonQueryAsync();
        }
        (await _db.Migrate(SystemClock.Instance, default)).Should().Be(1);

        (await store.List(tenant, Scope.Year(2026), new RecordQuery("flow", 10, Label: "from:a"), default)).Items.Select(r => r.Id).Should().Equal("a>c", "a>b");
        (await store.List(tenant, Scope.Year(2026), new RecordQuery("flow", 10, Label: "to:b"), default)).Items.Select(r => r.Id).Should().Equal("a>b");
        SqliteConnection.ClearAllPools();
        ClockedApp.Column(_directory, "SELECT count(*) FROM record_labels").Should().Equal("4");
    }

    private static async Task<List<string>> Plan(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
            command.Parameters.AddWithValue(name, name switch
            {
                "$limit" or "$cap" or "$v" or "$now" or "$value" => 10,
                "$labels" => "[\"partner:P1\",\"status:draft\"]",
                _ => "x",
            });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return lines;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* temp folder */ }
    }
}
