using System.Net;
using System.Text.Json;
using Azure.Core;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Azure;

namespace ValeoErp.Tests.Adapters;

/// <summary>No Service Bus emulator runs here: the adapter is checked by the requests it sends.</summary>
public sealed class ServiceBusRestPublisherTests
{
    [Fact]
    public async Task Publish_SendsOneBatchWithBrokerPropertiesAndAnEntraToken()
    {
        var handler = new Recording();
        var publisher = new ServiceBusRestPublisher(new HttpClient(handler), new StaticToken("token-123"), "valeo.servicebus.windows.net");
        var message = new BusMessage("evt-1", "salesInvoice.posted", "corr-9", "{\"id\":\"evt-1\"}", "demo",
            new Dictionary<string, string> { ["tenantId"] = "demo", ["SessionId"] = "demo", ["traceparent"] = "00-abc-def-01" },
            Instant.FromUtc(2026, 11, 23, 9, 0));

        await publisher.Publish([message], default);

        var request = handler.Requests.Single();
        request.Uri.Should().Be("https://valeo.servicebus.windows.net/domain-events/messages");
        request.Authorization.Should().Be("Bearer token-123");
        request.ContentType.Should().Be("application/vnd.microsoft.servicebus.json");
        var sent = JsonDocument.Parse(request.Body).RootElement.EnumerateArray().Single();
        sent.GetProperty("Body").GetString().Should().Be("{\"id\":\"evt-1\"}");
        var broker = sent.GetProperty("BrokerProperties");
        broker.GetProperty("MessageId").GetString().Should().Be("evt-1");
        broker.GetProperty("Label").GetString().Should().Be("salesInvoice.posted");
        broker.GetProperty("CorrelationId").GetString().Should().Be("corr-9");
        broker.GetProperty("SessionId").GetString().Should().Be("demo");
        broker.GetProperty("ScheduledEnqueueTimeUtc").GetString().Should().Be("Mon, 23 Nov 2026 09:00:00 GMT");
        sent.GetProperty("UserProperties").GetProperty("traceparent").GetString().Should().Be("00-abc-def-01");
    }

    [Fact]
    public async Task Publish_WhenServiceBusRefuses_Throws_SoTheOutboxEntryStaysUnpublished()
    {
        var publisher = new ServiceBusRestPublisher(new HttpClient(new Recording(HttpStatusCode.Unauthorized)), new StaticToken("t"), "ns");
        await FluentActions.Awaiting(() => publisher.Publish([new BusMessage("e", "s", null, "{}", "t", new Dictionary<string, string>())], default))
            .Should().ThrowAsync<HttpRequestException>();
    }

    private sealed record Sent(string Uri, string? Authorization, string? ContentType, string Body);

    private sealed class Recording(HttpStatusCode status = HttpStatusCode.Created) : HttpMessageHandler
    {
        public List<Sent> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add(new Sent(request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(),
                request.Content!.Headers.ContentType?.MediaType, await request.Content.ReadAsStringAsync(ct)));
            return new HttpResponseMessage(status);
        }
    }

    private sealed class StaticToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext context, CancellationToken ct) => new(token, DateTimeOffset.MaxValue);
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext context, CancellationToken ct) => new(GetToken(context, ct));
    }
}
