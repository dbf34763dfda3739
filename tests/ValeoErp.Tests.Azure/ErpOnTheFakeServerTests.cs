using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Operations;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Hosting;
using ValeoErp.Functions.Triggers;
using ValeoErp.Storage.Cosmos;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Azure;

/// <summary>
/// The whole ERP with <c>Storage:Provider=Cosmos</c> on the npm fake server (COSMOS_FAKE_ENDPOINT, started by
/// .ci/run): demo seed, a sales flow with its events relayed into the audit chain, backup and restore.
/// Each app gets its own database; the SQLite file keeps only the local bus and the search index.
/// </summary>
public sealed class ErpOnTheFakeServerTests
{
    private static readonly string Endpoint = Environment.GetEnvironmentVariable("COSMOS_FAKE_ENDPOINT")
        ?? throw new InvalidOperationException("Set COSMOS_FAKE_ENDPOINT (npm fake server, see .ci/run).");

    private sealed class FakeServerErp(bool seed = true) : ValeoApp
    {
        public string Database { get; } = $"valeo-e2e-{Guid.NewGuid():N}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("any-key-the-fake-server-accepts"));
            builder.UseSetting("Storage:Provider", "Cosmos");
            builder.UseSetting("Cosmos:ConnectionString", $"AccountEndpoint={Endpoint.TrimEnd('/')}/;AccountKey={key}");
            builder.UseSetting("Cosmos:Database", Database);
            builder.UseSetting("Cosmos:CreateIfMissing", "true");
            builder.UseSetting("Cosmos:FakeServer", "true");
            builder.UseSetting("Seed:Demo", seed ? "true" : "false");
        }

        public LocalTriggerRunner Runner()
        {
            var runner = Services.GetRequiredService<LocalTriggerRunner>();
            runner.UseClient(CreateClient());
            return runner;
        }

        public async Task<int> CosmosCount(string tenant, string type)
        {
            var container = Services.GetRequiredService<CosmosStorage>().Container;
            using var iterator = container.GetItemQueryIterator<int>(
                new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t AND c.type = @type")
                    .WithParameter("@t", tenant).WithParameter("@type", type));
            return (await iterator.ReadNextAsync()).Single();
        }

        private bool _dropped;

        protected override void Dispose(bool disposing)
        {
            // WebApplicationFactory comes here twice; the services are gone on the second call.
            if (disposing && !_dropped && (_dropped = true))
                try { Services.GetRequiredService<CosmosStorage>().Container.Database.DeleteAsync().GetAwaiter().GetResult(); }
                catch (CosmosException) { /* the fake forgets everything on exit anyway */ }
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task DemoTenant_IsSeededIntoCosmos_WithAllItsMasterData()
    {
        using var app = new FakeServerErp();
        var admin = await app.Admin();

        (await admin.All("/api/v1/articles")).Should().HaveCount(DemoData.Articles.Count);
        (await admin.All("/api/v1/customers")).Should().HaveCount(DemoData.Customers.Count);
        (await admin.All("/api/v1/warehouses")).Should().HaveCount(DemoData.Warehouses.Count + 1);
        (await admin.All("/api/v1/accounts")).Should().NotBeEmpty();

        app.Services.GetRequiredService<IRecordStore>().Should().BeOfType<CosmosRecordStore>();
        (await app.CosmosCount("demo", "article")).Should().Be(DemoData.Articles.Count);
        (await app.CosmosCount("demo", "step")).Should().BeGreaterThan(1, "provisioning and seed went in several atomic steps");
    }

    [Fact]
    public async Task SalesFlow_OnCosmos_PostsTheInvoice_AndEveryEventReachesTheAuditChainOnce()
    {
        var charged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CosmosStorage.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "operation") charged.Add((string)tag.Value!);
        });
        listener.Start();
        using var app = new FakeServerErp(seed: false);
        var trade = await Trade.Open(app, "cosmos-flow");
        await trade.Stock(trade.Fertiliser, 100m);
        await trade.Stock(trade.Seed, 50m);

        var invoice = await trade.SellAndPost("2026-03-02", Trade.Line(trade.Fertiliser, 10m), Trade.Line(trade.Seed, 4m));

        invoice.GetProperty("status").GetString().Should().Be("posted");
        invoice.GetProperty("grossTotal").GetDecimal().Should().BeGreaterThan(0m);
        var runner = app.Runner();
        await runner.Drain();
        var outbox = app.Services.GetRequiredService<IOutbox>();
        (await outbox.Unpublished(500, SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(1)), default)).Should().BeEmpty();
        var tenant = TenantId.Parse("cosmos-flow").Value;
        await Task.Delay(CosmosOutbox.SettleTime.ToTimeSpan() + TimeSpan.FromMilliseconds(100)); // live updates hand out settled events only
        var head = await outbox.Head(tenant, default);
        (await outbox.After(tenant, 0, 1000, default)).Should().NotBeEmpty().And.OnlyContain(e => e.Sequence <= head);

        var verify = await (await trade.Admin.GetAsync("/api/v1/audit/verify")).Json();
        verify.GetProperty("valid").GetBoolean().Should().BeTrue();
        var events = (await outbox.After(tenant, 0, 1000, default)).Count;
        verify.GetProperty("entries").GetInt64().Should().Be(events, "each event is chained exactly once");
        (await trade.Get($"/api/v1/journal-entries")).GetProperty("items").GetArrayLength().Should().BeGreaterThan(0);
        charged.Distinct().Should().Contain(["read", "list", "write", "outbox", "outbox-mark"], "the request charge is reported per operation type");
    }

    [Fact]
    public async Task Backup_OnCosmos_RestoresIntoAnEmptyDatabase_AndTheApiAnswersAlike()
    {
        using var original = new FakeServerErp();
        var before = await original.Admin();
        var backup = await (await before.PostAsJsonAsync("/api/v1/admin/backups", new { })).EnsureSuccessStatusCode().Json();
        var backupId = backup.GetProperty("id").GetString()!;

        using var restored = new FakeServerErp(seed: false);
        _ = restored.Server; // start it: creates its database
        CopyDirectory(Path.Combine(original.DataDirectory, "blobs"), Path.Combine(restored.DataDirectory, "blobs"));
        var backups = new Backups(restored.Services.GetRequiredService<ITenantTransfer>(), restored.Services.GetRequiredService<IBlobStore>(), SystemClock.Instance);
        await backups.Restore(DemoSeed.Tenant, backupId, default);

        var after = await restored.Admin();
        foreach (var path in new[] { "/api/v1/articles", "/api/v1/customers", "/api/v1/suppliers", "/api/v1/warehouses", "/api/v1/accounts" })
        {
            var expected = await before.All(path);
            var actual = await after.All(path);
            actual.Select(i => i.GetRawText()).Should().Equal(expected.Select(i => i.GetRawText()), path);
        }
        (await after.GetAsync("/api/v1/articles?search=Dünger")).StatusCode.Should().Be(HttpStatusCode.OK);
        await FluentActions.Awaiting(() => backups.Restore(DemoSeed.Tenant, backupId, default)).Should().ThrowAsync<InvalidOperationException>();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
