using System.Diagnostics;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Triggers;

public sealed class LiveUpdatesAndTracingTests
{
    [Fact]
    public async Task EventStream_SendsTheTenantsEvents_FilteredByScope_AndResumesFromLastEventId()
    {
        using var app = new ClockedApp();
        var admin = await app.Admin("live");
        var viewer = await app.ClientFor("live", "willi", "warehouse"); // no finance:read: journal events are not for him

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        (await admin.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Live"))).EnsureSuccessStatusCode();
        var received = await ReadEvent(reader, cts.Token);
        received.Event.Should().Be("customer.created");
        received.Id.Should().BeGreaterThan(0);

        (await admin.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Später"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/journal-entries", new
        {
            date = "2026-11-20", documentNumber = "EB-1", description = "Bareinlage",
            lines = new[] { new { account = "1000", debit = 100m, credit = 0m }, new { account = "0800", debit = 0m, credit = 100m } },
        })).EnsureSuccessStatusCode();
        using var resumed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream");
        resumed.Headers.Add("Last-Event-ID", received.Id.ToString());
        using var again = await admin.SendAsync(resumed, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var next = await ReadEvent(new StreamReader(await again.Content.ReadAsStreamAsync(cts.Token)), cts.Token);
        next.Event.Should().Be("customer.created");
        next.Id.Should().BeGreaterThan(received.Id, "the stream resumes after the last event the client saw");

        using var filtered = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream");
        filtered.Headers.Add("Last-Event-ID", "0");
        using var scoped = await viewer.SendAsync(filtered, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var scopedReader = new StreamReader(await scoped.Content.ReadAsStreamAsync(cts.Token));
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var seen = new List<string>();
        try
        {
            while (await scopedReader.ReadLineAsync(quick.Token) is { } line)
                if (line.StartsWith("event: ", StringComparison.Ordinal)) seen.Add(line[7..]);
        }
        catch (OperationCanceledException) { }
        seen.Should().Contain("customer.created", "crm:read lets the warehouse see partners");
        seen.Should().NotContain(e => e.StartsWith("journalEntry.", StringComparison.Ordinal), "the warehouse role has no finance:read");
        seen.Should().NotContain(e => e.StartsWith("tenant.", StringComparison.Ordinal) || e.StartsWith("account.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TraceOfTheRequest_ContinuesThroughOutboxBusAndOrchestrationActivity()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "trace");
        var order = await trade.Order("2026-03-02", Line(trade.Diesel, 10m));
        var traceId = ActivityTraceId.CreateRandom();
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit");
        submit.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await trade.Client.SendAsync(submit)).EnsureSuccessStatusCode();

        await app.Runner().Drain();

        app.Column($"SELECT trace_parent FROM outbox WHERE tenant_id = 'trace' AND type = 'salesOrder.approved'").Single().Should().Contain(traceId.ToString());
        var trace = app.Spans.Snapshot().Where(a => a.TraceId == traceId).ToList();
        var all = string.Join("; ", app.Spans.Snapshot().Select(a => $"{a.Source.Name}/{a.DisplayName}/{a.TraceId}"));
        trace.Should().Contain(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server
            && a.DisplayName == "POST /api/v1/sales-orders/{id}/submit", "the request span continues the caller's traceparent");
        trace.Should().Contain(a => a.Source.Name == "ValeoErp.Triggers" && a.DisplayName == "OrderToCash", "the bus delivery to the consumer");
        trace.Should().Contain(a => a.Source.Name == "ValeoErp.Processes" && a.DisplayName == "activity ReserveOrderStock", "the orchestration's activity: " + all);
    }

    private static async Task<(long Id, string Event)> ReadEvent(StreamReader reader, CancellationToken ct)
    {
        long id = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..]);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) return (id, line[7..]);
        }
        throw new EndOfStreamException();
    }
}
