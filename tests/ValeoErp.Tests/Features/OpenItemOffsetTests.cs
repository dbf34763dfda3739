using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 15: an open credit note is offset against an open invoice of the same partner.</summary>
public sealed class OpenItemOffsetTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task CreditNote_OffsetAgainstAnInvoice_ClosesTheCredit_ReducesTheInvoice_AndBooksNothing()
    {
        var trade = await Open(app, "offset");
        await trade.Stock(trade.Seed, 50m);
        var first = await trade.SellAndPost("2026-03-02", Line(trade.Seed, 10m));
        var second = await trade.SellAndPost("2026-03-03", Line(trade.Seed, 5m));
        var note = await trade.Created($"/api/v1/sales-invoices/{first.GetProperty("id").GetString()}/credit-notes",
            new { reason = "Sack beschädigt", date = "2026-03-04", lines = new[] { new { lineNo = 1, quantity = 2m } } });
        var credit = (await trade.Ok($"/api/v1/credit-notes/{note.GetProperty("id").GetString()}/post")).GetProperty("openItemId").GetString();
        var invoiceItem = second.GetProperty("openItemId").GetString();
        var entries = (await trade.Client.All("/api/v1/journal-entries?from=2026-01-01&to=2026-12-31")).Count;

        var offset = await trade.Ok($"/api/v1/open-items/{credit}/offset", new { againstId = invoiceItem, date = "2026-03-05" });
        offset.GetProperty("amount").GetDecimal().Should().Be(103.51m, "the whole credit: 2 x 48,37 + 7 %");
        offset.GetProperty("credit").GetProperty("openAmount").GetDecimal().Should().Be(0m);
        offset.GetProperty("invoice").GetProperty("openAmount").GetDecimal().Should().Be(second.GetProperty("grossTotal").GetDecimal() - 103.51m);
        (await trade.Client.All("/api/v1/journal-entries?from=2026-01-01&to=2026-12-31")).Should().HaveCount(entries, "both items are on 1400: nothing to book");

        var again = await trade.Client.PostAsJsonAsync($"/api/v1/open-items/{credit}/offset", new { againstId = invoiceItem });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:open-item-settled");
        var wrongWay = await trade.Client.PostAsJsonAsync($"/api/v1/open-items/{invoiceItem}/offset", new { againstId = first.GetProperty("openItemId").GetString() });
        (await wrongWay.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:not-a-credit");
        (await trade.Client.PostAsJsonAsync($"/api/v1/open-items/{credit}/offset", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
