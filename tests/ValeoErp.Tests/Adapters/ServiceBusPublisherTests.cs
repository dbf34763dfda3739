using Azure.Messaging.ServiceBus;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Azure;

namespace ValeoErp.Tests.Adapters;

/// <summary>No Service Bus emulator runs here (it is a container; the GitHub workflow runs it): the adapter is checked by the messages it hands the SDK.</summary>
public sealed class ServiceBusPublisherTests
{
    private static BusMessage Event(string id, Instant? at = null, int bodySize = 20) => new(id, "salesInvoice.posted", "corr-9",
        "{\"id\":\"" + id + "\",\"pad\":\"" + new string('x', bodySize) + "\"}", "demo",
        new Dictionary<string, string> { ["tenantId"] = "demo", ["SessionId"] = "demo", ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }, at);

    [Fact]
    public void ToMessage_CarriesIdSubjectCorrelationSessionScheduleAndProperties()
    {
        var message = ServiceBusPublisher.ToMessage(Event("evt-1", Instant.FromUtc(2026, 11, 23, 9, 0)));

        message.MessageId.Should().Be("evt-1");
        message.Subject.Should().Be("salesInvoice.posted");
        message.CorrelationId.Should().Be("corr-9");
        message.SessionId.Should().Be("demo");
        message.ContentType.Should().Be("application/json");
        message.ScheduledEnqueueTime.Should().Be(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        message.Body.ToString().Should().StartWith("{\"id\":\"evt-1\"");
        message.ApplicationProperties.Should().Contain("tenantId", "demo").And.Contain("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .And.Contain("Diagnostic-Id", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").And.NotContainKey("SessionId");
    }

    [Fact]
    public async Task Publish_FillsBatchesUpToTheirSize_AndSendsEveryMessageOnceInOrder()
    {
        var sender = new RecordingSender(maxBytes: 1_000);
        var events = Enumerable.Range(1, 10).Select(i => Event($"evt-{i}", bodySize: 200)).ToList();

        await new ServiceBusPublisher(sender).Publish(events, default);

        sender.Batches.Should().HaveCountGreaterThan(1, "ten 250-byte messages do not fit one 1,000-byte batch");
        sender.Batches.Should().OnlyContain(b => b.Sum(m => m.Body.ToArray().Length) <= 1_000);
        sender.Batches.SelectMany(b => b).Select(m => m.MessageId).Should().Equal(events.Select(e => e.MessageId));
    }

    [Fact]
    public async Task Publish_WhenTheBusRefuses_Throws_SoTheOutboxEntryStaysUnpublished()
    {
        var sender = new RecordingSender(maxBytes: 1_000) { Refuse = true };
        await FluentActions.Awaiting(() => new ServiceBusPublisher(sender).Publish([Event("evt-1")], default))
            .Should().ThrowAsync<ServiceBusException>();
    }

    [Fact]
    public async Task Publish_WhenOneMessageIsLargerThanABatch_ThrowsNamingIt()
    {
        var sender = new RecordingSender(maxBytes: 100);
        await FluentActions.Awaiting(() => new ServiceBusPublisher(sender).Publish([Event("evt-big", bodySize: 500)], default))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*evt-big*");
    }

    /// <summary>The SDK's own test seam: a sender whose batches are made by ServiceBusModelFactory with a byte limit.</summary>
    private sealed class RecordingSender(long maxBytes) : ServiceBusSender
    {
        private readonly Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>> _contents = [];

        public List<List<ServiceBusMessage>> Batches { get; } = [];

        public bool Refuse { get; init; }

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default)
        {
            var store = new List<ServiceBusMessage>();
            long size = 0;
            var batch = ServiceBusModelFactory.ServiceBusMessageBatch(maxBytes, store, tryAddCallback: m =>
            {
                var length = m.Body.ToArray().Length;
                if (size + length > maxBytes) return false;
                size += length;
                return true;
            });
            _contents[batch] = store;
            return ValueTask.FromResult(batch);
        }

        public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
        {
            if (Refuse) throw new ServiceBusException("unauthorised", ServiceBusFailureReason.GeneralError);
            Batches.Add([.. _contents[messageBatch]]);
            return Task.CompletedTask;
        }
    }
}
