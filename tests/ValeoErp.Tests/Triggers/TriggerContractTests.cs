using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Triggers;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Triggers;

/// <summary>
/// Issue 4, acceptance 3: every non-HTTP function.json is served by an endpoint that answers the host's
/// envelope with the host's response shape, and names a subscription that messaging.json defines.
/// </summary>
public sealed class TriggerContractTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public void TheRepositoryFunctions_PassTheContract() =>
        FunctionContract.Problems(Catalog(), Messaging(), Served()).Should().BeEmpty();

    [Fact]
    public void AFunctionNamingAMissingSubscriptionOrRoute_FailsTheContract()
    {
        var broken = new FunctionCatalog([
            new FunctionDefinition("Ghost", "serviceBusTrigger", "message", null, "domain-events", "no-such-subscription", null, null, null),
            new FunctionDefinition("Nowhere", "timerTrigger", "timer", null, null, null, "0 */5 * * * *", null, null),
        ]);
        var problems = FunctionContract.Problems(broken, Messaging(), Served());
        problems.Should().Contain(p => p.Contains("Ghost") && p.Contains("no-such-subscription"));
        problems.Should().Contain(p => p.Contains("Nowhere") && p.Contains("POST /Nowhere"));
        problems.Should().Contain(p => p.Contains("audit") && p.Contains("no function"), "a subscription nobody consumes is a dead end");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task ServiceBusFunctions_AnswerAHostShapedEnvelope(bool bodyAsText, bool numbersAsText)
    {
        await app.Admin("trigger-contract");
        foreach (var function in Catalog().All.Where(f => f.TriggerType == "serviceBusTrigger"))
        {
            var domainEvent = new EventEnvelope(Guid.NewGuid().ToString("N"), "customer.created", Envelopes.Source, "partner/x",
                NodaTime.Instant.FromUtc(2026, 11, 22, 10, 0), "trigger-contract", "corr-1", null, null, "alice",
                JsonDocument.Parse(ValeoJson.Serialize(new ValeoErp.Domain.Partners.Partner
                {
                    Id = "x", Number = 1, Roles = [ValeoErp.Domain.Partners.PartnerRole.Customer], Name = "Hof",
                    Address = new ValeoErp.Domain.Partners.Address("Weg 1", "26655", "Westerstede", "DE"),
                    TaxTreatment = ValeoErp.Domain.Partners.TaxTreatment.Domestic, PaymentTerms = ValeoErp.Domain.Partners.PaymentTerms.Net30,
                })).RootElement);
            var body = ValeoJson.Serialize(domainEvent);
            var envelope = new JsonObject
            {
                ["Data"] = new JsonObject { [function.BindingName] = bodyAsText ? JsonSerializer.Serialize(body) : JsonNode.Parse(body) },
                ["Metadata"] = new JsonObject
                {
                    ["MessageId"] = domainEvent.Id, ["Subject"] = domainEvent.Type, ["CorrelationId"] = "corr-1",
                    ["DeliveryCount"] = numbersAsText ? "\"1\"" : 1, ["ApplicationProperties"] = new JsonObject { ["tenantId"] = "trigger-contract" },
                },
            };
            var response = await app.CreateClient().PostAsJsonAsync($"/{function.Name}", envelope);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{function.Name}: {await response.Content.ReadAsStringAsync()}");
            AssertResponseShape(await response.Json());
        }
    }

    [Fact]
    public async Task BatchFunctions_AnswerTheHostsBatchEnvelope_WithNullsInTheMetadataArrays()
    {
        await app.Admin("trigger-batch");
        var batchFunctions = Catalog().All.Where(f => f.TriggerType == "serviceBusTrigger" && f.IsBatch).ToArray();
        batchFunctions.Select(f => f.Name).Should().Contain("AuditChain", "the audit chain takes a session's events as one write");
        foreach (var function in batchFunctions)
        {
            var events = Enumerable.Range(1, 3).Select(i => new EventEnvelope(Guid.NewGuid().ToString("N"), "customer.created", Envelopes.Source, $"partner/b{i}",
                NodaTime.Instant.FromUtc(2026, 11, 22, 10, i), "trigger-batch", i == 2 ? null : "corr-1", null, null, "alice",
                JsonDocument.Parse(ValeoJson.Serialize(new ValeoErp.Domain.Partners.Partner
                {
                    Id = $"b{i}", Number = i, Roles = [ValeoErp.Domain.Partners.PartnerRole.Customer], Name = $"Hof {i}",
                    Address = new ValeoErp.Domain.Partners.Address("Weg 1", "26655", "Westerstede", "DE"),
                    TaxTreatment = ValeoErp.Domain.Partners.TaxTreatment.Domestic, PaymentTerms = ValeoErp.Domain.Partners.PaymentTerms.Net30,
                })).RootElement)).ToArray();
            JsonArray Each(Func<EventEnvelope, JsonNode?> select) => new(events.Select(select).ToArray());
            var envelope = new JsonObject
            {
                ["Data"] = new JsonObject { [function.BindingName] = Each(e => JsonValue.Create(ValeoJson.Serialize(e))) },
                ["Metadata"] = new JsonObject
                {
                    ["MessageIdArray"] = Each(e => e.Id), ["SubjectArray"] = Each(e => e.Type),
                    ["CorrelationIdArray"] = Each(e => e.CorrelationId is null ? null : JsonValue.Create(e.CorrelationId)),
                    ["DeliveryCountArray"] = Each(_ => 1),
                },
            };
            var response = await app.CreateClient().PostAsJsonAsync($"/{function.Name}", envelope);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{function.Name}: {await response.Content.ReadAsStringAsync()}");
            AssertResponseShape(await response.Json());
        }
    }

    [Fact]
    public async Task TimerFunctions_AnswerTheTimerPayload()
    {
        foreach (var function in Catalog().All.Where(f => f.TriggerType == "timerTrigger"))
        {
            var envelope = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    [function.BindingName] = new JsonObject
                    {
                        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                        ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-11-22T10:00:00Z", ["Next"] = "2026-11-22T10:05:00Z", ["LastUpdated"] = "2026-11-22T10:00:00Z" },
                        ["IsPastDue"] = false,
                    },
                },
                ["Metadata"] = new JsonObject(),
            };
            var response = await app.CreateClient().PostAsJsonAsync($"/{function.Name}", envelope);
            response.StatusCode.Should().Be(HttpStatusCode.OK, function.Name);
            AssertResponseShape(await response.Json());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChangeFeedFunction_RelaysTheOutboxDocumentsItIsGiven(bool documentsAsText)
    {
        var tenant = documentsAsText ? "feed-text" : "feed-json";
        await (await app.Admin(tenant)).PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer());
        var function = Catalog().All.Single(f => f.TriggerType == "cosmosDBTrigger");
        var ids = Column($"SELECT id FROM outbox WHERE tenant_id = '{tenant}' AND published_at IS NULL");
        ids.Should().NotBeEmpty();
        var documents = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["type"] = "outbox", ["pk"] = $"{tenant}|master" })
            .Append(new JsonObject { ["id"] = "some-record", ["type"] = "partner" }).ToArray());
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject { [function.BindingName] = documentsAsText ? documents.ToJsonString() : documents },
            ["Metadata"] = new JsonObject(),
        };

        var response = await app.CreateClient().PostAsJsonAsync($"/{function.Name}", envelope);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertResponseShape(await response.Json());
        Column($"SELECT count(*) FROM outbox WHERE tenant_id = '{tenant}' AND published_at IS NULL").Single().Should().Be("0");
        Column($"SELECT count(DISTINCT message_id) FROM bus_messages WHERE tenant_id = '{tenant}'").Single().Should().Be(ids.Count.ToString());
    }

    private List<string> Column(string sql) => ClockedApp.Column(app.DataDirectory, sql);

    [Fact]
    public void TimerSchedules_AreValidNcrontab()
    {
        foreach (var timer in Catalog().All.Where(f => f.TriggerType == "timerTrigger"))
            FluentActions.Invoking(() => TimerSchedule.Parse(timer.Schedule!)).Should().NotThrow(timer.Name);
        TimerSchedule.Next("0 */5 * * * *", NodaTime.Instant.FromUtc(2026, 11, 22, 10, 2, 30)).Should().Be(NodaTime.Instant.FromUtc(2026, 11, 22, 10, 5));
        TimerSchedule.Next("30 15 2 * * 1", NodaTime.Instant.FromUtc(2026, 11, 22, 10, 0)).Should().Be(NodaTime.Instant.FromUtc(2026, 11, 23, 2, 15, 30));
    }

    private static void AssertResponseShape(JsonElement body)
    {
        body.TryGetProperty("outputs", out _).Should().BeTrue();
        body.GetProperty("logs").GetArrayLength().Should().BeGreaterThan(0);
        body.TryGetProperty("returnValue", out _).Should().BeTrue();
    }

    private FunctionCatalog Catalog() => app.Services.GetRequiredService<FunctionCatalog>();

    private MessagingModel Messaging() => app.Services.GetRequiredService<MessagingModel>();

    private IReadOnlySet<string> Served() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Select(e => e.Metadata.GetMetadata<TriggerFunction>()?.Name).OfType<string>().ToHashSet();
}
