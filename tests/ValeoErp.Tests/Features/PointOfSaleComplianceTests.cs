using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 17, acceptance 1: the gates at the point of sale, with the evidence on file or shown, on the injected clock (2026-11-22).</summary>
public sealed class PointOfSaleComplianceTests
{
    private static readonly byte[] ScanPdf = "%PDF-1.4\n% Sachkundenachweis scan\n"u8.ToArray();

    [Fact]
    public async Task PlantProtection_WithoutCertificate_IsRefused_AndNothingIsWritten()
    {
        using var app = new ClockedApp();
        var (trade, product) = await PlantProtection(app, "pos-refuse");
        var order = await trade.Order("2026-11-22", Line(product, 2m));
        var id = order.GetProperty("id").GetString()!;
        var before = await trade.Client.GetAsync($"/api/v1/sales-orders/{id}");

        var response = await trade.Client.PostAsync($"/api/v1/sales-orders/{id}/submit", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.Json();
        problem.GetProperty("type").GetString().Should().EndWith("plant-protection-certificate");
        problem.GetProperty("detail").GetString().Should().Contain("Sachkundenachweis").And.Contain("2026-11-22");
        var after = await trade.Client.GetAsync($"/api/v1/sales-orders/{id}");
        after.Headers.ETag.Should().Be(before.Headers.ETag, "a refused sale changes nothing");
        (await after.Json()).GetProperty("status").GetString().Should().Be("draft");
        app.Column($"SELECT count(*) FROM outbox WHERE tenant_id = 'pos-refuse' AND type LIKE 'salesOrder.%' AND type <> 'salesOrder.created'").Single().Should().Be("0");
    }

    [Fact]
    public async Task PlantProtection_WithCertificateOnFile_IsAllowed_AndTheOrderNamesTheEvidence()
    {
        using var app = new ClockedApp();
        var (trade, product) = await PlantProtection(app, "pos-file");
        var certificate = await Certificate(trade, validTo: "2027-05-31");
        certificate.GetProperty("scan").GetProperty("sha256").GetString().Should().HaveLength(64);
        var scan = await trade.Client.GetAsync($"/api/v1/partners/{trade.Customer}/evidence/{certificate.GetProperty("id").GetString()}/scan");
        (await scan.Content.ReadAsByteArrayAsync()).Should().Equal(ScanPdf);

        var order = await trade.Order("2026-11-22", Line(product, 2m));
        var submitted = await trade.Ok($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit");

        submitted.GetProperty("status").GetString().Should().Be("approved");
        var check = submitted.GetProperty("compliance").EnumerateArray().Single();
        check.GetProperty("rule").GetString().Should().Be("plant-protection-certificate");
        check.GetProperty("lineNo").GetInt32().Should().Be(1);
        check.GetProperty("evidenceId").GetString().Should().Be(certificate.GetProperty("id").GetString(), "the auditor sees why the sale was allowed");
        check.GetProperty("checkedBy").GetString().Should().Be("anna");
    }

    [Fact]
    public async Task PlantProtection_WithCertificateShownAtTheSale_IsAllowed_AndRecordsWhoChecked()
    {
        using var app = new ClockedApp();
        var (trade, product) = await PlantProtection(app, "pos-shown");
        var order = await trade.Order("2026-11-22", Line(product, 1m));
        var submitted = await trade.Ok($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit", new
        {
            shownEvidence = new[] { new { type = "plantProtectionCertificate", number = "SKN-NI-2024-0815", issuer = "LWK Niedersachsen", validTo = "2030-06-30" } },
        });

        var check = submitted.GetProperty("compliance").EnumerateArray().Single();
        check.GetProperty("evidenceId").ValueKind.Should().Be(JsonValueKind.Null);
        check.GetProperty("shown").GetProperty("number").GetString().Should().Be("SKN-NI-2024-0815");
        check.GetProperty("shown").GetProperty("checkedBy").GetString().Should().Be("anna");
        check.GetProperty("checkedBy").GetString().Should().Be("anna");
    }

    [Fact]
    public async Task ExpiredCertificate_AllowsOnItsLastDay_AndRefusesFromTheDayAfter()
    {
        using var app = new ClockedApp(); // 2026-11-22 10:00 in Berlin
        var (trade, product) = await PlantProtection(app, "pos-expiry");
        await Certificate(trade, validTo: "2026-11-22");
        var lastDay = await trade.Order("2026-11-22", Line(product, 1m));
        (await trade.Client.PostAsync($"/api/v1/sales-orders/{lastDay.GetProperty("id").GetString()}/submit", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Clock.Advance(Duration.FromHours(14)); // 2026-11-23 00:00 in Berlin
        trade = await Reopen(app, trade, "pos-expiry");
        var dayAfter = await trade.Order("2026-11-23", Line(product, 1m));
        var refused = await trade.Client.PostAsync($"/api/v1/sales-orders/{dayAfter.GetProperty("id").GetString()}/submit", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("detail").GetString().Should().Contain("2026-11-23");
    }

    [Fact]
    public async Task AmmoniumNitrate_IsNeverSoldToAPrivateBuyer_NeedsADeclaration_AndRefusalsAreListedForTheReport()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "pos-an");
        var privateBuyer = (await trade.Created("/api/v1/customers", new
        {
            name = "Erika Mustermann", address = new { street = "Gartenweg 2", postalCode = "26655", city = "Westerstede" }, // no VAT id, no tax number
        })).GetProperty("id").GetString()!;
        var privateOrder = await trade.Created("/api/v1/sales-orders", new { customerId = privateBuyer, orderDate = "2026-11-22", lines = new[] { Line(trade.Fertiliser, 2m) } });
        var refused = await trade.Client.PostAsync($"/api/v1/sales-orders/{privateOrder.GetProperty("id").GetString()}/submit", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().EndWith("precursor-private-buyer");

        var business = (await trade.Created("/api/v1/customers", Http.ValidCustomer("Lohnunternehmen Meyer GmbH"))).GetProperty("id").GetString()!;
        var businessOrder = (await trade.Created("/api/v1/sales-orders", new { customerId = business, orderDate = "2026-11-22", lines = new[] { Line(trade.Fertiliser, 2m) } }))
            .GetProperty("id").GetString()!;
        var noDeclaration = await trade.Client.PostAsync($"/api/v1/sales-orders/{businessOrder}/submit", null);
        noDeclaration.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await noDeclaration.Json()).GetProperty("type").GetString().Should().EndWith("precursor-declaration");

        (await trade.Client.PostAsJsonAsync($"/api/v1/partners/{business}/evidence", new { type = "precursorDeclaration", number = "KE-2026-17", issuer = "Lohnunternehmen Meyer GmbH", validFrom = "2026-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a declaration names holder, trade and intended use");
        var declaration = await trade.Created($"/api/v1/partners/{business}/evidence", new
        {
            type = "precursorDeclaration", number = "KE-2026-17", issuer = "Lohnunternehmen Meyer GmbH", validFrom = "2026-01-01", validTo = "2026-12-31",
            holder = "Hinrich Meyer, Personalausweis L01X00T47", trade = "Lohnunternehmer (Landwirtschaft)", intendedUse = "Düngung Grünland, eigene Bewirtschaftung",
        });
        var allowed = await trade.Ok($"/api/v1/sales-orders/{businessOrder}/submit");
        allowed.GetProperty("compliance").EnumerateArray().Single().GetProperty("evidenceId").GetString().Should().Be(declaration.GetProperty("id").GetString());

        var unusual = (await trade.Created("/api/v1/sales-orders", new { customerId = business, orderDate = "2026-11-22", lines = new[] { Line(trade.Fertiliser, 30m) } }))
            .GetProperty("id").GetString()!;
        (await trade.Client.PostAsync($"/api/v1/sales-orders/{unusual}/submit", null)).StatusCode.Should().Be(HttpStatusCode.OK, "an unusual quantity is allowed and recorded");

        var report = (await (await app.Admin("pos-an")).GetFromJsonAsync<JsonElement>("/api/v1/compliance/suspicious-transactions")).GetProperty("items").EnumerateArray().ToList();
        report.Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("rule").GetString())).Should().BeEquivalentTo(new (string?, string?)[]
        {
            ("refusedAttempt", "precursor-private-buyer"), ("refusedAttempt", "precursor-declaration"), ("unusualQuantity", null),
        });
        report.Single(r => r.GetProperty("kind").GetString() == "unusualQuantity").GetProperty("documentId").GetString().Should().Be(unusual);
    }

    [Fact]
    public async Task Evidence_IsValidated_AndOnlyForKnownCustomers()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "pos-valid");
        var bad = await trade.Client.PostAsJsonAsync($"/api/v1/partners/{trade.Customer}/evidence", new
        {
            type = "plantProtectionCertificate", number = "", issuer = "LWK", validFrom = "2026-12-01", validTo = "2026-01-01",
            scan = new { fileName = "x.exe", contentType = "application/x-msdownload", contentBase64 = "not base64!" },
        });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var fields = (await bad.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.Should().Contain(["number", "validTo", "scan.contentType", "scan.contentBase64"]);
        (await trade.Client.PostAsJsonAsync("/api/v1/partners/no-such-customer/evidence", new { type = "other", number = "1", issuer = "x", validFrom = "2026-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{trade.Customer}/evidence")).GetProperty("items").GetArrayLength()
            .Should().Be(1, "only the declaration the trade helper files; the refused one was not kept");
    }

    [Fact]
    public async Task QuotesOrder_OfPlantProtection_IsGatedAtItsSubmit_LikeAnyOrder()
    {
        using var app = new ClockedApp();
        var (trade, product) = await PlantProtection(app, "pos-quote");
        var quote = await trade.Created("/api/v1/sales-quotes", new { customerId = trade.Customer, quoteDate = "2026-11-20", lines = new[] { Line(product, 5m) } });
        var quoteId = quote.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-quotes/{quoteId}/submit");
        var order = await trade.Created($"/api/v1/sales-quotes/{quoteId}/orders", new { orderDate = "2026-11-22" });

        var refused = await trade.Client.PostAsync($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().EndWith("plant-protection-certificate");

        var certificate = await Certificate(trade, validTo: "2027-05-31");
        var allowed = await trade.Ok($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit");
        allowed.GetProperty("compliance")[0].GetProperty("evidenceId").GetString().Should().Be(certificate.GetProperty("id").GetString());
    }

    [Fact]
    public async Task QsFeed_WithoutTheCompanysQsId_IsRefused_AndAllowedOnceTheProfileHasIt()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "pos-qs");
        var feed = (await trade.Created("/api/v1/articles", new
        {
            number = "FU-1", name = "Milchleistungsfutter 18/3", unit = "t", category = "feed", vatCategory = "reduced", salesPrice = 392m, compliance = new { qsFeed = true },
        })).GetProperty("id").GetString()!;
        var order = await trade.Order("2026-11-22", Line(feed, 2m));
        var id = order.GetProperty("id").GetString();

        var refused = await trade.Client.PostAsync($"/api/v1/sales-orders/{id}/submit", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await refused.Json();
        problem.GetProperty("type").GetString().Should().EndWith("qs-feed-id");
        problem.GetProperty("detail").GetString().Should().Contain("QS location number");

        var profile = System.Text.Json.JsonSerializer.SerializeToNode(CompanyProfileTests.Profile())!.AsObject();
        profile["qsId"] = "4049928100015";
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/company") { Content = JsonContent.Create(profile) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        (await trade.Admin.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.OK);
        var allowed = await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        allowed.GetProperty("compliance")[0].GetProperty("rule").GetString().Should().Be("qs-feed-id");
    }

    private static async Task<(Trade Trade, string Product)> PlantProtection(ClockedApp app, string tenant)
    {
        var trade = await Open(app, tenant);
        var product = (await trade.Created("/api/v1/articles", new
        {
            number = "PS-1", name = "Herbizid Glyphosat 360", unit = "l", category = "plantProtection", vatCategory = "standard", salesPrice = 9.80m,
            purchasePrice = 7.10m, compliance = new { plantProtection = true }, allowNegativeStock = true,
        })).GetProperty("id").GetString()!;
        return (trade, product);
    }

    private static async Task<JsonElement> Certificate(Trade trade, string validTo) => await trade.Created($"/api/v1/partners/{trade.Customer}/evidence", new
    {
        type = "plantProtectionCertificate", number = "SKN-NI-2023-4711", issuer = "Landwirtschaftskammer Niedersachsen", validFrom = "2023-06-01", validTo,
        scan = new { fileName = "sachkunde.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(ScanPdf) },
    });

    /// <summary>Fresh tokens after the clock moved (they live an hour on the same clock), same tenant and master data.</summary>
    private static async Task<Trade> Reopen(ClockedApp app, Trade trade, string tenant) => trade.WithClient(await app.ClientFor(tenant, "anna", "admin"));
}
