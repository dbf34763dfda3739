using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Triggers;

/// <summary>
/// Issue 15, acceptance 4: after an erasure the partner's name, address, e-mail and contacts are gone or pseudonymised
/// wherever the API shows them; the posted invoice keeps what §14 UStG requires; the books are unchanged.
/// </summary>
public sealed class DataSubjectErasureTests
{
    [Fact]
    public async Task Erase_PseudonymisesWhatTheApiShows_KeepsThePostedInvoice_AndLeavesTheBooksAlone()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "gdpr-erase");
        await trade.Stock(trade.Seed, 20m);
        (await trade.Admin.PostAsJsonAsync("/api/v1/contacts", new { partnerId = trade.Customer, name = "Gesa Janssen", email = "gesa@hof-janssen.example" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Seed, 4m));
        var draft = await trade.Order("2026-03-05", Line(trade.Seed, 1m));
        await app.Runner().Drain();
        var balance = await trade.Get("/api/v1/trial-balance?from=2026-01-01&to=2026-12-31");
        var officer = await app.ClientFor("gdpr-erase", "dora", "dataProtection");

        var response = await officer.PostAsJsonAsync($"/api/v1/gdpr/erase/{trade.Customer}", new { reason = "Antrag vom 20.11.2026" });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var erasure = await response.Json();
        erasure.GetProperty("pseudonym").GetString().Should().StartWith("Gelöschter Partner");
        erasure.GetProperty("contactsDeleted").GetInt32().Should().Be(1);
        erasure.GetProperty("keptRestricted").EnumerateArray().Select(k => k.GetString()).Should().Contain(invoice.GetProperty("number").GetString());
        await app.Runner().Drain();

        string[] personal = ["Hof Janssen", "Dorfstraße", "Westerstede", "Gesa", "hof-janssen.example"];
        async Task Clean(string path)
        {
            var text = await (await trade.Admin.GetAsync(path)).Content.ReadAsStringAsync();
            foreach (var value in personal) text.Should().NotContain(value, path);
        }
        await Clean("/api/v1/customers?limit=200");
        await Clean($"/api/v1/customers/{trade.Customer}");
        await Clean("/api/v1/contacts?limit=200");
        await Clean("/api/v1/search?q=Janssen");
        await Clean($"/api/v1/audit/logs?entityId={trade.Customer}");
        await Clean("/api/v1/audit/logs?limit=200");
        await Clean("/api/v1/customers?format=csv");
        await Clean($"/api/v1/sales-orders/{draft.GetProperty("id").GetString()}");
        var gobd = await trade.Admin.GetAsync("/api/v1/exports/gobd?from=2026-01-01&to=2026-12-31");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await gobd.Content.ReadAsByteArrayAsync())))
            foreach (var table in new[] { "geschaeftspartner.csv", "protokoll.csv" })
            {
                using var reader = new StreamReader(zip.GetEntry(table)!.Open());
                var text = await reader.ReadToEndAsync();
                foreach (var value in personal) text.Should().NotContain(value, table);
            }
        var created = (await trade.Get($"/api/v1/audit/logs?entityId={trade.Customer}")).GetProperty("items")[0];
        created.GetProperty("after").GetProperty("name").GetString().Should().Be("[gelöscht]", "the log keeps the row and shows it redacted");

        var posted = await trade.Get($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}");
        posted.GetProperty("partnerName").GetString().Should().Be("Hof Janssen GbR", "the posted invoice keeps its recipient (§14 UStG, 8 years)");
        (await trade.Get("/api/v1/trial-balance?from=2026-01-01&to=2026-12-31")).ToString().Should().Be(balance.ToString(), "the books are unchanged");
        var auditor = await app.ClientFor("gdpr-erase", "ute", "auditor");
        (await (await auditor.GetAsync("/api/v1/audit/verify")).Json()).GetProperty("valid").GetBoolean().Should().BeTrue("the audit rows are kept; only the view redacts");
        (await officer.PostAsJsonAsync($"/api/v1/gdpr/erase/{trade.Customer}", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await trade.Client.GetAsync($"/api/v1/gdpr/erase/{trade.Customer}")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task RetentionSweep_PseudonymisesPostedInvoicesWhoseRetentionRanOut_AndKeepsTheRest()
    {
        using var app = new ClockedApp(); // today: 2026-11-22, so vouchers of 2017 are past their 8 years
        var trade = await Open(app, "gdpr-sweep");
        var old = await trade.SellAndPost("2017-03-02", Line(trade.Diesel, 10m));
        var recent = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m));
        var officer = await app.ClientFor("gdpr-sweep", "dora", "dataProtection");
        (await officer.PostAsJsonAsync($"/api/v1/gdpr/erase/{trade.Customer}", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

        var host = app.CreateClient();
        var swept = await host.PostAsJsonAsync("/RetentionSweep", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
        swept.StatusCode.Should().Be(HttpStatusCode.OK, await swept.Content.ReadAsStringAsync());
        (await swept.Content.ReadAsStringAsync()).Should().MatchRegex("pseudonymised [12] documents", "the 2017 invoice (and its posted delivery note)");
        (await trade.Get($"/api/v1/sales-invoices/{old.GetProperty("id").GetString()}")).GetProperty("partnerName").GetString().Should().StartWith("Gelöschter Partner");
        (await trade.Get($"/api/v1/sales-invoices/{recent.GetProperty("id").GetString()}")).GetProperty("partnerName").GetString().Should().Be("Hof Janssen GbR", "still within its 8 years");
        (await (await host.PostAsJsonAsync("/RetentionSweep", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } })).Content.ReadAsStringAsync())
            .Should().Contain("pseudonymised 0 documents", "a second run finds nothing left");
    }
}
