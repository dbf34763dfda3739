using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Triggers;

/// <summary>
/// <c>POST /&lt;FunctionName&gt;</c> for every non-HTTP function: the host (or the local trigger runner)
/// posts the envelope; we answer 200 only after the effect is committed, anything else makes the host retry.
/// Only loopback callers are served - in Azure the host talks to the handler on 127.0.0.1.
/// </summary>
public static class TriggerEndpoints
{
    public static readonly ActivitySource Activity = new("ValeoErp.Triggers");

    public static IEndpointRouteBuilder MapServiceBusTrigger(this IEndpointRouteBuilder app, string function, string binding = "message")
    {
        app.MapPost($"/{function}", async (HttpContext http, CancellationToken ct) =>
            {
                if (!IsLoopback(http)) return Results.NotFound();
                var envelope = TriggerEnvelope.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync(ct));
                var message = envelope.Binding(binding) ?? throw new JsonException($"The envelope carries no '{binding}' binding.");
                var consumer = http.RequestServices.GetServices<IEventConsumer>().Single(c => c.Function == function);
                try
                {
                    http.RequestServices.GetService<ConsumerFaults>()?.ThrowIfFailing(function);
                    if (message is JsonArray batch) return Results.Json(TriggerResponse.Ok(await HandleBatch(http.RequestServices, consumer, batch, ct)));
                    var domainEvent = Event(message);

                    using var activity = StartActivity(function, domainEvent.TraceParent);
                    Enter(http.RequestServices, domainEvent, function);
                    // The bus redelivers what a consumer did not finish: its commits need not wait for their own sync.
                    using (CommitDurability.Defer())
                        await consumer.Handle(domainEvent, ct);
                    return Results.Json(TriggerResponse.Ok($"{function} handled {domainEvent.Type} {domainEvent.Id} (delivery {envelope.Number("DeliveryCount") ?? 1})"));
                }
                catch (ConsumerRetryException e)
                {
                    // A race lost past the retry budget (a hot stock balance under load): nothing was committed, and the
                    // non-2xx answer makes the host (or the local runner) deliver it again. Expected, so no error log.
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ValeoErp.Triggers")
                        .LogWarning("{Function} will be delivered again: {Reason}", function, e.Error.Code);
                    return Results.Json(new TriggerResponse([], [$"{function}: {e.Error.Code}, delivered again"], null), statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .AllowAnonymous().ExcludeFromDescription().WithMetadata(new TriggerFunction(function));
        return app;
    }

    public static IEndpointRouteBuilder MapTimerTrigger(this IEndpointRouteBuilder app, string function, Func<IServiceProvider, CancellationToken, Task<string>> run)
    {
        app.MapPost($"/{function}", async (HttpContext http, CancellationToken ct) =>
            {
                if (!IsLoopback(http)) return Results.NotFound();
                var envelope = TriggerEnvelope.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync(ct));
                using var activity = Activity.StartActivity(function, ActivityKind.Consumer);
                var log = await run(http.RequestServices, ct);
                var pastDue = envelope.Binding("timer") is System.Text.Json.Nodes.JsonObject timer && timer["IsPastDue"]?.GetValue<bool>() == true;
                return Results.Json(TriggerResponse.Ok(pastDue ? $"{log} (past due)" : log));
            })
            .AllowAnonymous().ExcludeFromDescription().WithMetadata(new TriggerFunction(function));
        return app;
    }

    public static IEndpointRouteBuilder MapTrigger(this IEndpointRouteBuilder app, string function, Func<TriggerEnvelope, IServiceProvider, CancellationToken, Task<string>> run)
    {
        app.MapPost($"/{function}", async (HttpContext http, CancellationToken ct) =>
            {
                if (!IsLoopback(http)) return Results.NotFound();
                var envelope = TriggerEnvelope.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync(ct));
                using var activity = Activity.StartActivity(function, ActivityKind.Consumer);
                return Results.Json(TriggerResponse.Ok(await run(envelope, http.RequestServices, ct)));
            })
            .AllowAnonymous().ExcludeFromDescription().WithMetadata(new TriggerFunction(function));
        return app;
    }

    /// <summary>
    /// <c>cardinality: many</c>: the host sends the bodies as an array (metadata as <c>...Array</c> properties). With
    /// sessions a batch is one tenant's; the local runner sends one lane per tenant too, but a mixed batch is split
    /// by tenant, keeping the order. A consumer without a batch path gets the events one at a time, each with its
    /// own causation and trace context.
    /// </summary>
    private static async Task<string> HandleBatch(IServiceProvider services, IEventConsumer consumer, JsonArray batch, CancellationToken ct)
    {
        var events = batch.Select(node => Event(TriggerEnvelope.Unwrap(node))).ToArray();
        foreach (var tenant in events.GroupBy(e => e.TenantId))
        {
            if (consumer is IBatchEventConsumer batchConsumer)
            {
                using var activity = StartActivity(consumer.Function, tenant.First().TraceParent);
                Enter(services, tenant.First(), consumer.Function);
                using (CommitDurability.Defer())
                    await batchConsumer.HandleBatch(tenant.ToArray(), ct);
                continue;
            }
            // One at a time, each in its own context: what a consumer emits is caused by, and traced to, its event.
            foreach (var e in tenant)
            {
                using var activity = StartActivity(consumer.Function, e.TraceParent);
                Enter(services, e, consumer.Function);
                using (CommitDurability.Defer())
                    await consumer.Handle(e, ct);
            }
        }
        return $"{consumer.Function} handled a batch of {events.Length} events";
    }

    private static EventEnvelope Event(JsonNode? message) =>
        message.Deserialize<EventEnvelope>(ValeoJson.Options) ?? throw new JsonException("The message body is no event envelope.");

    /// <summary>Consumers act as the system on behalf of the event's tenant, and the events they emit carry its correlation.</summary>
    public static void Enter(IServiceProvider services, EventEnvelope e, string consumer)
    {
        var context = services.GetRequiredService<RequestContext>();
        context.Actor = new Actor(TenantId.Parse(e.TenantId).Value, $"system:{consumer}", new HashSet<string>());
        context.CorrelationId = e.CorrelationId;
        context.CausationId = e.Id;
        context.TraceParent = System.Diagnostics.Activity.Current?.Id ?? e.TraceParent;
    }

    /// <summary>Continues the trace of the request that caused the event (W3C trace context in the envelope).</summary>
    public static Activity? StartActivity(string function, string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Activity.StartActivity(function, ActivityKind.Consumer, parent)
            : Activity.StartActivity(function, ActivityKind.Consumer);

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is null || IPAddress.IsLoopback(http.Connection.RemoteIpAddress);
}

/// <summary>Marks an endpoint as the target of a non-HTTP function.json.</summary>
public sealed record TriggerFunction(string Name);
