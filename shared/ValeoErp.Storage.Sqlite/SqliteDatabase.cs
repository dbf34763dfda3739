using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Storage.Sqlite;

/// <summary>The embedded database file: WAL mode, full sync, schema migrated before first use.</summary>
public sealed class SqliteDatabase
{
    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "valeo.db");
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Pooling = true,
            DefaultTimeout = 30, // also how long a writer waits for the lock before giving up
        }.ToString();
    }

    public string FilePath { get; }
    public string ConnectionString { get; }

    // SQLite has one writer at a time. Writers of this process queue here (FIFO, no sleeping) instead of
    // colliding on the file lock, where the loser backs off in coarse sleeps; other processes are covered
    // by busy_timeout.
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Held for the duration of one write transaction.</summary>
    public async Task<IAsyncDisposable> Writing(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        return new Release(_writer);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    public async Task<SqliteConnection> Open(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // FULL: a committed change survives a power cut, not only a process crash. Redeliverable background work
        // (CommitDurability.Deferred) writes NORMAL: WAL keeps commit order, so the next FULL commit syncs it too.
        // Pragmas belong to the physical connection, which the pool keeps open: they are set once per connection,
        // and the sync level again only when it differs from what that connection was last given.
        var full = !CommitDurability.Deferred;
        var applied = Pragmas.GetOrCreateValue(connection.Handle!);
        if (applied.Full is null)
            await Execute(connection, full
                ? "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;"
                : "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;", ct);
        else if (applied.Full != full)
            await Execute(connection, full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;", ct);
        applied.Full = full;
        return connection;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, AppliedPragmas> Pragmas = new();

    private sealed class AppliedPragmas
    {
        public bool? Full { get; set; }
    }

    /// <summary>
    /// Runs one statement for each value in a single write transaction (batched marks and completions):
    /// <paramref name="sql"/> names the value <c>$value</c>; <paramref name="bind"/> adds any further parameters.
    /// </summary>
    public async Task ExecuteForEach<T>(string sql, IEnumerable<T> values, CancellationToken ct, Action<SqliteCommand>? bind = null)
    {
        await using var writing = await Writing(ct);
        await using var connection = await Open(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        bind?.Invoke(command);
        var value = command.Parameters.Add("$value", typeof(T) == typeof(string) ? SqliteType.Text : SqliteType.Integer);
        foreach (var item in values)
        {
            value.Value = item;
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Applies the schema steps not yet applied; safe to call on every start.</summary>
    public async Task<int> Migrate(IClock clock, CancellationToken ct)
    {
        await using var connection = await Open(ct);
        await Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            """, ct);
        var applied = new HashSet<long>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = SqliteStatements.MigrationsApplied;
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt64(0));
        }

        var count = 0;
        foreach (var (version, name, sql) in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await Execute(connection, sql, ct, tx);
            await using var mark = connection.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = SqliteStatements.MigrationMark;
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$n", name);
            mark.Parameters.AddWithValue("$a", InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()));
            await mark.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            count++;
        }
        return count;
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
