using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Azure;

/// <summary>
/// Publishes to the Service Bus topic through its REST API, because the Functions output binding sets
/// the body only (AZURE.md): MessageId (duplicate detection), Label = Subject (subscription filters),
/// CorrelationId, SessionId and ScheduledEnqueueTimeUtc travel in BrokerProperties, the rest as
/// user properties. Authenticated with an Entra token (managed identity) - no keys.
/// </summary>
public sealed class ServiceBusRestPublisher(HttpClient http, TokenCredential credential, string fullyQualifiedNamespace) : IEventPublisher
{
    private static readonly string[] Scopes = ["https://servicebus.azure.net/.default"];
    private const int BatchSize = 100; // well below the 256 KB batch limit of the Standard tier for our envelopes

    public async Task Publish(IReadOnlyList<BusMessage> messages, CancellationToken ct)
    {
        foreach (var batch in messages.Chunk(BatchSize))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{fullyQualifiedNamespace}/{Envelopes.Topic}/messages");
            var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), ct);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            request.Content = new StringContent(Body(batch), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.servicebus.json");
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Service Bus refused the batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>The batch format of the REST API: an array of {Body, BrokerProperties, UserProperties}.</summary>
    public static string Body(IEnumerable<BusMessage> batch) => new JsonArray(batch.Select(m =>
    {
        var broker = new JsonObject { ["MessageId"] = m.MessageId, ["Label"] = m.Subject, ["ContentType"] = "application/json" };
        if (m.CorrelationId is not null) broker["CorrelationId"] = m.CorrelationId;
        if (m.Properties.TryGetValue("SessionId", out var session)) broker["SessionId"] = session;
        if (m.ScheduledEnqueueTime is { } at) broker["ScheduledEnqueueTimeUtc"] = at.ToDateTimeUtc().ToString("R");
        var user = new JsonObject();
        foreach (var (key, value) in m.Properties.Where(p => p.Key != "SessionId")) user[key] = value;
        return (JsonNode)new JsonObject { ["Body"] = m.Body, ["BrokerProperties"] = broker, ["UserProperties"] = user };
    }).ToArray()).ToJsonString();
}
