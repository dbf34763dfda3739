using System.Text.Json;
using Microsoft.Azure.Cosmos;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Cosmos;

namespace ValeoErp.Tests.Azure;

/// <summary>
/// A test that needs what only the emulator or a real account has. On the npm fake server it is reported as
/// skipped with the reason; the GitHub Actions job <c>cosmos-emulator</c> (and any run with COSMOS_ENDPOINT) runs it.
/// </summary>
public sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute(string needs)
    {
        if (Environment.GetEnvironmentVariable("COSMOS_ENDPOINT") is null)
            Skip = $"needs {needs}, which the npm Cosmos fake server does not have; runs in the cosmos-emulator job";
    }
}

[Collection("cosmos")]
public sealed class CosmosEmulatorOnlyTests(CosmosFixture cosmos)
{
    private static readonly TenantId Tenant = TenantId.Parse("emulator-only").Value;

    [EmulatorFact("TransactionalBatch")]
    public async Task ConcurrentReplacesOfOneVersion_OnlyOneBatchWins()
    {
        var create = new ChangeSet();
        create.Writes.Add(new CreateRecord("thing", "race", "{\"v\":0}", RecordIndex.For("k")));
        await cosmos.Store.Commit(Tenant, Scope.Master, create, default);

        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            var replace = new ChangeSet();
            replace.Writes.Add(new ReplaceRecord("thing", "race", 1, $"{{\"v\":{i}}}", RecordIndex.For("k")));
            replace.Audit.Add(new AuditEntry(SystemClock.Instance.GetCurrentInstant(), "u", "thing.updated", "thing", "race", null, "{}", null));
            try { await cosmos.Store.Commit(Tenant, Scope.Master, replace, default); return true; }
            catch (RecordConflictException) { return false; }
        });

        (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
        (await cosmos.Store.Get(Tenant, Scope.Master, "thing", "race", default))!.Version.Should().Be(2);
        (await cosmos.Store.ListAudit(Tenant, "race", 20, null, default)).Items.Should().ContainSingle("the losers' audit entries went nowhere");
    }


}

/// <summary>The outbox on Cosmos: what the relay function and live updates read (the fake server serves both reads).</summary>
[Collection("cosmos")]
public sealed class CosmosOutboxTests(CosmosFixture cosmos)
{
    private static readonly TenantId Tenant = TenantId.Parse("outbox-contract").Value;

    [Fact]
    public async Task ChangeFeed_CarriesTheOutboxItemOfACommit_AndTheRelayPublishesItOnce()
    {
        var eventId = Guid.NewGuid().ToString("N");
        var changes = new ChangeSet();
        changes.Writes.Add(new CreateRecord("thing", eventId, "{}", RecordIndex.For("k")));
        changes.Events.Add(new OutboxMessage(eventId, "thing.created", $"thing/{eventId}", SystemClock.Instance.GetCurrentInstant(), null, null, "{}"));
        await cosmos.Store.Commit(Tenant, Scope.Master, changes, default);

        // What the OutboxRelay function's cosmosDBTrigger binding receives: the changed documents.
        var changed = new List<JsonElement>();
        using var feed = cosmos.Container.GetChangeFeedStreamIterator(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        while (feed.HasMoreResults)
        {
            using var response = await feed.ReadNextAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.NotModified) break;
            using var doc = await JsonDocument.ParseAsync(response.Content);
            changed.AddRange(doc.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.Clone()));
        }
        var item = changed.Should().ContainSingle(d => d.GetProperty("id").GetString() == CosmosOutbox.ItemPrefix + eventId).Subject;
        item.GetProperty("type").GetString().Should().Be("outbox");
        item.GetProperty("publishedAt").ValueKind.Should().Be(JsonValueKind.Null);

        var outbox = new CosmosOutbox(cosmos.Container);
        var pending = await outbox.Unpublished([item.GetProperty("id").GetString()!], default);
        pending.Should().ContainSingle().Which.Message.Id.Should().Be(eventId);
        await outbox.MarkPublished([eventId], SystemClock.Instance.GetCurrentInstant(), default);
        (await outbox.Unpublished([eventId], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task OutboxAndAudit_AcrossScopes_AreReadInTimeOrder()
    {
        var tenant = TenantId.Parse("emulator-order").Value;
        var start = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(5);
        for (var i = 0; i < 6; i++)
        {
            var at = start + Duration.FromSeconds(i);
            var changes = new ChangeSet();
            changes.Events.Add(new OutboxMessage($"e{i}", "thing.created", $"thing/{i}", at, null, null, "{}"));
            changes.Audit.Add(new AuditEntry(at, "u", $"a{i}", "thing", "x", null, "{}", null));
            // Alternate partitions, newest first in one of them, so only a real cross-partition sort gets the order right.
            await cosmos.Store.Commit(tenant, i % 2 == 0 ? Scope.Master : Scope.Year(2026), changes, default);
        }
        var outbox = new CosmosOutbox(cosmos.Container);

        var all = await outbox.After(tenant, 0, 100, default);
        all.Select(e => e.Message.Id).Should().Equal("e0", "e1", "e2", "e3", "e4", "e5");
        (await outbox.After(tenant, all[2].Sequence, 2, default)).Select(e => e.Message.Id).Should().Equal("e3", "e4");
        (await outbox.Head(tenant, default)).Should().Be(all[^1].Sequence);
        var audit = await cosmos.Store.ListAudit(tenant, "x", 4, null, default);
        audit.Items.Select(a => a.Entry.Action).Should().Equal("a0", "a1", "a2", "a3");
        (await cosmos.Store.ListAudit(tenant, "x", 4, audit.Continuation, default)).Items.Select(a => a.Entry.Action).Should().Equal("a4", "a5");
    }
}
