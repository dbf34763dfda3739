using System.Net.Http.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Storage.Sqlite;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Adapters;

/// <summary>ADR 0010: only redeliverable background work defers its sync; everything else commits with FULL.</summary>
public sealed class CommitDurabilityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "valeo-durability", Guid.NewGuid().ToString("N"));

    private static async Task<long> Synchronous(SqliteDatabase db)
    {
        await using var connection = await db.Open(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Connections_AreFull_ExceptInsideADeferredScope_AndTheScopeEndsWithItsBlock()
    {
        var db = new SqliteDatabase(_directory);
        (await Synchronous(db)).Should().Be(2, "FULL by default");
        using (CommitDurability.Defer())
        {
            (await Synchronous(db)).Should().Be(1, "NORMAL for redeliverable work");
            await DeferInside();
        }
        CommitDurability.Deferred.Should().BeFalse();
        (await Synchronous(db)).Should().Be(2, "a pooled connection goes back to FULL");
    }

    /// <summary>A scope opened in a called method does not leak to the caller after it returns.</summary>
    private static async Task DeferInside()
    {
        await Task.Yield();
        using (CommitDurability.Defer()) CommitDurability.Deferred.Should().BeTrue();
        CommitDurability.Deferred.Should().BeTrue("the caller's scope is still open");
    }

    [Fact]
    public async Task UserRequests_CommitFull_WhileTheConsumersOfTheirEventsRun()
    {
        // Consumers run deferred on the loopback trigger endpoints; a request on the API afterwards is FULL again.
        await using var app = new ValeoApp();
        var admin = await app.Admin("durability");
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Hof Durability", address = new { street = "Weg 1", postalCode = "26655", city = "Westerstede" },
        });
        created.EnsureSuccessStatusCode();
        CommitDurability.Deferred.Should().BeFalse();
        (await Synchronous(new SqliteDatabase(app.DataDirectory))).Should().Be(2);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
