using Azure.Messaging.ServiceBus;
using ValeoErp.Application.Abstractions;
using ValeoErp.Azure;

namespace ValeoErp.Tests.Azure;

/// <summary>
/// Events relayed through the official Service Bus emulator (a container: the servicebus-emulator job of
/// .github/workflows/ci.yml runs it with infra/emulators/servicebus-config.json). Skipped where no emulator runs.
/// </summary>
public sealed class ServiceBusEmulatorTests
{
    private static readonly string? Connection = Environment.GetEnvironmentVariable("SERVICEBUS_EMULATOR");

    public sealed class ServiceBusEmulatorFactAttribute : FactAttribute
    {
        public ServiceBusEmulatorFactAttribute()
        {
            if (Connection is null) Skip = "needs the Service Bus emulator (SERVICEBUS_EMULATOR); runs in the servicebus-emulator job";
        }
    }

    [ServiceBusEmulatorFact]
    public async Task PublishedEvents_ArriveOnTheirSubscriptions_WithIdSubjectSessionAndProperties()
    {
        await using var client = new ServiceBusClient(Connection);
        var publisher = new ServiceBusPublisher(client.CreateSender(Envelopes.Topic));
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var events = new[] { "salesOrder.approved", "customer.created", "salesInvoice.posted" }.Select((type, i) => new BusMessage(
            $"{tenant}-{i}", type, "corr-1", $"{{\"n\":{i}}}", tenant,
            new Dictionary<string, string> { ["tenantId"] = tenant, ["SessionId"] = tenant, ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" })).ToList();

        await publisher.Publish(events, default);
        await publisher.Publish(events.Take(1).ToList(), default); // a relay repeated after a crash: duplicate detection drops it

        await using var orders = await client.AcceptSessionAsync(Envelopes.Topic, "order-to-cash", tenant);
        var received = await orders.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(10));
        received.Select(m => m.Subject).Should().Equal("salesOrder.approved", "salesInvoice.posted");
        received[0].MessageId.Should().Be($"{tenant}-0");
        received[0].SessionId.Should().Be(tenant);
        received[0].CorrelationId.Should().Be("corr-1");
        received[0].ApplicationProperties["tenantId"].Should().Be(tenant);
        received[0].Body.ToString().Should().Be("{\"n\":0}");
        foreach (var message in received) await orders.CompleteMessageAsync(message);

        await using var audit = await client.AcceptSessionAsync(Envelopes.Topic, "audit", tenant);
        (await audit.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(10))).Should().HaveCount(3, "the audit subscription takes every event once");
    }
}
