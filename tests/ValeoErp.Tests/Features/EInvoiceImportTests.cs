using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ValeoErp.Application.EInvoicing.Reading;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Supplier e-invoices come in through POST /api/v1/purchase-invoices/import: every sample of the official XRechnung
/// testsuite becomes a draft with the invoice's totals, a ZUGFeRD PDF too; what cannot be booked is 422 and writes nothing.
/// </summary>
public sealed class EInvoiceImportTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    private const string Path = "/api/v1/purchase-invoices/import";

    /// <summary>The XRechnung testsuite in the reference kit beside the checkout (../shared/validators/xrechnung).</summary>
    private static string Testsuite()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ValeoErp.sln"))) dir = dir.Parent;
        var suite = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir!.FullName, "..", "shared", "validators", "xrechnung", "testsuite"));
        Directory.Exists(suite).Should().BeTrue($"the XRechnung testsuite is expected at {suite} (the reference folder beside the checkout)");
        return suite;
    }

    private static HttpContent Xml(byte[] bytes) =>
        new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/xml") } };

    private static HttpContent Pdf(byte[] bytes) =>
        new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } };

    [Fact]
    public async Task Import_OfEveryOfficialTestsuiteSample_IsADraftWithTheInvoicesTotals()
    {
        var samples = Directory.EnumerateFiles(Testsuite(), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        samples.Should().HaveCount(86);
        var failures = new StringBuilder();
        var i = 0;
        foreach (var sample in samples)
        {
            var bytes = await File.ReadAllBytesAsync(sample);
            var facts = EInvoiceValidator.Validate(bytes).Facts!;
            // Each sample in a tenant of its own: many samples share seller and invoice number.
            var client = await app.ClientFor($"import-sample-{i++:00}", "admin", "admin");
            var supplier = await client.PostAsJsonAsync("/api/v1/suppliers", new
            {
                name = facts.Seller.Name, address = new { street = "Lieferantenweg 1", postalCode = "12345", city = "Musterstadt" },
            });
            supplier.StatusCode.Should().Be(HttpStatusCode.Created, await supplier.Content.ReadAsStringAsync());

            var imported = await client.PostAsync(Path, Xml(bytes));
            var name = System.IO.Path.GetFileName(sample);
            if (imported.StatusCode != HttpStatusCode.Created)
            {
                failures.AppendLine($"{name}: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
                continue;
            }
            var draft = await imported.Json();
            imported.Headers.Location!.ToString().Should().Be($"/api/v1/purchase-invoices/{draft.GetProperty("id").GetString()}");
            var totals = (draft.GetProperty("netTotal").GetDecimal(), draft.GetProperty("taxTotal").GetDecimal(), draft.GetProperty("grossTotal").GetDecimal());
            if (totals != (facts.Totals.TaxExclusive, facts.Totals.TaxTotal ?? 0m, facts.Totals.TaxInclusive))
                failures.AppendLine($"{name}: draft {totals} != invoice ({facts.Totals.TaxExclusive}, {facts.Totals.TaxTotal}, {facts.Totals.TaxInclusive})");
            draft.GetProperty("status").GetString().Should().Be("draft");
            draft.GetProperty("externalReference").GetString().Should().Be(facts.Number);
            var original = draft.GetProperty("archive").EnumerateArray().Single();
            original.GetProperty("kind").GetString().Should().Be("einvoice-original");
            original.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        failures.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Import_OfAZugferdPdf_MatchesTheSupplierByVatId_AndKeepsTheOriginal()
    {
        // Tenant A issues a ZUGFeRD invoice; tenant B receives it from A as its supplier.
        var seller = await Open(app, "import-zugferd-seller");
        await EInvoicePostingTests.SetCompany(seller, withContact: true);
        var customer = await EInvoicePostingTests.CreateCustomer(seller, "04011000-12345-34", "zugferd");
        await seller.Stock(seller.Fertiliser, 2m);
        await seller.Stock(seller.Seed, 3m);
        var invoice = await EInvoicePostingTests.DraftInvoice(seller, customer, "2026-03-02", Line(seller.Fertiliser, 2m), Line(seller.Seed, 3m));
        var posted = await seller.Ok($"/api/v1/sales-invoices/{invoice}/post");
        var pdf = await (await seller.Client.GetAsync($"/api/v1/sales-invoices/{invoice}/zugferd")).Content.ReadAsByteArrayAsync();

        var buyer = await app.ClientFor("import-zugferd-buyer", "admin", "admin");
        var decoy = await buyer.PostAsJsonAsync("/api/v1/suppliers", new
        {
            name = "Landhandel Ammerland GmbH", address = new { street = "Anderswo 1", postalCode = "26655", city = "Westerstede" },
        });
        decoy.StatusCode.Should().Be(HttpStatusCode.Created);
        var supplier = await buyer.PostAsJsonAsync("/api/v1/suppliers", new
        {
            name = "Ammerland Landhandel", vatId = "DE136695976",
            address = new { street = "Raiffeisenstraße 1", postalCode = "26655", city = "Westerstede" },
        });
        supplier.StatusCode.Should().Be(HttpStatusCode.Created, await supplier.Content.ReadAsStringAsync());
        var supplierId = (await supplier.Json()).GetProperty("id").GetString();

        var imported = await buyer.PostAsync(Path, Pdf(pdf));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var draft = await imported.Json();
        draft.GetProperty("partnerId").GetString().Should().Be(supplierId, "the VAT id decides before the name");
        draft.GetProperty("grossTotal").GetDecimal().Should().Be(posted.GetProperty("grossTotal").GetDecimal());
        draft.GetProperty("taxTotal").GetDecimal().Should().Be(posted.GetProperty("taxTotal").GetDecimal());
        draft.GetProperty("externalReference").GetString().Should().Be(posted.GetProperty("number").GetString());
        draft.GetProperty("documentDate").GetString().Should().Be("2026-03-02");
        draft.GetProperty("lines").GetArrayLength().Should().Be(2);
        var original = draft.GetProperty("archive").EnumerateArray().Single();
        original.GetProperty("contentType").GetString().Should().Be("application/pdf");
        original.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(pdf)));

        var again = await buyer.PostAsync(Path, Pdf(pdf));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the same supplier invoice number is not booked twice");
        (await again.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:einvoice-duplicate");
        (await buyer.All("/api/v1/purchase-invoices")).Should().HaveCount(1);
    }

    [Fact]
    public async Task Import_WithABrokenTotal_Is422WithTheRule_AndWritesNothing()
    {
        var client = await app.ClientFor("import-broken", "admin", "admin");
        var sample = System.IO.Path.Combine(Testsuite(), "business-cases", "standard", "01.01a-INVOICE_ubl.xml");
        var document = XDocument.Load(sample);
        var payable = document.Descendants().First(e => e.Name.LocalName == "PayableAmount");
        payable.Value = (decimal.Parse(payable.Value, CultureInfo.InvariantCulture) + 5m).ToString(CultureInfo.InvariantCulture);
        var supplier = await client.PostAsJsonAsync("/api/v1/suppliers", new
        {
            name = "[Seller name]", address = new { street = "Lieferantenweg 1", postalCode = "12345", city = "Musterstadt" },
        });
        supplier.StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await client.PostAsync(Path, Xml(Encoding.UTF8.GetBytes(document.ToString())));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Json();
        problem.GetProperty("type").GetString().Should().Be("urn:valeo:problem:einvoice-invalid");
        problem.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).Should().Contain("BR-CO-16");
        (await client.All("/api/v1/purchase-invoices")).Should().BeEmpty();

        var untouched = await client.PostAsync(Path, Xml(await File.ReadAllBytesAsync(sample)));
        untouched.StatusCode.Should().Be(HttpStatusCode.Created, "the refused mutant left nothing behind, not even its number");
    }

    [Fact]
    public async Task Import_FromAnUnknownSupplier_Is422_AndTheIbanMatchesWhenTheVatIdIsMissing()
    {
        var client = await app.ClientFor("import-match", "admin", "admin");
        var bytes = await File.ReadAllBytesAsync(System.IO.Path.Combine(Testsuite(), "business-cases", "standard", "01.01a-INVOICE_ubl.xml"));
        var unmatched = await client.PostAsync(Path, Xml(bytes));
        unmatched.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unmatched.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:supplier-unmatched");

        var supplier = await client.PostAsJsonAsync("/api/v1/suppliers", new
        {
            name = "Zeitschriftenverlag (anderer Name)", address = new { street = "Verlagsweg 1", postalCode = "12345", city = "Musterstadt" },
            bankAccount = new { iban = "DE75512108001245126199" },
        });
        supplier.StatusCode.Should().Be(HttpStatusCode.Created, await supplier.Content.ReadAsStringAsync());
        var imported = await client.PostAsync(Path, Xml(bytes));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        (await imported.Json()).GetProperty("partnerId").GetString().Should().Be((await supplier.Json()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("text/plain", "hello", 415, "unsupported-media-type")]
    [InlineData("application/xml", "<Invoice>", 422, "einvoice-invalid")]
    [InlineData("application/xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>", 422, "einvoice-invalid")]
    [InlineData("application/xml", "<Order xmlns=\"urn:example\"/>", 422, "einvoice-invalid")]
    [InlineData("application/pdf", "%PDF-1.7 not really", 422, "einvoice-unreadable")]
    public async Task Import_OfSomethingThatIsNotAnEInvoice_IsRefusedWithAProblem(string contentType, string body, int status, string type)
    {
        var client = await app.ClientFor("import-garbage", "admin", "admin");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } };
        var response = await client.PostAsync(Path, content);
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("type").GetString().Should().Be($"urn:valeo:problem:{type}");
    }
}
