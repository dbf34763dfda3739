using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 3, acceptance 4-7: §24 settlement, gapless numbers under concurrency, refusals, trial balance.</summary>
public sealed class PurchaseAndBooksTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Theory]
    [InlineData("2024-12-08", "2024-12-10", 8.4, 428.90, 5534.91, "GU-2024-000001")]
    [InlineData("2025-02-27", "2025-03-01", 7.8, 398.27, 5504.28, "GU-2025-000001")]
    public async Task WheatFromAFlatRateFarmer_IsTaxedAtTheRateOfTheDeliveryDate_AndSettledByGutschrift(
        string orderDate, string deliveryDate, decimal rate, decimal tax, decimal gross, string number)
    {
        var trade = await Open(app, $"farmer-{orderDate[..4]}");
        var order = await trade.Created("/api/v1/purchase-orders", new
        {
            supplierId = trade.Farmer, orderDate, deliveryDate, lines = new[] { Line(trade.Wheat, 25.34m, 201.50m) },
        });
        order.GetProperty("supplierId").GetString().Should().Be(trade.Farmer);
        order.GetProperty("netTotal").GetDecimal().Should().Be(5106.01m);
        order.GetProperty("taxBreakdown")[0].GetProperty("rate").GetDecimal().Should().Be(rate);
        (order.GetProperty("taxTotal").GetDecimal(), order.GetProperty("grossTotal").GetDecimal()).Should().Be((tax, gross));

        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/purchase-orders/{id}/submit");
        var receipt = await trade.Created($"/api/v1/purchase-orders/{id}/receipts", new { date = deliveryDate });
        receipt.GetProperty("type").GetString().Should().Be("goodsReceipt");
        var settlement = await trade.Created($"/api/v1/purchase-orders/{id}/invoices", new { invoiceDate = deliveryDate });
        settlement.GetProperty("selfBilled").GetBoolean().Should().BeTrue("grain from a flat-rate farmer is settled by Gutschrift");
        var posted = await trade.Ok($"/api/v1/purchase-invoices/{settlement.GetProperty("id").GetString()}/post");
        posted.GetProperty("number").GetString().Should().Be(number);
        var entry = await trade.Get($"/api/v1/journal-entries/{posted.GetProperty("journalEntryId").GetString()}");
        entry.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetDecimal(), l.GetProperty("credit").GetDecimal()))
            .Should().BeEquivalentTo([("3540", 5106.01m, 0m), ("1588", tax, 0m), ("1600", 0m, gross)]);
        var stock = (await trade.Get($"/api/v1/stock?articleId={trade.Wheat}")).EnumerateArray().ToList();
        stock.Sum(s => s.GetProperty("quantity").GetDecimal()).Should().Be(25.34m, "the receipt is carried forward into the current year");
        stock.Sum(s => s.GetProperty("opening").GetDecimal()).Should().Be(25.34m);
    }

    [Fact]
    public async Task SupplierInvoice_PostedAndPaidWithinDiscount_BooksReceivedSkontoAndInputVatCorrection()
    {
        var trade = await Open(app, "supplier");
        var supplier = await trade.Created("/api/v1/suppliers", new
        {
            name = "Düngerwerk Nord GmbH", address = new { street = "Hafenstraße 9", postalCode = "26135", city = "Oldenburg" },
            vatId = "DE136695976", paymentTerms = new { netDays = 30, discountDays = 10, discountPercent = 3m },
        });
        var order = await trade.Created("/api/v1/purchase-orders", new
        {
            supplierId = supplier.GetProperty("id").GetString(), orderDate = "2026-02-02", lines = new[] { Line(trade.Fertiliser, 24m, 250m) },
        });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/purchase-orders/{id}/submit");
        await trade.Created($"/api/v1/purchase-orders/{id}/receipts", new { date = "2026-02-03" });
        var draft = await trade.Created($"/api/v1/purchase-orders/{id}/invoices", new { invoiceDate = "2026-02-04", externalReference = "DN-4711" });
        draft.GetProperty("selfBilled").GetBoolean().Should().BeFalse();
        var posted = await trade.Ok($"/api/v1/purchase-invoices/{draft.GetProperty("id").GetString()}/post");
        posted.GetProperty("number").GetString().Should().Be("ER-2026-000001");
        posted.GetProperty("grossTotal").GetDecimal().Should().Be(7140m); // 6000 + 19 %
        var entry = await trade.Get($"/api/v1/journal-entries/{posted.GetProperty("journalEntryId").GetString()}");
        entry.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetDecimal(), l.GetProperty("credit").GetDecimal()))
            .Should().BeEquivalentTo([("3400", 6000m, 0m), ("1576", 1140m, 0m), ("1600", 0m, 7140m)]);

        var payment = await trade.Created("/api/v1/payments", new { openItemId = posted.GetProperty("openItemId").GetString(), amount = 6925.80m, date = "2026-02-14" });
        payment.GetProperty("discount").GetDecimal().Should().Be(214.20m);
        var paid = await trade.Get($"/api/v1/journal-entries/{payment.GetProperty("journalEntryId").GetString()}");
        paid.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetDecimal(), l.GetProperty("credit").GetDecimal()))
            .Should().BeEquivalentTo([("1600", 7140m, 0m), ("1200", 0m, 6925.80m), ("3736", 0m, 180m), ("1576", 0m, 34.20m)]);
        (await trade.Get($"/api/v1/stock?articleId={trade.Fertiliser}")).EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()).Should().Be(24m);
    }

    [Fact]
    public async Task FiftyInvoicesPostedConcurrently_GetNumbers1To50WithoutGapOrDuplicate()
    {
        var trade = await Open(app, "fifty");
        var drafts = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var order = await trade.Order("2026-05-04", Line(trade.Diesel, 10m + i));
            var id = order.GetProperty("id").GetString();
            await trade.Ok($"/api/v1/sales-orders/{id}/submit");
            await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-05-04" });
            drafts.Add((await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-05-04" })).GetProperty("id").GetString()!);
        }

        var responses = await Task.WhenAll(drafts.Select(id => trade.Client.PostAsync($"/api/v1/sales-invoices/{id}/post", null)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("number").GetString()));
        numbers.Order().Should().Equal(Enumerable.Range(1, 50).Select(n => $"RE-2026-{n:000000}"));
        var entries = await trade.Client.All("/api/v1/journal-entries?from=2026-05-01&to=2026-05-31");
        entries.Should().HaveCount(50);
    }

    [Fact]
    public async Task CreatorApprovingOwnOrder_Is409_AndChangesNothing()
    {
        var trade = await Open(app, "four-eyes", "sam", "salesManager");
        await trade.Stock(trade.Fertiliser, 100m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 40m)); // 11,596.00 net: above the 10,000 threshold
        var id = order.GetProperty("id").GetString();
        (await trade.Ok($"/api/v1/sales-orders/{id}/submit")).GetProperty("status").GetString().Should().Be("submitted");
        var before = await trade.Client.GetAsync($"/api/v1/sales-orders/{id}");

        var own = await trade.Client.PostAsync($"/api/v1/sales-orders/{id}/approve", null);
        own.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await own.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:approver-is-creator");
        var after = await trade.Client.GetAsync($"/api/v1/sales-orders/{id}");
        after.Headers.ETag.Should().Be(before.Headers.ETag);
        (await after.Json()).GetProperty("status").GetString().Should().Be("submitted");

        var boss = await app.ClientFor("four-eyes", "bea", "salesManager");
        var approved = await boss.PostAsync($"/api/v1/sales-orders/{id}/approve", null);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = (await approved.Json()).GetProperty("history").EnumerateArray().ToList();
        history.Last().GetProperty("by").GetString().Should().Be("bea");
        history.Last().GetProperty("to").GetString().Should().Be("approved");
    }

    [Fact]
    public async Task Reject_WithoutReason_Is400_WithReason_IsRecorded()
    {
        var trade = await Open(app, "reject", "sam", "salesManager");
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 40m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        var boss = await app.ClientFor("reject", "bea", "salesManager");
        (await boss.PostAsJsonAsync($"/api/v1/sales-orders/{id}/reject", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rejected = await (await boss.PostAsJsonAsync($"/api/v1/sales-orders/{id}/reject", new { reason = "Preis unter Einstand" })).Json();
        rejected.GetProperty("status").GetString().Should().Be("rejected");
        rejected.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString().Should().Be("Preis unter Einstand");
    }

    [Fact]
    public async Task Approve_NeedsTheApproveScope()
    {
        var trade = await Open(app, "scopes", "sam", "salesManager");
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 40m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        var clerk = await app.ClientFor("scopes", "carl", "sales");
        (await clerk.PostAsync($"/api/v1/sales-orders/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostingIntoAClosedPeriod_Is409_AndConsumesNoNumber()
    {
        var trade = await Open(app, "closed");
        var order = await trade.Order("2026-01-20", Line(trade.Diesel, 100m));
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-01-20" });
        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-01-20" });
        var draftId = draft.GetProperty("id").GetString();
        await trade.Ok("/api/v1/periods/2026-01/close");

        var refused = await trade.Client.PostAsync($"/api/v1/sales-invoices/{draftId}/post", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:period-closed");
        var unchanged = await trade.Get($"/api/v1/sales-invoices/{draftId}");
        unchanged.GetProperty("status").GetString().Should().Be("draft");
        (await trade.Client.All("/api/v1/journal-entries?from=2026-01-01&to=2026-01-31")).Should().BeEmpty();

        var redated = await trade.Client.SendAsync(Http.Put($"/api/v1/sales-invoices/{draftId}", new { invoiceDate = "2026-02-02" }).With("If-Match", "\"1\""));
        redated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await trade.Ok($"/api/v1/sales-invoices/{draftId}/post")).GetProperty("number").GetString().Should().Be("RE-2026-000001", "the refused posting consumed no number");
        (await trade.Client.PostAsync("/api/v1/periods/2026-01/close", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PutOnAPostedInvoice_Is409_AndChangesNothing()
    {
        var trade = await Open(app, "immutable");
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m));
        var id = invoice.GetProperty("id").GetString();
        var before = await trade.Client.GetAsync($"/api/v1/sales-invoices/{id}");
        var etag = before.Headers.ETag!.Tag;

        var put = await trade.Client.SendAsync(Http.Put($"/api/v1/sales-invoices/{id}", new { invoiceDate = "2026-03-09" }).With("If-Match", etag));

        put.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await put.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:document-posted");
        var after = await trade.Client.GetAsync($"/api/v1/sales-invoices/{id}");
        after.Headers.ETag!.Tag.Should().Be(etag);
        (await after.Json()).GetProperty("invoiceDate").GetString().Should().Be("2026-03-02");
        (await trade.Client.PostAsync($"/api/v1/sales-invoices/{id}/post", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TrialBalance_OverAllPostings_Balances_AndEveryEntryBalances()
    {
        var trade = await Open(app, "trial");
        await trade.Stock(trade.Seed, 100m);
        var one = await trade.SellAndPost("2026-06-01", Line(trade.Seed, 10m), Line(trade.Diesel, 500m));
        await trade.SellAndPost("2026-06-02", Line(trade.Diesel, 333.3m));
        await trade.Created("/api/v1/payments", new { openItemId = one.GetProperty("openItemId").GetString(), amount = 100m, date = "2026-06-03" });
        var manual = await trade.Created("/api/v1/journal-entries", new
        {
            date = "2026-06-04", documentNumber = "EB-1", description = "Bareinlage",
            lines = new[] { new { account = "1000", debit = 500m, credit = 0m }, new { account = "0800", debit = 0m, credit = 500m } },
        });
        await trade.Created($"/api/v1/journal-entries/{manual.GetProperty("id").GetString()}/reverse", new { date = "2026-06-05" });
        (await trade.Client.PostAsJsonAsync($"/api/v1/journal-entries/{manual.GetProperty("id").GetString()}/reverse", new { date = "2026-06-05" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);

        var entries = await trade.Client.All("/api/v1/journal-entries?from=2026-01-01&to=2026-12-31", 2);
        entries.Should().HaveCount(5);
        foreach (var entry in entries)
            entry.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("debit").GetDecimal())
                .Should().Be(entry.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("credit").GetDecimal()));

        var balance = await trade.Get("/api/v1/trial-balance?from=2026-01-01&to=2026-12-31");
        balance.GetProperty("debitTotal").GetDecimal().Should().Be(balance.GetProperty("creditTotal").GetDecimal()).And.BeGreaterThan(0m);
        var accounts = balance.GetProperty("accounts").EnumerateArray().ToList();
        accounts.Sum(a => a.GetProperty("balance").GetDecimal()).Should().Be(0m);
        accounts.Single(a => a.GetProperty("account").GetString() == "1000").GetProperty("balance").GetDecimal().Should().Be(0m, "the manual entry was reversed");
        accounts.Single(a => a.GetProperty("account").GetString() == "8300").GetProperty("name").GetString().Should().Be("Erlöse 7 % USt");
    }

    [Fact]
    public async Task UnbalancedManualEntry_IsRefused()
    {
        var trade = await Open(app, "unbalanced");
        var response = await trade.Client.PostAsJsonAsync("/api/v1/journal-entries", new
        {
            date = "2026-06-04", documentNumber = "X", description = "falsch",
            lines = new[] { new { account = "1000", debit = 500m, credit = 0m }, new { account = "0800", debit = 0m, credit = 499.99m } },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:entry-unbalanced");
    }
}
