using Microsoft.Data.Sqlite;
using NodaTime;
using ValeoErp.Tests.Support;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Sqlite;

namespace ValeoErp.Tests.Adapters;

public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "valeo-sqlite", Guid.NewGuid().ToString("N"));
    private readonly SqliteDatabase _db;

    public SqliteRecordStoreTests()
    {
        _db = new SqliteDatabase(_directory);
        _db.Migrate(new FixedClock(Instant.FromUtc(2026, 11, 22, 0, 0)), default).GetAwaiter().GetResult();
        Store = new SqliteRecordStore(_db);
    }

    protected override IRecordStore Store { get; }

    [Fact]
    public async Task Migrate_OnACurrentSchema_AppliesNothing()
    {
        (await _db.Migrate(SystemClock.Instance, default)).Should().Be(0);
        (await Store.Ping(default)).Should().BeTrue();
    }

    [Fact]
    public async Task Database_RunsInWalMode()
    {
        await using var connection = await _db.Open(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync())!.ToString().Should().Be("wal");
    }

    [Fact]
    public async Task Events_GoToTheOutboxWithTheChange_AndNotWithoutIt()
    {
        var tenant = TenantId.Parse("outbox").Value;
        var ok = new ChangeSet();
        ok.Writes.Add(new CreateRecord("thing", "o1", "{}", RecordIndex.For("k")));
        ok.Events.Add(new OutboxMessage("evt-1", "thing.created", "thing/o1", Instant.FromUtc(2026, 1, 1, 0, 0), "c", null, "{}"));
        await Store.Commit(tenant, Scope.Master, ok, default);

        var failing = new ChangeSet();
        failing.Events.Add(new OutboxMessage("evt-2", "thing.created", "thing/o1", Instant.FromUtc(2026, 1, 1, 0, 0), "c", null, "{}"));
        failing.Writes.Add(new CreateRecord("thing", "o1", "{}", RecordIndex.For("k")));
        await FluentActions.Awaiting(() => Store.Commit(tenant, Scope.Master, failing, default)).Should().ThrowAsync<RecordConflictException>();

        await using var connection = await _db.Open(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(id) FROM outbox WHERE tenant_id = 'outbox'";
        (await command.ExecuteScalarAsync()).Should().Be("evt-1");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* temp folder */ }
    }
}
