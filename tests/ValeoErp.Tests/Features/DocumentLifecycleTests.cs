using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

public sealed class DocumentLifecycleTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Quote_BecomesOneOrder_WithFlowLink()
    {
        var trade = await Open(app, "quotes");
        var quote = await trade.Created("/api/v1/sales-quotes", new { customerId = trade.Customer, quoteDate = "2026-02-10", lines = new[] { Line(trade.Seed, 20m) } });
        quote.GetProperty("number").GetString().Should().Be("AN-2026-000001");
        quote.GetProperty("quoteDate").GetString().Should().Be("2026-02-10");
        var id = quote.GetProperty("id").GetString();
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-quotes/{id}/orders", new { orderDate = "2026-02-12" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a draft quote is not yet released");
        await trade.Ok($"/api/v1/sales-quotes/{id}/submit");

        var order = await trade.Created($"/api/v1/sales-quotes/{id}/orders", new { orderDate = "2026-02-12" });
        order.GetProperty("type").GetString().Should().Be("salesOrder");
        order.GetProperty("grossTotal").GetDecimal().Should().Be(quote.GetProperty("grossTotal").GetDecimal());
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-quotes/{id}/orders", new { orderDate = "2026-02-12" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a quote becomes at most one order");
        var flow = await trade.Get($"/api/v1/documents/{order.GetProperty("id").GetString()}/flow");
        flow.GetProperty("predecessors")[0].GetProperty("number").GetString().Should().Be("AN-2026-000001");
    }

    [Fact]
    public async Task DeletingAnInvoiceDraft_ReturnsItsQuantitiesToTheOrder_ButPostedInvoicesCannotBeDeleted()
    {
        var trade = await Open(app, "delete");
        var order = await trade.Order("2026-03-02", Line(trade.Diesel, 100m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-02" });
        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-02" });
        var draftId = draft.GetProperty("id").GetString();
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-02" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "everything delivered is already on the draft");

        (await trade.Client.SendAsync(Http.Delete($"/api/v1/sales-invoices/{draftId}").With("If-Match", "\"1\""))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await trade.Client.GetAsync($"/api/v1/sales-invoices/{draftId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var again = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-02" });
        var posted = await trade.Ok($"/api/v1/sales-invoices/{again.GetProperty("id").GetString()}/post");
        var delete = await trade.Client.SendAsync(Http.Delete($"/api/v1/sales-invoices/{posted.GetProperty("id").GetString()}").With("If-Match", "\"2\""));
        delete.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await delete.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:document-posted");
    }

    [Fact]
    public async Task NumberSeries_PatternIsConfigurable_AndTheCounterContinues()
    {
        var trade = await Open(app, "series");
        await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 1m));
        var series = await trade.Client.GetAsync("/api/v1/number-series/salesInvoice");
        var changed = await trade.Client.SendAsync(Http.Put("/api/v1/number-series/salesInvoice", new { pattern = "R{yyyy}/", digits = 5 })
            .With("If-Match", series.Headers.ETag!.Tag));
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await trade.SellAndPost("2026-03-03", Line(trade.Diesel, 1m))).GetProperty("number").GetString().Should().Be("R2026/00002");
        (await trade.Client.SendAsync(Http.Put("/api/v1/number-series/salesInvoice", new { pattern = "R {yyyy}", digits = 2 }).With("If-Match", "\"2\"")))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostingAccounts_AreTenantConfiguration_CheckedAgainstTheChart()
    {
        var trade = await Open(app, "accounts");
        var current = await trade.Client.GetAsync("/api/v1/settings/posting-accounts");
        var etag = current.Headers.ETag!.Tag;
        var body = await current.Json();
        body.GetProperty("receivables").GetString().Should().Be("1400");

        var bad = await trade.Client.SendAsync(Http.Put("/api/v1/settings/posting-accounts", new { receivables = "9999" }).With("If-Match", etag));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Json()).GetProperty("errors").TryGetProperty("receivables", out _).Should().BeTrue();

        var good = await trade.Client.SendAsync(Http.Put("/api/v1/settings/posting-accounts", new { bank = "1360" }).With("If-Match", etag));
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m));
        var payment = await trade.Created("/api/v1/payments", new { openItemId = invoice.GetProperty("openItemId").GetString(), amount = 1m, date = "2026-03-03" });
        var entry = await trade.Get($"/api/v1/journal-entries/{payment.GetProperty("journalEntryId").GetString()}");
        entry.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("account").GetString()).Should().Contain("1360");
    }

    [Fact]
    public async Task Order_WithUnknownArticleAndCustomer_NamesBothFields_AndCreatesNothing()
    {
        var trade = await Open(app, "order-validation");
        var response = await trade.Client.PostAsJsonAsync("/api/v1/sales-orders", new
        {
            customerId = "nobody", orderDate = "2026-13-01", lines = new[] { new { articleId = "nothing", quantity = -1m } },
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .Should().Contain(["customerId", "orderDate", "lines[0].articleId", "lines[0].quantity"]);
        (await trade.Client.All("/api/v1/sales-orders?year=2026")).Should().BeEmpty();
    }

    [Fact]
    public async Task DeliveryIntoTheNextFiscalYear_IsRefusedWithAClearRule()
    {
        var trade = await Open(app, "year-end");
        var order = await trade.Order("2026-12-20", Line(trade.Diesel, 10m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        var response = await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries", new { date = "2027-01-05" });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:fiscal-year-mismatch");
    }
}
