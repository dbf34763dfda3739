using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>What an invoice and its flow must say so that the documents that leave the house are right.</summary>
public sealed class DocumentFactsTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Flow_OfAnOrder_ShowsThePostedInvoiceWithItsNumber()
    {
        var trade = await Open(app, "flow-numbers");
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 100m));
        var flow = await trade.Get($"/api/v1/documents/{invoice.GetProperty("originId").GetString()}/flow");
        var successor = flow.GetProperty("successors").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "salesInvoice");
        successor.GetProperty("number").GetString().Should().Be(invoice.GetProperty("number").GetString()).And.StartWith("RE-2026-");
    }

    [Fact]
    public async Task Invoice_StatesTheActualDeliveryDate_NotThePlannedOne()
    {
        var trade = await Open(app, "delivery-dates");
        var order = await trade.Created("/api/v1/sales-orders", new
        {
            customerId = trade.Customer, orderDate = "2026-03-02", deliveryDate = "2026-03-05", lines = new[] { Line(trade.Diesel, 100m) },
        });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-09" });
        var invoice = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-10" });
        invoice.GetProperty("deliveryDate").GetString().Should().Be("2026-03-09");
    }

    [Fact]
    public async Task ServicesArticle_IsDelivered_WithoutStock()
    {
        var trade = await Open(app, "services");
        var spreading = (await (await trade.Admin.PostAsJsonAsync("/api/v1/articles", new
        {
            number = "DL-100", name = "Düngerstreuen je ha", unit = "piece", category = "services", vatCategory = "standard", salesPrice = 18.5m,
        })).Json()).GetProperty("id").GetString()!;
        var invoice = await trade.SellAndPost("2026-03-02", Line(spreading, 12m));
        invoice.GetProperty("netTotal").GetDecimal().Should().Be(222.00m);
        (await trade.Get($"/api/v1/stock?articleId={spreading}")).EnumerateArray().Sum(l => l.GetProperty("quantity").GetDecimal()).Should().Be(0m);
    }
}
