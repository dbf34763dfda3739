using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 16, acceptance 4: the OpenTelemetry meters at /metrics in Prometheus text format (local shape).</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_ShowRequestsLatencyErrorsPostingsOutboxLagDeadLettersAndOrchestrations()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "metrics");
        var runner = app.Runner();
        await trade.Stock(trade.Fertiliser, 30m);
        await trade.SellAndPost("2026-03-02", Line(trade.Fertiliser, 2m)); // a posting, an order-to-cash process and its signals
        (await trade.Client.GetAsync("/api/v1/customers/no-such-customer")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await runner.Drain();

        app.Faults.Fail("SearchIndexer"); // one message goes to the dead letters
        (await trade.Admin.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Fehler"))).StatusCode.Should().Be(HttpStatusCode.Created);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            app.Clock.Advance(NodaTime.Duration.FromMinutes(2));
            await runner.Drain();
        }
        app.Faults.Heal("SearchIndexer");

        var response = await app.CreateClient().GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a local scraper needs no token");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n');
        lines.Should().Contain(l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal), "the latency histogram");
        lines.Should().Contain(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("http_response_status_code=\"404\""),
            "errors by status code; the count is the request rate");
        lines.Should().Contain(l => l.StartsWith("valeo_postings_total", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("valeo_outbox_lag_seconds_bucket", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("valeo_dead_letters_total", StringComparison.Ordinal) && l.Contains("subscription=\"search\""));
        lines.Should().Contain(l => l.StartsWith("valeo_orchestrations_started_total", StringComparison.Ordinal) && l.Contains("kind=\"orderToCash\""));
        lines.Should().Contain(l => l.StartsWith("valeo_orchestrations_signals_total", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal) || l.StartsWith("process_runtime_dotnet", StringComparison.Ordinal),
            "runtime instrumentation");
    }
}
