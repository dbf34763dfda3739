using ValeoErp.Functions.Http;
using System.Text;
using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Endpoints;

/// <summary>
/// <c>GET /api/v1/events/stream</c>: the tenant's domain events as server-sent events, only those the
/// caller's scopes may read. The event id is the outbox position, so a client that reconnects with
/// Last-Event-ID resumes exactly where it stopped. A comment line every 15 s keeps proxies from closing
/// an idle stream. In Azure the stream runs through HTTP forwarding (see docs/adr/0006 for its limits).
/// </summary>
public static class LiveUpdates
{
    public static TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
    public static TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Which scope lets a caller see an event, by the event type's prefix.</summary>
    public static string? ScopeFor(string eventType) => eventType.Split('.')[0] switch
    {
        "salesQuote" or "salesOrder" or "deliveryNote" or "salesInvoice" or "salesCreditNote" or "approval" => Scopes.SalesRead,
        "purchaseOrder" or "goodsReceipt" or "purchaseInvoice" => Scopes.PurchaseRead,
        "journalEntry" or "openItem" or "period" => Scopes.FinanceRead,
        "stock" or "article" or "warehouse" => Scopes.InventoryRead,
        "customer" or "supplier" or "contact" => Scopes.CrmRead,
        _ => Scopes.Admin,
    };

    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events/stream", async (HttpContext http, IOutbox outbox, RequestContext context, string? types, CancellationToken ct) =>
            {
                var actor = context.Actor;
                var after = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var resume) ? resume : await outbox.Head(actor.Tenant, ct);
                var wanted = string.IsNullOrWhiteSpace(types) ? null : types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                http.Response.Headers.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await http.Response.WriteAsync($"retry: 3000\n: connected, resuming after {after}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);

                var idle = System.Diagnostics.Stopwatch.StartNew(); // monotonic: the heartbeat is transport timing, not business time
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        var batch = await outbox.After(actor.Tenant, after, 100, ct);
                        foreach (var e in batch)
                        {
                            after = e.Sequence;
                            if (ScopeFor(e.Message.Type) is { } scope && !actor.Scopes.Contains(scope)) continue;
                            if (wanted is not null && !wanted.Contains(e.Message.Type)) continue;
                            var data = JsonSerializer.Serialize(new { id = e.Message.Id, type = e.Message.Type, subject = e.Message.Subject, time = e.Message.Time.ToString() });
                            await http.Response.WriteAsync($"id: {e.Sequence}\nevent: {e.Message.Type}\ndata: {data}\n\n", Encoding.UTF8, ct);
                            idle.Restart();
                        }
                        if (idle.Elapsed >= Heartbeat)
                        {
                            await http.Response.WriteAsync(": heartbeat\n\n", ct);
                            idle.Restart();
                        }
                        await http.Response.Body.FlushAsync(ct);
                        if (batch.Count == 0) await Task.Delay(Poll, ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* the client left */ }
            })
            .WithTags("Live updates").WithName("StreamEvents")
            .WithSummary("Server-sent events of the tenant (types=a,b filters); resume with Last-Event-ID")
            .RequireScope(Scopes.EventsRead)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithMetadata(new RequestHeader("Last-Event-ID", "Resume after this event id (sent by EventSource on reconnect).", Required: false, MaxLength: 40));
        return app;
    }
}
