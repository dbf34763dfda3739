using Azure.Messaging.ServiceBus;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Azure;

/// <summary>
/// Publishes the outbox to the Service Bus topic with the official client (AMQP, managed identity):
/// MessageId = event id (duplicate detection), Subject = event type (subscription filters), CorrelationId,
/// SessionId = tenant, ScheduledEnqueueTime for process timeouts, the rest as application properties.
/// Messages go in as few size-checked batches as fit; a scheduled message is sent on its own (the broker
/// honours the enqueue time per message).
/// </summary>
public sealed class ServiceBusPublisher(ServiceBusSender sender) : IEventPublisher, IAsyncDisposable
{
    public async Task Publish(IReadOnlyList<BusMessage> messages, CancellationToken ct)
    {
        var batch = await sender.CreateMessageBatchAsync(ct);
        try
        {
            foreach (var message in messages.Select(ToMessage))
            {
                if (batch.TryAddMessage(message)) continue;
                if (batch.Count == 0) throw new InvalidOperationException($"Message {message.MessageId} exceeds the batch size limit of {batch.MaxSizeInBytes} bytes.");
                await sender.SendMessagesAsync(batch, ct);
                batch.Dispose();
                batch = await sender.CreateMessageBatchAsync(ct);
                if (!batch.TryAddMessage(message)) throw new InvalidOperationException($"Message {message.MessageId} exceeds the batch size limit of {batch.MaxSizeInBytes} bytes.");
            }
            if (batch.Count > 0) await sender.SendMessagesAsync(batch, ct);
        }
        finally
        {
            batch.Dispose();
        }
    }

    public static ServiceBusMessage ToMessage(BusMessage m)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(m.Body))
        {
            MessageId = m.MessageId, Subject = m.Subject, CorrelationId = m.CorrelationId, ContentType = "application/json",
        };
        if (m.Properties.TryGetValue("SessionId", out var session)) message.SessionId = session;
        if (m.ScheduledEnqueueTime is { } at) message.ScheduledEnqueueTime = at.ToDateTimeOffset();
        foreach (var (key, value) in m.Properties.Where(p => p.Key != "SessionId")) message.ApplicationProperties[key] = value;
        // W3C trace context travels as Diagnostic-Id too, the property the Service Bus SDKs continue traces from.
        if (m.Properties.TryGetValue("traceparent", out var trace)) message.ApplicationProperties["Diagnostic-Id"] = trace;
        return message;
    }

    public ValueTask DisposeAsync() => sender.DisposeAsync();
}
