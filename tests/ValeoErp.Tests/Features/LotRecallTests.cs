using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 17, acceptance 2: lots at goods receipt, FEFO at delivery, lots on the delivery note, and the recall query.</summary>
public sealed class LotRecallTests
{
    private const string Lot = "MF-2611-07", Earlier = "MF-2611-09";

    [Fact]
    public async Task Recall_OfAFeedLotReceivedTwice_ListsTheThreeFarmsItWentTo_AndTheRestInStock()
    {
        using var app = new ClockedApp();
        var (trade, feed, supplier) = await Feed(app, "lots-recall");
        var first = await Receive(trade, supplier, feed, 20m, "2026-11-02", new { number = Lot, quantity = 20m, expiry = "2027-03-31", labValues = new Dictionary<string, decimal> { ["protein"] = 18.1m, ["aflatoxinB1"] = 0.002m } });
        var second = await Receive(trade, supplier, feed, 15m, "2026-11-09", new { number = Lot, quantity = 10m, expiry = "2027-03-31" },
            new { number = Earlier, quantity = 5m, expiry = "2027-02-28" }, traces: "CHEDD.DE.2026.0004711");
        second.GetProperty("tracesReference").GetString().Should().Be("CHEDD.DE.2026.0004711");
        second.GetProperty("lines")[0].GetProperty("lots").GetArrayLength().Should().Be(2);

        var farmB = await Farm(trade, "Milchhof Bruns KG", "64/100/20001");
        var farmC = await Farm(trade, "Hof Cordes", "64/100/20002");
        var a = await Deliver(trade, trade.Customer, feed, 8m, "2026-11-16", new { number = Lot, quantity = 8m });
        var b = await Deliver(trade, farmB, feed, 12m, "2026-11-17"); // FEFO: the 5 t expiring in February first, then 7 t of the lot
        var c = await Deliver(trade, farmC, feed, 6m, "2026-11-18", new { number = Lot, quantity = 6m });

        b.GetProperty("lines")[0].GetProperty("lots").EnumerateArray().Select(l => (l.GetProperty("lot").GetString(), l.GetProperty("quantity").GetDecimal()))
            .Should().Equal((Earlier, 5m), (Lot, 7m));
        var pdf = await trade.Client.GetAsync($"/api/v1/delivery-notes/{b.GetProperty("id").GetString()}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        if (Environment.GetEnvironmentVariable("VALEO_PDF_OUT") is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(folder, "lieferschein-chargen.pdf"), await pdf.Content.ReadAsByteArrayAsync());

        var recall = await trade.Get($"/api/v1/recalls?articleId={feed}&lot={Lot}");
        recall.GetProperty("receipts").EnumerateArray().Select(r => (r.GetProperty("documentNumber").GetString(), r.GetProperty("quantity").GetDecimal()))
            .Should().Equal((first.GetProperty("number").GetString(), 20m), (second.GetProperty("number").GetString(), 10m));
        recall.GetProperty("receipts")[1].GetProperty("tracesReference").GetString().Should().Be("CHEDD.DE.2026.0004711");
        recall.GetProperty("deliveries").EnumerateArray()
            .Select(d => (d.GetProperty("partnerName").GetString(), d.GetProperty("documentNumber").GetString(), d.GetProperty("quantity").GetDecimal()))
            .Should().Equal(
                ("Hof Janssen GbR", a.GetProperty("number").GetString(), 8m),
                ("Milchhof Bruns KG", b.GetProperty("number").GetString(), 7m),
                ("Hof Cordes", c.GetProperty("number").GetString(), 6m));
        recall.GetProperty("customers").GetArrayLength().Should().Be(3);
        recall.GetProperty("received").GetDecimal().Should().Be(30m);
        recall.GetProperty("delivered").GetDecimal().Should().Be(21m);
        recall.GetProperty("remaining").GetDecimal().Should().Be(9m);
        recall.GetProperty("inStock").EnumerateArray().Single().GetProperty("quantity").GetDecimal().Should().Be(9m);
        recall.GetProperty("expiry").GetString().Should().Be("2027-03-31");
        recall.GetProperty("labValues").GetProperty("protein").GetDecimal().Should().Be(18.1m);

        var other = await trade.Get($"/api/v1/recalls?articleId={feed}&lot={Earlier}");
        other.GetProperty("deliveries").EnumerateArray().Single().GetProperty("quantity").GetDecimal().Should().Be(5m);
        other.GetProperty("remaining").GetDecimal().Should().Be(0m);
    }

    [Fact]
    public async Task Receipt_WithLotsThatDoNotAddUp_OrAMalformedTracesReference_IsRejected_AndAnUnknownLotIsNotFound()
    {
        using var app = new ClockedApp();
        var (trade, feed, supplier) = await Feed(app, "lots-invalid");
        var order = await trade.Created("/api/v1/purchase-orders", new { supplierId = supplier, orderDate = "2026-11-02", lines = new[] { Line(feed, 20m, 361m) } });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/purchase-orders/{id}/submit");

        var short_ = await trade.Client.PostAsJsonAsync($"/api/v1/purchase-orders/{id}/receipts",
            new { date = "2026-11-02", lines = new[] { new { lineNo = 1, quantity = 20m, lots = new[] { new { number = Lot, quantity = 15m } } } } });
        short_.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await short_.Content.ReadAsStringAsync()).Should().Contain("lines[0].lots");
        var traces = await trade.Client.PostAsJsonAsync($"/api/v1/purchase-orders/{id}/receipts", new { date = "2026-11-02", tracesReference = "CHED-12" });
        traces.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await trade.Get($"/api/v1/purchase-orders/{id}")).GetProperty("lines")[0].GetProperty("fulfilled").GetDecimal().Should().Be(0m, "a refused receipt receives nothing");

