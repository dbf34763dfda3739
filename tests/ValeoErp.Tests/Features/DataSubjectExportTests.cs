using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 15: GDPR Art. 15/20 export of everything held about a partner, with the retention that applies.</summary>
public sealed class DataSubjectExportTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Export_ListsPartnerContactsDocumentsOpenItemsAndAudit_WithRetention_AndIsRecorded()
    {
        var trade = await Open(app, "gdpr-export");
        await trade.Stock(trade.Seed, 20m);
        (await trade.Admin.PostAsJsonAsync("/api/v1/contacts", new { partnerId = trade.Customer, name = "Gesa Janssen", email = "gesa@hof-janssen.example", phone = "+49 4488 1234" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await trade.SellAndPost("2026-03-02", Line(trade.Seed, 4m));
        var officer = await app.ClientFor("gdpr-export", "dora", "dataProtection");

        var export = await (await officer.GetAsync($"/api/v1/gdpr/export/{trade.Customer}")).EnsureSuccessStatusCode().Json();
        export.GetProperty("partner").GetProperty("name").GetString().Should().Be("Hof Janssen GbR");
        export.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("email").GetString()).Should().Equal("gesa@hof-janssen.example");
        export.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString())
            .Should().Contain(["salesOrder", "deliveryNote", "salesInvoice"]);
        export.GetProperty("openItems").GetArrayLength().Should().Be(1);
        export.GetProperty("auditEntries").EnumerateArray().Select(a => a.GetProperty("action").GetString()).Should().Contain("customer.created");
        var retention = export.GetProperty("retention").EnumerateArray().ToList();
        retention[0].GetProperty("keepUntil").GetString().Should().Be("2034-12-31", "the 2026 invoice is kept 8 years after the end of 2026");

        (await trade.Admin.GetAsync($"/api/v1/audit/logs?entityId={trade.Customer}")).EnsureSuccessStatusCode();
        var log = await trade.Admin.All($"/api/v1/audit/logs?entityId={trade.Customer}");
        log.Select(a => a.GetProperty("action").GetString()).Should().Contain("gdpr.exported", "the request itself is on record");
        (await officer.GetAsync("/api/v1/gdpr/export/nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.GetAsync($"/api/v1/gdpr/export/{trade.Customer}")).StatusCode.Should().Be(HttpStatusCode.OK, "admin holds every scope");
        var sales = await app.ClientFor("gdpr-export", "sam", "sales");
        (await sales.GetAsync($"/api/v1/gdpr/export/{trade.Customer}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
