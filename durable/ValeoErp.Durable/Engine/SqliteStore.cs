using Microsoft.Data.Sqlite;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// Connection and transaction plumbing for the SQLite file. The file is owned by one process, so writers are
/// serialised by an in-process gate: SQLite allows a single writer anyway, and queueing here is cheaper and fairer
/// than letting connections spin in SQLite's busy handler.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private readonly string connectionString;
    private readonly string connectionPragmas;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public SqliteStore(string fileOrConnectionString, TimeSpan busyTimeout)
    {
        var builder = fileOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(fileOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = fileOrConnectionString };
        builder.Pooling = true;
        connectionString = builder.ToString();

        // synchronous=NORMAL is durable against process crashes in WAL mode (only an OS crash can lose the last commits).
        connectionPragmas = $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;";
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using SqliteCommand pragmas = Command(connection, null, connectionPragmas);
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> in one IMMEDIATE transaction, committed only if it returns normally.</summary>
    public async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> body,
        CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection
                .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            T result = await body(connection, transaction).ConfigureAwait(false);

            // Not cancellable: once the work is done, abandoning the commit would only force a re-run.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> body, CancellationToken cancellationToken) =>
        WriteAsync<bool>(
            async (connection, transaction) =>
            {
                await body(connection, transaction).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await body(connection).ConfigureAwait(false);
    }

    public static SqliteCommand Command(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        params (string Name, object? Value)[] parameters)
    {
        await using SqliteCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections so the file is released (another service may then open it).</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
    }
}
