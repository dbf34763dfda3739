using System.Net;
using System.Text.Json;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Operations;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Sqlite;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 5, acceptance 4: backup, restore into an empty store with equal API answers, corruption detected.</summary>
public sealed class BackupRestoreTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    private static readonly TenantId Demo = TenantId.Parse("demo").Value;

    [Fact]
    public async Task DemoTenant_BackedUpAndRestoredIntoAnEmptyStore_AnswersTheSame()
    {
        var client = await app.Admin();
        var created = await client.PostAsync("/api/v1/admin/backups", null);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var manifest = await created.Json();
        var id = manifest.GetProperty("id").GetString()!;
        manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Equal("records.jsonl.gz", "audit.jsonl.gz");
        manifest.GetProperty("files")[0].GetProperty("lines").GetInt64().Should().BeGreaterThan(170);
        (await (await client.GetAsync("/api/v1/admin/backups")).Json()).GetProperty("items").EnumerateArray().Select(i => i.GetString()).Should().Contain(id);

        using var restored = new EmptyStoreApp();
        var (db, backups) = await Restorer(restored.DataDirectory);
        await backups.Restore(Demo, id, default);

        var copy = await restored.Admin();
        foreach (var path in new[] { "/api/v1/articles", "/api/v1/customers", "/api/v1/suppliers", "/api/v1/warehouses", "/api/v1/accounts" })
        {
            var original = (await client.All(path)).Select(e => e.GetRawText()).ToList();
            (await copy.All(path)).Select(e => e.GetRawText()).Should().Equal(original, path);
        }
        var customer = (await client.All("/api/v1/customers"))[3].GetProperty("id").GetString();
        var a = await client.GetAsync($"/api/v1/customers/{customer}");
        var b = await copy.GetAsync($"/api/v1/customers/{customer}");
        b.Headers.ETag.Should().Be(a.Headers.ETag);
        (await b.Content.ReadAsStringAsync()).Should().Be(await a.Content.ReadAsStringAsync());
        (await copy.All($"/api/v1/audit/logs?entityId={customer}")).Should().HaveCount((await client.All($"/api/v1/audit/logs?entityId={customer}")).Count);
    }

    [Fact]
    public async Task ACorruptedBackupFile_IsDetectedByItsChecksum_AndNothingIsRestored()
    {
        var client = await app.Admin();
        var id = (await (await client.PostAsync("/api/v1/admin/backups", null)).Json()).GetProperty("id").GetString()!;
        var file = Path.Combine(app.DataDirectory, "blobs", "backups", "demo", id, "records.jsonl.gz");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var target = Path.Combine(Path.GetTempPath(), "valeo-restore", Guid.NewGuid().ToString("N"));
        var (db, backups) = await Restorer(target);
        (await FluentActions.Awaiting(() => backups.Restore(Demo, id, default)).Should().ThrowAsync<BackupCorruptException>())
            .Which.File.Should().Be("records.jsonl.gz");
        (await new SqliteTenantTransfer(db).Tenants(default)).Should().BeEmpty("nothing is written from a corrupt backup");
    }

    [Fact]
    public async Task RestoringIntoAStoreThatHoldsTheTenant_IsRefused()
    {
        var client = await app.Admin();
        var id = (await (await client.PostAsync("/api/v1/admin/backups", null)).Json()).GetProperty("id").GetString()!;
        var db = new SqliteDatabase(app.DataDirectory);
        var backups = new Backups(new SqliteTenantTransfer(db), new FolderBlobStore(Path.Combine(app.DataDirectory, "blobs")), SystemClock.Instance);
        await FluentActions.Awaiting(() => backups.Restore(Demo, id, default)).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task TwoBackups_InTheSameSecond_AreBothListedAndRestorable()
    {
        using var clocked = new ClockedApp(); // the clock stands still: both backups are taken at the same instant
        var client = await clocked.Admin();
        var first = await client.PostAsync("/api/v1/admin/backups", null);
        var second = await client.PostAsync("/api/v1/admin/backups", null);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var ids = new[] { (await first.Json()).GetProperty("id").GetString()!, (await second.Json()).GetProperty("id").GetString()! };

        ids[1].Should().NotBe(ids[0]);
        ids.Should().OnlyContain(id => id.StartsWith("2026-11-22T090000Z-000-", StringComparison.Ordinal), "the id starts with the UTC time");
        ids.Should().OnlyContain(id => id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), "safe for blob names and the restore command line");
        var listed = (await (await client.GetAsync("/api/v1/admin/backups")).Json()).GetProperty("items").EnumerateArray().Select(i => i.GetString()).ToList();
        listed.Should().BeEquivalentTo(ids).And.BeInAscendingOrder(StringComparer.Ordinal);

        var demoRecords = ClockedApp.Column(clocked.DataDirectory, "SELECT COUNT(*) FROM records WHERE tenant_id = 'demo'");
        const string labelIndex = "SELECT scope || ' ' || type || ' ' || label || ' ' || sort_key || ' ' || id FROM record_labels WHERE tenant_id = 'demo' ORDER BY 1";
        var demoLabels = ClockedApp.Column(clocked.DataDirectory, labelIndex);
        demoLabels.Should().NotBeEmpty();
        foreach (var id in ids)
        {
            var target = Path.Combine(Path.GetTempPath(), "valeo-restore", Guid.NewGuid().ToString("N"));
            var db = new SqliteDatabase(target);
            await db.Migrate(SystemClock.Instance, default);
            var backups = new Backups(new SqliteTenantTransfer(db), new FolderBlobStore(Path.Combine(clocked.DataDirectory, "blobs")), SystemClock.Instance);
            (await backups.Restore(Demo, id, default)).Id.Should().Be(id);
            (await new SqliteTenantTransfer(db).Tenants(default)).Should().Contain(Demo);
            ClockedApp.Column(target, "SELECT COUNT(*) FROM records WHERE tenant_id = 'demo'").Should().Equal(demoRecords, $"backup {id} restores every record");
            ClockedApp.Column(target, labelIndex).Should().Equal(demoLabels, $"backup {id} restores the label index with the records");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retention_Keeps30DailyAnd12Monthly(bool currentIds)
    {
        var root = Path.Combine(Path.GetTempPath(), "valeo-retention", Guid.NewGuid().ToString("N"));
        IBlobStore blobs = new FolderBlobStore(root);
        var day = new LocalDate(2026, 11, 22);
        for (var i = 0; i < 400; i++)
        {
            var id = currentIds ? Backups.NewId(day.PlusDays(-i).At(new LocalTime(2, 0)).InUtc().ToInstant()) : $"{day.PlusDays(-i):yyyy-MM-dd}T020000Z";
            await blobs.Put(BlobContainers.Backups, $"demo/{id}/{Backups.ManifestName}", [1], "application/json", default);
        }
        var backups = new Backups(new SqliteTenantTransfer(new SqliteDatabase(Path.Combine(root, "db"))), blobs, SystemClock.Instance);

        await backups.ApplyRetention(Demo, default);

        var kept = await backups.List(Demo, default);
        kept.Count(k => string.CompareOrdinal(k, "2026-10-24") >= 0).Should().Be(30, "the newest 30 daily backups");
        kept.Where(k => string.CompareOrdinal(k, "2026-10-24") < 0).Should().HaveCount(11)
            .And.OnlyContain(k => k.Substring(8, 2) == "01", "older ones only as the first of their month");
        Directory.Delete(root, true);
    }

    /// <summary>An empty store at <paramref name="target"/> that restores from the original app's backups.</summary>
    private async Task<(SqliteDatabase Db, Backups Backups)> Restorer(string target)
    {
        var db = new SqliteDatabase(target);
        await db.Migrate(SystemClock.Instance, default);
        return (db, new Backups(new SqliteTenantTransfer(db), new FolderBlobStore(Path.Combine(app.DataDirectory, "blobs")), SystemClock.Instance));
    }

    /// <summary>A second app on an empty store that does not seed, to receive the restore.</summary>
    private sealed class EmptyStoreApp : ValeoApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:Demo", "false");
        }
    }
}
