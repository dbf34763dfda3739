using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Application.Documents;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 3, acceptance 1-3: rounding, the Landhandel order from order to payment, Skonto.</summary>
public sealed class SalesFlowTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Order_ThreeLinesAt125_RoundsTaxPerRate_AndOneAt150HasTax029()
    {
        var trade = await Open(app, "rounding");
        var three = await trade.Order("2026-03-02", Line(trade.Diesel, 1, 1.25m), Line(trade.Diesel, 1, 1.25m), Line(trade.Diesel, 1, 1.25m));
        (three.GetProperty("netTotal").GetDecimal(), three.GetProperty("taxTotal").GetDecimal(), three.GetProperty("grossTotal").GetDecimal())
            .Should().Be((3.75m, 0.71m, 4.46m));
        var one = await trade.Order("2026-03-02", Line(trade.Diesel, 1, 1.50m));
        one.GetProperty("taxTotal").GetDecimal().Should().Be(0.29m);
    }

    [Fact]
    public async Task LandhandelOrder_DeliveredTwice_InvoicedPostedAndPaidWithSkonto()
    {
        var trade = await Open(app, "landhandel");
        await trade.Stock(trade.Fertiliser, 20m);
        await trade.Stock(trade.Seed, 50m);

        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 12.5m), Line(trade.Seed, 37m), Line(trade.Diesel, 1234.5m));
        order.GetProperty("netTotal").GetDecimal().Should().Be(7115.82m);
        order.GetProperty("taxTotal").GetDecimal().Should().Be(1137.24m);
        order.GetProperty("grossTotal").GetDecimal().Should().Be(8253.06m);
        order.GetProperty("taxBreakdown").EnumerateArray()
            .Select(t => (t.GetProperty("rate").GetDecimal(), t.GetProperty("net").GetDecimal(), t.GetProperty("tax").GetDecimal()))
            .Should().Equal((19m, 5326.13m, 1011.96m), (7m, 1789.69m, 125.28m));
        order.GetProperty("number").GetString().Should().Be("AU-2026-000001");
        var id = order.GetProperty("id").GetString();

        (await trade.Ok($"/api/v1/sales-orders/{id}/submit")).GetProperty("status").GetString().Should().Be("approved");
        var first = await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 1, quantity = 10m }, new { lineNo = 2, quantity = 37m } } });
        var second = await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-05" });
        first.GetProperty("number").GetString().Should().Be("LS-2026-000001");
        second.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("lineNo").GetInt32(), l.GetProperty("quantity").GetDecimal()))
            .Should().Equal((1, 2.5m), (3, 1234.5m));
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-05" });
        draft.GetProperty("number").ValueKind.Should().Be(JsonValueKind.Null, "a draft consumes no number");
        draft.GetProperty("grossTotal").GetDecimal().Should().Be(8253.06m);
        var invoice = await trade.Ok($"/api/v1/sales-invoices/{draft.GetProperty("id").GetString()}/post");
        invoice.GetProperty("status").GetString().Should().Be("posted");
        invoice.GetProperty("number").GetString().Should().Be("RE-2026-000001");
        invoice.GetProperty("dueDate").GetString().Should().Be("2026-04-04");
        invoice.GetProperty("discountDate").GetString().Should().Be("2026-03-19");

        var entry = await trade.Get($"/api/v1/journal-entries/{invoice.GetProperty("journalEntryId").GetString()}");
        Lines(entry).Should().BeEquivalentTo([("1400", 8253.06m, 0m), ("8400", 0m, 5326.13m), ("8300", 0m, 1789.69m), ("1776", 0m, 1011.96m), ("1771", 0m, 125.28m)]);

        var itemId = invoice.GetProperty("openItemId").GetString();
        var payment = await trade.Created("/api/v1/payments", new { openItemId = itemId, amount = 8088.00m, date = "2026-03-19" });
        payment.GetProperty("discount").GetDecimal().Should().Be(165.06m);
        payment.GetProperty("discountShares").EnumerateArray().Select(s => s.GetProperty("gross").GetDecimal()).Should().Equal(126.76m, 38.30m);
        payment.GetProperty("openItem").GetProperty("openAmount").GetDecimal().Should().Be(0m);
        var paymentEntry = await trade.Get($"/api/v1/journal-entries/{payment.GetProperty("journalEntryId").GetString()}");
        Lines(paymentEntry).Should().BeEquivalentTo(
            [("1200", 8088.00m, 0m), ("8736", 106.52m, 0m), ("1776", 20.24m, 0m), ("8731", 35.79m, 0m), ("1771", 2.51m, 0m), ("1400", 0m, 8253.06m)]);

        var openItems = await trade.Get($"/api/v1/open-items?partnerId={trade.Customer}&status=open");
        openItems.GetProperty("items").EnumerateArray().Should().BeEmpty();

        var flow = await trade.Get($"/api/v1/documents/{id}/flow");
        flow.GetProperty("successors").EnumerateArray().Select(s => s.GetProperty("kind").GetString())
            .Should().BeEquivalentTo("deliveryNote", "deliveryNote", "salesInvoice");
        var invoiceFlow = await trade.Get($"/api/v1/documents/{invoice.GetProperty("id").GetString()}/flow");
        invoiceFlow.GetProperty("predecessors").EnumerateArray().Select(s => s.GetProperty("number").GetString())
            .Should().BeEquivalentTo("AU-2026-000001", "LS-2026-000001", "LS-2026-000002");

        var stock = await trade.Get($"/api/v1/stock?articleId={trade.Fertiliser}");
        stock.EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()).Should().Be(7.5m);
        var movements = await trade.Client.All($"/api/v1/stock-movements?articleId={trade.Fertiliser}");
        movements.Sum(m => m.GetProperty("quantity").GetDecimal()).Should().Be(7.5m, "stock is the sum of its movements");
    }

    [Fact]
    public async Task PaymentOnDay20_LeavesTheDiscountOpen()
    {
        var trade = await Open(app, "day20");
        await trade.Stock(trade.Fertiliser, 20m);
        await trade.Stock(trade.Seed, 50m);
        var invoice = await trade.SellAndPost("2026-03-05", Line(trade.Fertiliser, 12.5m), Line(trade.Seed, 37m), Line(trade.Diesel, 1234.5m));
        var payment = await trade.Created("/api/v1/payments", new { openItemId = invoice.GetProperty("openItemId").GetString(), amount = 8088.00m, date = "2026-03-25" });
        payment.GetProperty("discount").GetDecimal().Should().Be(0m);
        payment.GetProperty("openItem").GetProperty("openAmount").GetDecimal().Should().Be(165.06m);
        var open = await trade.Get($"/api/v1/open-items?partnerId={trade.Customer}&status=open");
        open.GetProperty("items").EnumerateArray().Single().GetProperty("openAmount").GetDecimal().Should().Be(165.06m);
    }

    [Fact]
    public async Task Delivery_BeyondStock_IsRefused_UnlessTheArticleAllowsNegativeStock()
    {
        var trade = await Open(app, "stock");
        await trade.Stock(trade.Fertiliser, 5m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 6m), Line(trade.Diesel, 100m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");

        var refused = await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03" });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:insufficient-stock");
        (await trade.Get($"/api/v1/stock?articleId={trade.Fertiliser}")).EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()).Should().Be(5m);

        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 2, quantity = 100m } } });
        (await trade.Get($"/api/v1/stock?articleId={trade.Diesel}")).EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()).Should().Be(-100m);
    }

    [Fact]
    public async Task CreditNote_ForPartOfAnInvoice_ReversesRevenueAndVat()
    {
        var trade = await Open(app, "credit");
        await trade.Stock(trade.Seed, 50m);
        var invoice = await trade.SellAndPost("2026-04-01", Line(trade.Seed, 10m));
        var note = await trade.Created($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}/credit-notes",
            new { reason = "Sack beschädigt", lines = new[] { new { lineNo = 1, quantity = 2m } } });
        note.GetProperty("grossTotal").GetDecimal().Should().Be(103.51m); // 2 x 48.37 = 96.74 + 7 % 6.77
        var posted = await trade.Ok($"/api/v1/credit-notes/{note.GetProperty("id").GetString()}/post");
        posted.GetProperty("number").GetString().Should().Be("RK-2026-000001");
        var entry = await trade.Get($"/api/v1/journal-entries/{posted.GetProperty("journalEntryId").GetString()}");
        Lines(entry).Should().BeEquivalentTo([("1400", 0m, 103.51m), ("8300", 96.74m, 0m), ("1771", 6.77m, 0m)]);

        var tooMuch = await trade.Client.PostAsJsonAsync($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}/credit-notes",
            new { reason = "nochmal", lines = new[] { new { lineNo = 1, quantity = 9m } } });
        tooMuch.StatusCode.Should().Be(HttpStatusCode.BadRequest, "only 8 of 10 sacks are left to credit");
    }

    private static IEnumerable<(string, decimal, decimal)> Lines(JsonElement entry) =>
        entry.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("account").GetString()!, l.GetProperty("debit").GetDecimal(), l.GetProperty("credit").GetDecimal()));

    [Fact]
    public async Task Order_WithTheMostLines_IsDeliveredInvoicedAndPosted_InOneAtomicWriteEach()
    {
        var trade = await Open(app, "most-lines");
        var lines = new List<object>();
        for (var i = 0; i < Orders.MaxLines; i++) lines.Add(Line(await trade.Article($"ML-{i:00}"), 2));

        var invoice = await trade.SellAndPost("2026-03-02", lines.ToArray());

        invoice.GetProperty("lines").GetArrayLength().Should().Be(Orders.MaxLines);
        invoice.GetProperty("netTotal").GetDecimal().Should().Be(Orders.MaxLines * 20m);
    }

    [Fact]
    public async Task Order_WithMoreThanTheMostLines_IsRejected_AndNothingIsNumbered()
    {
        var trade = await Open(app, "too-many-lines");
        var article = await trade.Article("TM-1");
        var lines = Enumerable.Range(0, Orders.MaxLines + 1).Select(_ => Line(article, 1)).ToArray();

        var response = await trade.Client.PostAsJsonAsync("/api/v1/sales-orders", new { customerId = trade.Customer, orderDate = "2026-03-02", lines });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").GetProperty("lines")[0].GetString().Should().Contain($"at most {Orders.MaxLines}");
        (await trade.Get("/api/v1/sales-orders")).GetProperty("items").GetArrayLength().Should().Be(0);
    }
}
