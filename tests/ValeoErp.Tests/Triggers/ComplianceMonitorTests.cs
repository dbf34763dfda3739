using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Triggers;

/// <summary>Issue 17, acceptance 3: the hourly compliance monitor through its timer envelope, on the injected clock (2026-11-22).</summary>
public sealed class ComplianceMonitorTests
{
    private const string Tenant = "monitor";

    [Fact]
    public async Task Monitor_ListsTheSeededViolations_EmitsEachOnce_AndEmitsTheResolution()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, Tenant);
        // Hof Janssen: certificate running out on 2026-12-10 (within 30 days) and an open order.
        await Evidence(trade, trade.Customer, "SKN-1", "2026-12-10");
        await trade.Stock(trade.Fertiliser, 50m);
        var order = await trade.Order("2026-11-22", Line(trade.Fertiliser, 10m));
        await trade.Ok($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit");
        // Hof Meyer: certificate ran out on 2026-11-01.
        var meyer = (await trade.Created("/api/v1/customers", new
        {
            name = "Hof Meyer KG", address = new { street = "Am Esch 5", postalCode = "49661", city = "Cloppenburg" }, taxNumber = "64/100/30003",
        })).GetProperty("id").GetString()!;
        await Evidence(trade, meyer, "SKN-2", "2026-11-01");
        // A feed supplier without an LkSG risk assessment, and a feed lot past its expiry in stock.
        var supplier = (await trade.Created("/api/v1/suppliers", new
        {
            name = "Mischfutterwerk Nord GmbH", address = new { street = "Hafenstraße 1", postalCode = "26135", city = "Oldenburg" }, vatId = "DE136695976",
        })).GetProperty("id").GetString()!;
        var feed = (await trade.Created("/api/v1/articles", new
        {
            number = "FU-9", name = "Kälberaufzuchtfutter", unit = "t", category = "feed", vatCategory = "reduced", salesPrice = 400m, purchasePrice = 350m, lotTracking = true,
        })).GetProperty("id").GetString()!;
        var po = await trade.Created("/api/v1/purchase-orders", new { supplierId = supplier, orderDate = "2026-11-02", lines = new[] { Line(feed, 4m, 350m) } });
        await trade.Ok($"/api/v1/purchase-orders/{po.GetProperty("id").GetString()}/submit");
        await trade.Created($"/api/v1/purchase-orders/{po.GetProperty("id").GetString()}/receipts", new
        {
            date = "2026-11-02", lines = new[] { new { lineNo = 1, quantity = 4m, lots = new[] { new { number = "KA-0811", quantity = 4m, expiry = "2026-11-20" } } } },
        });
        // A fertiliser without its nutrient content.
        await trade.Created("/api/v1/articles", new { number = "DU-9", name = "Kieserit", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 300m });

        var first = await Run(app);
        first.Should().MatchRegex(@"\d+ new violations");
        var rules = app.Column($"SELECT json_extract(data, '$.rule') FROM outbox WHERE tenant_id = '{Tenant}' AND type = 'compliance.violationOpened' ORDER BY 1");
        rules.Should().Equal("certificate-expired", "certificate-expiring", "lot-expired", "nutrients-missing", "risk-assessment-missing");

        await Run(app);
        app.Column($"SELECT count(*) FROM outbox WHERE tenant_id = '{Tenant}' AND type LIKE 'compliance.violation%'").Single().Should().Be("5", "a second run emits no duplicates");

        var overview = await trade.Get("/api/v1/compliance/overview");
        var areas = overview.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!);
        areas["plantProtection"].GetProperty("open").GetArrayLength().Should().Be(2);
        areas["plantProtection"].GetProperty("score").GetInt32().Should().Be(0, "both certified customers have a violation");
        areas["lksg"].GetProperty("status").GetString().Should().Be("violations");
        areas["precursors"].GetProperty("status").GetString().Should().Be("ok", "Hof Janssen's declaration is on file");
        areas["precursors"].GetProperty("score").GetInt32().Should().Be(100);
        areas["gdpr"].GetProperty("status").GetString().Should().Be("notChecked");
        overview.GetProperty("scoreFormula").GetString().Should().Contain("100 x");

        (await trade.Client.PostAsJsonAsync($"/api/v1/partners/{supplier}/risk-assessments", new
        {
            assessedOn = "2026-11-22", risk = "low", findings = "Keine Hinweise auf Menschenrechts- oder Umweltrisiken.", nextReviewDue = "2027-11-22",
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Run(app)).Should().Contain("1 resolved");
        app.Column($"SELECT json_extract(data, '$.rule') FROM outbox WHERE tenant_id = '{Tenant}' AND type = 'compliance.violationResolved'")
            .Should().Equal("risk-assessment-missing");
        var after = (await trade.Get("/api/v1/compliance/overview")).GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == "lksg");
        after.GetProperty("status").GetString().Should().Be("ok");
        after.GetProperty("score").GetInt32().Should().Be(100);

        var pdf = await trade.Client.GetAsync("/api/v1/compliance/overview/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        if (Environment.GetEnvironmentVariable("VALEO_PDF_OUT") is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(folder, "compliance.pdf"), await pdf.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> Run(ClockedApp app)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/ComplianceMonitor", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body;
    }

    private static async Task Evidence(Trade trade, string partner, string number, string validTo) =>
        (await trade.Admin.PostAsJsonAsync($"/api/v1/partners/{partner}/evidence", new
        {
            type = "plantProtectionCertificate", number, issuer = "Landwirtschaftskammer Niedersachsen", validFrom = "2020-01-01", validTo,
        })).StatusCode.Should().Be(HttpStatusCode.Created);
}