        (await trade.Client.GetAsync($"/api/v1/recalls?articleId={feed}&lot=NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.GetAsync($"/api/v1/recalls?articleId={feed}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delivery_OfANamedLotPastItsExpiry_IsRefused_AndFefoSkipsIt()
    {
        using var app = new ClockedApp();
        var (trade, feed, supplier) = await Feed(app, "lots-expired");
        await Receive(trade, supplier, feed, 10m, "2026-11-02", new { number = "OLD", quantity = 4m, expiry = "2026-11-20" }, new { number = "NEW", quantity = 6m, expiry = "2027-06-30" });
        var order = await trade.Order("2026-11-22", Line(feed, 3m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");

        var refused = await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries",
            new { date = "2026-11-22", lines = new[] { new { lineNo = 1, quantity = 3m, lots = new[] { new { number = "OLD", quantity = 3m } } } } });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().EndWith("lot-expired");

        var delivered = await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-11-22" });
        delivered.GetProperty("lines")[0].GetProperty("lots").EnumerateArray().Single().GetProperty("lot").GetString().Should().Be("NEW");
    }

    private static async Task<(Trade Trade, string Feed, string Supplier)> Feed(ClockedApp app, string tenant)
    {
        var trade = await Open(app, tenant);
        // QS feed needs the seller's QS location number on the delivery note (the QS gate at submit).
        var profile = JsonSerializer.SerializeToNode(CompanyProfileTests.Profile())!.AsObject();
        profile["qsId"] = "4049928100015";
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/company") { Content = JsonContent.Create(profile) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        (await trade.Admin.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.OK);
        var feed = (await trade.Created("/api/v1/articles", new
        {
            number = "FU-1", name = "Milchleistungsfutter MLF 18/3, lose", unit = "t", category = "feed", vatCategory = "reduced", salesPrice = 392m,
            purchasePrice = 361m, lotTracking = true, compliance = new { qsFeed = true },
        })).GetProperty("id").GetString()!;
        var supplier = (await trade.Created("/api/v1/suppliers", new
        {
            name = "Mischfutterwerk Nord GmbH", address = new { street = "Hafenstraße 1", postalCode = "26135", city = "Oldenburg" }, vatId = "DE136695976",
        })).GetProperty("id").GetString()!;
        return (trade, feed, supplier);
    }

    private static async Task<string> Farm(Trade trade, string name, string taxNumber) => (await trade.Created("/api/v1/customers", new
    {
        name, address = new { street = "Dorfstraße 1", postalCode = "26655", city = "Westerstede" }, taxNumber,
    })).GetProperty("id").GetString()!;

    private static async Task<JsonElement> Receive(Trade trade, string supplier, string feed, decimal quantity, string date, object lot, object? more = null, string? traces = null)
    {
        var order = await trade.Created("/api/v1/purchase-orders", new { supplierId = supplier, orderDate = date, lines = new[] { Line(feed, quantity, 361m) } });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/purchase-orders/{id}/submit");
        var lots = more is null ? new[] { lot } : [lot, more];
        return await trade.Created($"/api/v1/purchase-orders/{id}/receipts", new { date, tracesReference = traces, lines = new[] { new { lineNo = 1, quantity, lots } } });
    }

    private static async Task<JsonElement> Deliver(Trade trade, string customer, string feed, decimal quantity, string date, object? lot = null)
    {
        var order = await trade.Created("/api/v1/sales-orders", new { customerId = customer, orderDate = date, lines = new[] { Line(feed, quantity) } });
        var id = order.GetProperty("id").GetString();
        var submitted = await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        submitted.GetProperty("compliance").EnumerateArray().Single().GetProperty("rule").GetString().Should().Be("qs-feed-id");
        return lot is null
            ? await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date })
            : await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date, lines = new[] { new { lineNo = 1, quantity, lots = new[] { lot } } } });
    }
}
