using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Triggers;

/// <summary>Issue 4, acceptance 1, 2 and 6: crash safety, dead letters and replay, tamper detection.</summary>
public sealed class BackboneTests
{
    [Fact]
    public async Task RelayKilledBetweenPublishAndMark_AfterRestart_EveryEventIsInTheAuditChainExactlyOnce()
    {
        using var first = new ClockedApp();
        var client = await first.Admin("crash");
        for (var i = 0; i < 5; i++)
            (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer($"Hof {i}"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var runner = first.Runner();
        runner.AfterPublish = _ => throw new IOException("process killed after publishing, before marking the outbox");
        await FluentActions.Awaiting(() => runner.Relay(default)).Should().ThrowAsync<IOException>();
        first.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'crash' AND published_at IS NULL").Single().Should().NotBe("0");
        var directory = first.DataDirectory;
        first.KeepData = true;
        await first.DisposeAsync();

        using var restarted = new RestartedApp(directory);
        var again = restarted.Runner();
        await again.Drain();
        await again.Relay(default); // a second relay round finds nothing left to publish
        restarted.Column("SELECT count(*) FROM outbox WHERE published_at IS NULL").Single().Should().Be("0");

        var events = restarted.Column("SELECT id FROM outbox WHERE tenant_id = 'crash'");
        var chained = restarted.Column("SELECT json_extract(data, '$.eventId') FROM records WHERE tenant_id = 'crash' AND type = 'audit-chain'");
        events.Should().HaveCountGreaterThan(5);
        chained.Should().BeEquivalentTo(events, "every event reaches the consumer's effect exactly once");

        // The same messages once more (an expired duplicate-detection window): the processed records absorb them.
        restarted.Execute("UPDATE outbox SET published_at = NULL WHERE tenant_id = 'crash'");
        restarted.Execute("DELETE FROM bus_messages");
        await again.Drain();
        restarted.Column("SELECT count(*) FROM records WHERE tenant_id = 'crash' AND type = 'audit-chain'").Single()
            .Should().Be(events.Count.ToString());
        var verify = await (await (await restarted.Admin("crash")).GetAsync("/api/v1/audit/verify")).Json();
        verify.GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task FailingConsumer_IsDeadLetteredAfterMaxDeliveryCount_AndReplayAppliesItOnce()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("dlq");
        var runner = app.Runner();
        await runner.Drain(); // provisioning events go through while the consumer is healthy
        var chainBefore = app.Column("SELECT count(*) FROM records WHERE tenant_id = 'dlq' AND type = 'audit-chain'").Single();

        app.Faults.Fail("AuditChain");
        (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Fehler"))).StatusCode.Should().Be(HttpStatusCode.Created);
        await runner.Drain();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            app.Clock.Advance(NodaTime.Duration.FromMinutes(2)); // past every back-off, no sleeping
            await runner.Drain();
        }

        var letters = await (await client.GetAsync("/api/v1/admin/dead-letters")).Json();
        var letter = letters.GetProperty("items").EnumerateArray().Single();
        letter.GetProperty("subscription").GetString().Should().Be("audit");
        letter.GetProperty("deliveryCount").GetInt32().Should().Be(10, "maxDeliveryCount of the audit subscription");
        letter.GetProperty("reason").GetString().Should().Contain("MaxDeliveryCountExceeded");
        app.Column("SELECT count(*) FROM records WHERE tenant_id = 'dlq' AND type = 'audit-chain'").Single().Should().Be(chainBefore);

        app.Faults.Heal("AuditChain");
        var replay = await client.PostAsync($"/api/v1/admin/dead-letters/{letter.GetProperty("id").GetInt64()}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        await runner.Drain();
        (await client.PostAsync($"/api/v1/admin/dead-letters/{letter.GetProperty("id").GetInt64()}/replay", null))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "it is no dead letter any more");
        await runner.Drain();

        app.Column("SELECT count(*) FROM records WHERE tenant_id = 'dlq' AND type = 'audit-chain'").Single()
            .Should().Be((int.Parse(chainBefore) + 1).ToString(), "the replayed event is applied once");
        (await (await client.GetAsync("/api/v1/admin/dead-letters")).Json()).GetProperty("items").GetArrayLength().Should().Be(0);
        var viewer = await app.ClientFor("dlq", "vera", "viewer");
        (await viewer.GetAsync("/api/v1/admin/dead-letters")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AuditBatchFromTheHost_LinksEveryEventOnceInOrder_AndARedeliveredOrOverlappingBatchAddsNothing()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("batch");
        var host = app.CreateClient();
        var events = Enumerable.Range(1, 5).Select(i => new ValeoErp.Application.Abstractions.EventEnvelope($"evt-{i}", "customer.created",
            ValeoErp.Application.Abstractions.Envelopes.Source, $"partner/{i}", NodaTime.Instant.FromUtc(2026, 11, 22, 10, i), "batch",
            "corr-1", null, null, "alice", System.Text.Json.JsonDocument.Parse($$"""{"n":{{i}}}""").RootElement)).ToArray();
        System.Text.Json.Nodes.JsonObject Envelope(IEnumerable<ValeoErp.Application.Abstractions.EventEnvelope> batch, int delivery) => new()
        {
            // bodies as JSON text, the way the host passes a string-bodied Service Bus batch
            ["Data"] = new System.Text.Json.Nodes.JsonObject { ["message"] = new System.Text.Json.Nodes.JsonArray(
                batch.Select(e => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(ValeoErp.Application.Abstractions.ValeoJson.Serialize(e))).ToArray()) },
            ["Metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["MessageIdArray"] = new System.Text.Json.Nodes.JsonArray(batch.Select(e => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(e.Id)).ToArray()),
                ["DeliveryCountArray"] = new System.Text.Json.Nodes.JsonArray(batch.Select(_ => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(delivery)).ToArray()),
            },
        };

        var first = await host.PostAsJsonAsync("/AuditChain", Envelope(events.Take(3), 1));
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await host.PostAsJsonAsync("/AuditChain", Envelope(events.Take(3), 2))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.PostAsJsonAsync("/AuditChain", Envelope(events.Skip(1), 1))).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Column("SELECT json_extract(data, '$.eventId') FROM records WHERE tenant_id = 'batch' AND type = 'audit-chain' AND json_extract(data, '$.eventId') LIKE 'evt-%' ORDER BY id")
            .Should().Equal("evt-1", "evt-2", "evt-3", "evt-4", "evt-5");
        var verify = await (await client.GetAsync("/api/v1/audit/verify")).Json();
        verify.GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task ConsumerLosingEveryRace_AnswersTheHost503_AndIsDeliveredAgainUntilItWins()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("races");
        var runner = app.Runner();
        await runner.Drain();
        var chainBefore = int.Parse(app.Column("SELECT count(*) FROM records WHERE tenant_id = 'races' AND type = 'audit-chain'").Single());

        app.Faults.LoseRaces("AuditChain");
        (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Wettlauf"))).StatusCode.Should().Be(HttpStatusCode.Created);
        await runner.Drain();
        app.Column("SELECT last_error FROM bus_messages WHERE subscription = 'audit' AND tenant_id = 'races' AND state = 'active'")
            .Should().ContainSingle().Which.Should().StartWith("503").And.Contain("concurrent-write");

        app.Faults.Heal("AuditChain");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(2));
        await runner.Drain();
        app.Column("SELECT count(*) FROM records WHERE tenant_id = 'races' AND type = 'audit-chain'").Single()
            .Should().Be((chainBefore + 1).ToString(), "the redelivery links the event once");
    }

    [Fact]
    public async Task TamperingWithOneAuditEntry_MakesVerifyNameThatEntry()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("tamper");
        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer($"Hof {i}"));
        await app.Runner().Drain();
        var auditor = await app.ClientFor("tamper", "ute", "auditor");
        var valid = await (await auditor.GetAsync("/api/v1/audit/verify")).Json();
        valid.GetProperty("valid").GetBoolean().Should().BeTrue();
        var entries = valid.GetProperty("entries").GetInt64();
        entries.Should().BeGreaterThan(3);

        var victim = app.Column("SELECT id FROM records WHERE tenant_id = 'tamper' AND type = 'audit-chain' ORDER BY id LIMIT 1 OFFSET 2").Single();
        app.Execute($"UPDATE records SET data = json_set(data, '$.actor', 'mallory') WHERE tenant_id = 'tamper' AND type = 'audit-chain' AND id = '{victim}'");

        var broken = await (await auditor.GetAsync("/api/v1/audit/verify")).Json();
        broken.GetProperty("valid").GetBoolean().Should().BeFalse();
        broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64().Should().Be(long.Parse(victim));
        broken.GetProperty("reason").GetString().Should().Contain("hash");
    }
}
