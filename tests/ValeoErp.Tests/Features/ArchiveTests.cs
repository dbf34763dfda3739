using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Http;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Issue 12, acceptance 5 (GoBD): an issued invoice is archived at posting. The SHA-256 of every archived file and its
/// retention are recorded on the document; whenever the invoice is downloaded later, it is exactly those bytes, even
/// after the clock has moved on or the company profile the PDF was printed with has changed.
/// </summary>
public sealed class ArchiveTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    [Fact]
    public async Task Download_ADayLater_ReturnsTheArchivedBytes()
    {
        var (trade, id, posted) = await PostXRechnungInvoice("archive-day-later");
        var recorded = Recorded(posted);
        recorded.Keys.Should().BeEquivalentTo("pdf", "xrechnung-ubl");
        Recorded(await trade.Get($"/api/v1/sales-invoices/{id}")).Should().BeEquivalentTo(recorded, "the document keeps what posting recorded");

        app.Clock.Advance(Duration.FromDays(1));
        var nextDay = await app.ClientFor("archive-day-later", "anna", "admin"); // yesterday's token has expired

        foreach (var (path, kind) in new[] { ("pdf", "pdf"), ("xrechnung", "xrechnung-ubl") })
        {
            var first = await Download(nextDay, $"/api/v1/sales-invoices/{id}/{path}");
            Sha256(first).Should().Be(recorded[kind], $"/{path} a day later is the archived {kind}");
            (await Download(nextDay, $"/api/v1/sales-invoices/{id}/{path}")).Should().Equal(first, $"a second download of /{path} is the same bytes");
        }
    }

    [Fact]
    public async Task Download_AfterTheCompanyProfileChanged_StillReturnsTheArchivedPdf()
    {
        var (trade, id, posted) = await PostXRechnungInvoice("archive-profile-changed");
        var recorded = Recorded(posted);

        var current = await trade.Admin.GetAsync("/api/v1/settings/company");
        var moved = Put("/api/v1/settings/company", CompanyProfileTests.Profile(
            contact: new { name = "Hinrich Janssen", phone = "+49 4488 5501", email = "buchhaltung@landhandel-ammerland.de" })).With("If-Match", current.Headers.ETag!.Tag);
        (await trade.Admin.SendAsync(moved)).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(Duration.FromDays(1));
        var nextDay = await app.ClientFor("archive-profile-changed", "anna", "admin");

        Sha256(await Download(nextDay, $"/api/v1/sales-invoices/{id}/pdf")).Should().Be(recorded["pdf"], "the PDF is not printed again");
        Sha256(await Download(nextDay, $"/api/v1/sales-invoices/{id}/xrechnung")).Should().Be(recorded["xrechnung-ubl"]);
    }

    [Fact]
    public async Task Posting_StoresTheRetentionWithTheArchivedBlobs_AndTheArchiveRefusesToReplaceThem()
    {
        var (_, _, posted) = await PostXRechnungInvoice("archive-retention");
        var files = posted.GetProperty("archive").EnumerateArray().ToArray();
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        foreach (var file in files)
        {
            file.GetProperty("retainUntil").GetString().Should().Be("2034-12-31", "invoices of 2026 are kept until the end of 2034");
            var name = file.GetProperty("blob").GetString()!;
            var stored = (await blobs.Get(BlobContainers.Archive, name, default))!;
            stored.Info.RetainUntil.Should().Be(new LocalDate(2034, 12, 31), "the retention is stored with the blob as well");
            stored.Info.Sha256.Should().Be(file.GetProperty("sha256").GetString());

            await FluentActions.Awaiting(() => blobs.Put(BlobContainers.Archive, name, [0x25], "application/pdf", default))
                .Should().ThrowAsync<BlobExistsException>();
            await FluentActions.Awaiting(() => blobs.Delete(BlobContainers.Archive, name, default)).Should().ThrowAsync<BlobExistsException>();
            Sha256((await blobs.Get(BlobContainers.Archive, name, default))!.Content).Should().Be(file.GetProperty("sha256").GetString());
        }
    }

    private async Task<(Trade Trade, string Id, JsonElement Posted)> PostXRechnungInvoice(string tenant)
    {
        var trade = await Open(app, tenant);
        var profile = await trade.Admin.SendAsync(Put("/api/v1/settings/company", CompanyProfileTests.Profile()).With("If-Match", "\"0\""));
        profile.StatusCode.Should().Be(HttpStatusCode.OK, await profile.Content.ReadAsStringAsync());
        var customer = await trade.Admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Landkreis Ammerland", address = new { street = "Ammerlandallee 12", postalCode = "26655", city = "Westerstede" },
            buyerReference = "04011000-12345-34", eInvoiceFormat = "xrechnungUbl", eInvoiceAddress = "e-rechnung@ammerland.de",
        });
        customer.StatusCode.Should().Be(HttpStatusCode.Created, await customer.Content.ReadAsStringAsync());
        var customerId = (await customer.Json()).GetProperty("id").GetString();

        var order = await trade.Created("/api/v1/sales-orders", new { customerId, orderDate = "2026-03-02", lines = new[] { Line(trade.Diesel, 100m) } });
        var orderId = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{orderId}/submit");
        await trade.Created($"/api/v1/sales-orders/{orderId}/deliveries", new { date = "2026-03-02" });
        var id = (await trade.Created($"/api/v1/sales-orders/{orderId}/invoices", new { invoiceDate = "2026-03-02" })).GetProperty("id").GetString()!;
        return (trade, id, await trade.Ok($"/api/v1/sales-invoices/{id}/post"));
    }

    /// <summary>Kind -> SHA-256 as the document records them.</summary>
    private static Dictionary<string, string> Recorded(JsonElement document) =>
        document.GetProperty("archive").EnumerateArray()
            .ToDictionary(f => f.GetProperty("kind").GetString()!, f => f.GetProperty("sha256").GetString()!);

    private static async Task<byte[]> Download(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
