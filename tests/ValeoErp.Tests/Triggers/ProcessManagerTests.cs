using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Triggers;

/// <summary>Issue 4, acceptance 4 and 5, and reorder proposals: process managers driven through the real trigger path.</summary>
public sealed class ProcessManagerTests
{
    [Fact]
    public async Task OrderToCash_RunsFromApprovalToPayment_AndEndsCompleted()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "o2c");
        var runner = app.Runner();
        await trade.Stock(trade.Fertiliser, 30m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 10m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await runner.Drain();
        (await Process(trade, $"{id}-o2c")).GetProperty("state").GetString().Should().Be("approved");
        (await Stock(trade, trade.Fertiliser)).Should().Be((30m, 10m), "approval reserves the ordered quantity");

        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 1, quantity = 4m } } });
        await runner.Drain();
        (await Process(trade, $"{id}-o2c")).GetProperty("state").GetString().Should().Be("partlyDelivered");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-04" });
        await runner.Drain();
        (await Process(trade, $"{id}-o2c")).GetProperty("state").GetString().Should().Be("delivered");
        (await Stock(trade, trade.Fertiliser)).Should().Be((20m, 0m));

        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-04" });
        var invoice = await trade.Ok($"/api/v1/sales-invoices/{draft.GetProperty("id").GetString()}/post");
        await runner.Drain();
        (await Process(trade, $"{id}-o2c")).GetProperty("state").GetString().Should().Be("invoiced");

        await trade.Created("/api/v1/payments", new { openItemId = invoice.GetProperty("openItemId").GetString(), amount = invoice.GetProperty("grossTotal").GetDecimal(), date = "2026-03-10" });
        await runner.Drain();
        var done = await Process(trade, $"{id}-o2c");
        done.GetProperty("state").GetString().Should().Be("completed");
        done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("to").GetString())
            .Should().Equal("approved", "partlyDelivered", "delivered", "invoiced", "completed");
    }

    [Fact]
    public async Task CancellingAfterApproval_ReleasesTheReservation_VoidsInvoiceDrafts_AndEndsCompensated()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "cancel");
        var runner = app.Runner();
        await trade.Stock(trade.Fertiliser, 30m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 10m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 1, quantity = 4m } } });
        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-03" });
        await runner.Drain();
        (await Stock(trade, trade.Fertiliser)).Should().Be((26m, 6m));

        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/cancel", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await trade.Ok($"/api/v1/sales-orders/{id}/cancel", new { reason = "Kunde storniert" })).GetProperty("status").GetString().Should().Be("cancelled");
        await runner.Drain();

        var process = await Process(trade, $"{id}-o2c");
        process.GetProperty("state").GetString().Should().Be("compensated");
        (await Stock(trade, trade.Fertiliser)).Should().Be((26m, 0m), "the undelivered 6 t are free again; the delivered 4 t stay delivered");
        (await trade.Client.GetAsync($"/api/v1/sales-invoices/{draft.GetProperty("id").GetString()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-05" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ApprovalLeftPastItsSla_Escalates_DrivenByTheClock()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "sla", "sam", "salesManager");
        var runner = app.Runner();
        var order = await trade.Order("2026-11-20", Line(trade.Fertiliser, 40m)); // above the 10,000 EUR threshold
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await runner.Drain();
        var waiting = await Process(trade, $"{id}-approval");
        waiting.GetProperty("state").GetString().Should().Be("awaitingApproval");
        waiting.GetProperty("awaitingRole").GetString().Should().Be("salesManager");

        app.Clock.Advance(Duration.FromHours(23));
        await runner.Drain();
        var admin = await app.Admin("sla"); // tokens live one hour on the same clock
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval")).GetProperty("state").GetString()
            .Should().Be("awaitingApproval", "the SLA is 24 h");

        app.Clock.Advance(Duration.FromHours(2));
        await runner.Drain();
        admin = await app.Admin("sla");
        var escalated = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval");
        escalated.GetProperty("state").GetString().Should().Be("escalated");
        escalated.GetProperty("escalatedTo").GetString().Should().Be("admin");
        app.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'sla' AND type = 'approval.escalated'").Single().Should().Be("1");

        var boss = await app.ClientFor("sla", "bea", "admin");
        (await boss.PostAsync($"/api/v1/sales-orders/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await runner.Drain();
        (await boss.GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval")).GetProperty("state").GetString().Should().Be("approved");
    }

    [Fact]
    public async Task ApprovalDecidedInTime_IsNotEscalatedByItsLateTimeout()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "in-time", "sam", "salesManager");
        var runner = app.Runner();
        var order = await trade.Order("2026-11-20", Line(trade.Fertiliser, 40m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await runner.Drain();
        await (await app.ClientFor("in-time", "bea", "salesManager")).PostAsync($"/api/v1/sales-orders/{id}/approve", null);
        await runner.Drain();
        app.Clock.Advance(Duration.FromDays(2));
        await runner.Drain();
        (await (await app.Admin("in-time")).GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval")).GetProperty("state").GetString().Should().Be("approved");
        app.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'in-time' AND type = 'approval.escalated'").Single().Should().Be("0");
    }

    [Fact]
    public async Task StockBelowTheReorderPoint_ProposesWholeLots_AndApprovalCreatesThePurchaseOrder()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "reorder");
        var runner = app.Runner();
        var supplier = (await trade.Created("/api/v1/suppliers", new
        {
            name = "Düngerwerk Nord GmbH", address = new { street = "Hafenstraße 9", postalCode = "26135", city = "Oldenburg" },
        })).GetProperty("id").GetString();
        var article = (await trade.Created("/api/v1/articles", new
        {
            number = "DU-9", name = "Harnstoff 46 % N", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 420m,
            purchasePrice = 360m, nutrients = new { n = 46m }, minimumStock = 10m, lotSize = 25m, preferredSupplierId = supplier,
        })).GetProperty("id").GetString()!;
        await trade.Stock(article, 12m);
        await runner.Drain();
        (await Processes(trade, "reorder")).Should().BeEmpty("12 t are above the reorder point");

        var order = await trade.Order("2026-11-20", Line(article, 5m));
        await trade.Ok($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/submit");
        await trade.Created($"/api/v1/sales-orders/{order.GetProperty("id").GetString()}/deliveries", new { date = "2026-11-20" });
        await runner.Drain();

        var proposal = (await Processes(trade, "reorder")).Single();
        proposal.GetProperty("state").GetString().Should().Be("awaitingApproval");
        var suggested = proposal.GetProperty("proposal");
        (suggested.GetProperty("stock").GetDecimal(), suggested.GetProperty("recentConsumption").GetDecimal(), suggested.GetProperty("quantity").GetDecimal())
            .Should().Be((7m, 5m, 25m), "10 - 7 + 5 = 8 t, rounded up to one lot of 25 t");

        await trade.Stock(article, -1m); // another movement below the point: still one open proposal
        await runner.Drain();
        (await Processes(trade, "reorder")).Should().ContainSingle();

        var processId = proposal.GetProperty("id").GetString();
        var ordered = await trade.Ok($"/api/v1/processes/{processId}/approve");
        ordered.GetProperty("state").GetString().Should().Be("ordered");
        var po = await trade.Get($"/api/v1/purchase-orders/{ordered.GetProperty("resultId").GetString()}");
        po.GetProperty("supplierId").GetString().Should().Be(supplier);
        po.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().Should().Be(25m);
        (await trade.Ok($"/api/v1/processes/{processId}/approve")).GetProperty("resultId").GetString().Should().Be(po.GetProperty("id").GetString());
    }

    private static async Task<JsonElement> Process(Trade trade, string id) => await trade.Get($"/api/v1/processes/{id}");

    private static async Task<List<JsonElement>> Processes(Trade trade, string kind) =>
        await trade.Client.All($"/api/v1/processes?kind={kind}&year=2026");

    private static async Task<(decimal Quantity, decimal Reserved)> Stock(Trade trade, string article)
    {
        var levels = (await trade.Get($"/api/v1/stock?articleId={article}")).EnumerateArray().ToList();
        return (levels.Sum(l => l.GetProperty("quantity").GetDecimal()), levels.Sum(l => l.GetProperty("reserved").GetDecimal()));
    }
}
