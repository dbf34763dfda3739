using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Http;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Customers who receive e-invoices get only invoices whose XRechnung is valid: posting checks it first and
/// refuses an invalid one with the rule ids, writing nothing. The XML of posted documents is served as UBL or CII;
/// with VALEO_EINVOICE_OUT set, the files are kept for the official validator kit (.ci/run).
/// </summary>
public sealed class EInvoicePostingTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Posting_ForAnXRechnungCustomerWithoutLeitwegId_Is409WithBRDE15_AndTheNextPostingHasNoGap()
    {
        var trade = await Open(app, "einvoice-posting");
        await SetCompany(trade, withContact: true);
        var customer = await CreateCustomer(trade, buyerReference: null);

        var invoice = await DraftInvoice(trade, customer, "2026-03-02");
        var refused = await trade.Client.PostAsJsonAsync($"/api/v1/sales-invoices/{invoice}/post", new { });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await refused.Json();
        problem.GetProperty("type").GetString().Should().Be("urn:valeo:problem:einvoice-invalid");
        problem.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).Should().Contain("BR-DE-15");
        (await trade.Get($"/api/v1/sales-invoices/{invoice}")).GetProperty("status").GetString().Should().Be("draft");
        (await trade.Get("/api/v1/journal-entries?from=2026-01-01&to=2026-12-31")).GetProperty("items").GetArrayLength().Should().Be(0);

        var current = await trade.Admin.GetAsync($"/api/v1/customers/{customer}");
        var fixedCustomer = Customer("04011000-12345-34");
        (await trade.Admin.SendAsync(Put($"/api/v1/customers/{customer}", fixedCustomer).With("If-Match", current.Headers.ETag!.Tag)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var posted = await trade.Ok($"/api/v1/sales-invoices/{invoice}/post");
        posted.GetProperty("number").GetString().Should().Be("RE-2026-000001");
    }

    [Fact]
    public async Task Pdf_OfADraftInvoice_OrWithoutCompanyProfile_IsRefused()
    {
        var trade = await Open(app, "einvoice-pdf-rules");
        var invoice = (await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m))).GetProperty("id").GetString();
        var missing = await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/pdf");
        missing.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await missing.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:company-profile-missing");
    }

    [Fact]
    public async Task Posting_WithoutTheSellerContact_Is409WithBRDE2()
    {
        var trade = await Open(app, "einvoice-contact");
        await SetCompany(trade, withContact: false);
        var customer = await CreateCustomer(trade, "04011000-12345-34");
        var invoice = await DraftInvoice(trade, customer, "2026-03-02");
        var refused = await trade.Client.PostAsJsonAsync($"/api/v1/sales-invoices/{invoice}/post", new { });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).Should().Contain("BR-DE-2");
    }

    [Fact]
    public async Task PostedInvoice_IsServedAsXRechnungUblAndCii_WithItsNumberAndTotals()
    {
        var trade = await Open(app, "einvoice-xml");
        await SetCompany(trade, withContact: true);
        var customer = await CreateCustomer(trade, "04011000-12345-34");
        await trade.Stock(trade.Fertiliser, 2m);
        await trade.Stock(trade.Seed, 3m);
        var invoice = await DraftInvoice(trade, customer, "2026-03-02", Line(trade.Fertiliser, 2m), Line(trade.Seed, 3m));
        var posted = await trade.Ok($"/api/v1/sales-invoices/{invoice}/post");
        var number = posted.GetProperty("number").GetString()!;
        var gross = posted.GetProperty("grossTotal").GetDecimal();

        foreach (var syntax in new[] { "ubl", "cii" })
        {
            var response = await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/xrechnung?syntax={syntax}");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            xml.Descendants().Should().Contain(e => e.Name.LocalName == "ID" && e.Value == number);
            xml.Descendants().Where(e => e.Name.LocalName is "PayableAmount" or "DuePayableAmount").Select(e => decimal.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture))
                .Should().Contain(gross);
            if (Environment.GetEnvironmentVariable("VALEO_EINVOICE_OUT") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllBytesAsync(Path.Combine(folder, $"host-{number}-{syntax}.xml"), bytes);
            }
        }
        (await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/xrechnung?syntax=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Archived at posting: every download is the archived bytes, whose SHA-256 the document records.
        var archive = posted.GetProperty("archive").EnumerateArray().ToDictionary(f => f.GetProperty("kind").GetString()!);
        archive.Keys.Should().BeEquivalentTo("pdf", "xrechnung-ubl");
        archive["pdf"].GetProperty("retainUntil").GetString().Should().Be("2034-12-31");
        foreach (var (path, kind) in new[] { ("pdf", "pdf"), ("pdf", "pdf"), ("xrechnung?syntax=ubl", "xrechnung-ubl") })
        {
            var downloaded = await (await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/{path}")).Content.ReadAsByteArrayAsync();
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(downloaded))
                .Should().Be(archive[kind].GetProperty("sha256").GetString(), $"{path} is served from the archive");
        }

        var pdf = await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 5).Should().Be("%PDF-");
        if (Environment.GetEnvironmentVariable("VALEO_EINVOICE_OUT") is { Length: > 0 } pdfFolder)
        {
            await File.WriteAllBytesAsync(Path.Combine(pdfFolder, $"host-{number}.pdf"), pdfBytes);
            // What the public verification answered for this document's code: .ci/run follows the PDF's QR code to it.
            var code = posted.GetProperty("verificationCode").GetString()!;
            var verified = await (await app.CreateClient().GetAsync($"/api/v1/verify/{code}")).Content.ReadAsStringAsync();
            await File.WriteAllTextAsync(Path.Combine(pdfFolder, $"host-{number}.verify.json"), $"{{\"code\":\"{code}\",\"answer\":{verified}}}");
        }

        var zugferd = await trade.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/zugferd");
        zugferd.StatusCode.Should().Be(HttpStatusCode.OK);
        var zugferdBytes = await zugferd.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.Latin1.GetString(zugferdBytes).Should().Contain("factur-x.xml");
        if (Environment.GetEnvironmentVariable("VALEO_EINVOICE_OUT") is { Length: > 0 } zugferdFolder)
            await File.WriteAllBytesAsync(Path.Combine(zugferdFolder, $"host-{number}-zugferd.pdf"), zugferdBytes);
    }

    internal static object Customer(string? buyerReference, string format = "xrechnungUbl") => new
    {
        name = "Landkreis Ammerland", address = new { street = "Ammerlandallee 12", postalCode = "26655", city = "Westerstede" },
        buyerReference, eInvoiceFormat = format, eInvoiceAddress = "e-rechnung@ammerland.de", taxNumber = "64/221/00017",
    };

    internal static async Task<string> CreateCustomer(Trade trade, string? buyerReference, string format = "xrechnungUbl")
    {
        var response = await trade.Admin.PostAsJsonAsync("/api/v1/customers", Customer(buyerReference, format));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Json()).GetProperty("id").GetString()!;
        // The county buys KAS for its road-side verges: a public body with a declaration on file (EU 2019/1148).
        await trade.Declaration(id, "Kreisbauhof Ammerland, Dienstausweis 0815", trade: "Kreisbauhof (Grünflächenpflege)");
        return id;
    }

    internal static async Task SetCompany(Trade trade, bool withContact)
    {
        var profile = CompanyProfileTests.Profile(contact: withContact ? null : new { name = (string?)null });
        var response = await trade.Admin.SendAsync(Put("/api/v1/settings/company", profile).With("If-Match", "\"0\""));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    internal static async Task<string> DraftInvoice(Trade trade, string customer, string date, params object[] lines)
    {
        var order = await trade.Created("/api/v1/sales-orders", new
        {
            customerId = customer, orderDate = date, lines = lines.Length > 0 ? lines : [Line(trade.Diesel, 100m)],
        });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date });
        return (await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = date })).GetProperty("id").GetString()!;
    }
}
