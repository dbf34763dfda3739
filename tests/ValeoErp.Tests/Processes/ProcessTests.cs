using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Processes;

/// <summary>
/// Issue 16, acceptance 1: order-to-cash, approval with escalation and reorder as orchestrations, end to end from the
/// API. One suite, run on each engine: the embedded SQLite service (every test run) and Azure Storage on Azurite
/// (.ci/run). Steps wait until the process has moved (the Azure Storage engine works asynchronously to the runner).
/// </summary>
public abstract class ProcessTests
{
    /// <summary>A fresh app whose engine is the one under test.</summary>
    protected abstract ClockedApp NewApp();

    /// <summary>
    /// Whether durable timers follow the test's injected clock. The SQLite service fires them by the injected clock;
    /// Azure Storage by wall time, so there a timer set from the 2026-11 test clock is already due when it is made.
    /// </summary>
    protected virtual bool TimersFollowTheTestClock => true;

    [Fact]
    public async Task OrderToCash_RunsFromApprovalToPayment_AndEndsCompleted()
    {
        using var app = NewApp();
        var trade = await Open(app, "o2c");
        var runner = app.Runner();
        await trade.Stock(trade.Fertiliser, 30m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 10m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        var approved = await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "approved");
        approved.GetProperty("runtimeStatus").GetString().Should().Be("running");
        (await Stock(trade, trade.Fertiliser)).Should().Be((30m, 10m), "approval reserves the ordered quantity");

        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 1, quantity = 4m } } });
        await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "partlyDelivered");
        (await Stock(trade, trade.Fertiliser)).Should().Be((26m, 6m));
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-04" });
        await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "delivered");
        (await Stock(trade, trade.Fertiliser)).Should().Be((20m, 0m));

        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-04" });
        var invoice = await trade.Ok($"/api/v1/sales-invoices/{draft.GetProperty("id").GetString()}/post");
        await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "invoiced");

        await trade.Created("/api/v1/payments", new { openItemId = invoice.GetProperty("openItemId").GetString(), amount = invoice.GetProperty("grossTotal").GetDecimal(), date = "2026-03-10" });
        var done = await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("runtimeStatus").GetString() == "completed");
        done.GetProperty("state").GetString().Should().Be("completed");
        done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("to").GetString())
            .Should().Equal("approved", "partlyDelivered", "delivered", "invoiced", "completed");
        done.GetProperty("steps")[0].GetProperty("note").GetString().Should().EndWith("stock reserved");
        done.GetProperty("openItemIds").EnumerateArray().Single().GetString().Should().Be(invoice.GetProperty("openItemId").GetString());
    }

    [Fact]
    public async Task CancellingAfterApproval_ReleasesTheReservation_VoidsInvoiceDrafts_AndEndsCompensated()
    {
        using var app = NewApp();
        var trade = await Open(app, "cancel");
        await trade.Stock(trade.Fertiliser, 30m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 10m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-03", lines = new[] { new { lineNo = 1, quantity = 4m } } });
        var draft = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-03" });
        await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "partlyDelivered");
        (await Stock(trade, trade.Fertiliser)).Should().Be((26m, 6m));

        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/cancel", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await trade.Ok($"/api/v1/sales-orders/{id}/cancel", new { reason = "Kunde storniert" })).GetProperty("status").GetString().Should().Be("cancelled");

        var process = await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("runtimeStatus").GetString() == "completed");
        process.GetProperty("state").GetString().Should().Be("compensated");
        (await Stock(trade, trade.Fertiliser)).Should().Be((26m, 0m), "the undelivered 6 t are free again; the delivered 4 t stay delivered");
        (await trade.Client.GetAsync($"/api/v1/sales-invoices/{draft.GetProperty("id").GetString()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.PostAsJsonAsync($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-05" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ApprovalLeftPastItsSla_Escalates_ThenTheDecisionEndsIt_NamingWhoDecided()
    {
        using var app = NewApp();
        var trade = await Open(app, "sla", "sam", "salesManager");
        var order = await trade.Order("2026-11-20", Line(trade.Fertiliser, 40m)); // above the 10,000 EUR threshold
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        if (TimersFollowTheTestClock)
        {
            var waiting = await Settle(app, trade, $"{id}-approval", p => p.GetProperty("state").GetString() == "awaitingApproval");
            waiting.GetProperty("awaitingRole").GetString().Should().Be("salesManager");
            waiting.GetProperty("dueAt").GetString().Should().Be("2026-11-23T09:00:00Z", "submitted at 09:00 on the 22nd with a 24 h SLA");

            app.Clock.Advance(Duration.FromHours(23));
            await app.Runner().Drain();
            var admin = await app.Admin("sla"); // tokens live one hour on the same clock
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval")).GetProperty("state").GetString()
                .Should().Be("awaitingApproval", "the SLA is 24 h");
            app.Clock.Advance(Duration.FromHours(2));
        }
        var boss = await app.ClientFor("sla", "bea", "admin");
        var escalated = await Settle(app, boss, $"{id}-approval", p => p.GetProperty("state").GetString() == "escalated");
        escalated.GetProperty("escalatedTo").GetString().Should().Be("admin");
        await Settle(app, boss, $"{id}-approval", _ => app.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'sla' AND type = 'approval.escalated'").Single() == "1");

        (await boss.PostAsync($"/api/v1/sales-orders/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var approved = await Settle(app, boss, $"{id}-approval", p => p.GetProperty("runtimeStatus").GetString() == "completed");
        approved.GetProperty("state").GetString().Should().Be("approved");
        approved.GetProperty("decidedBy").GetString().Should().Be("bea");
        app.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'sla' AND type = 'approval.escalated'").Single().Should().Be("1", "escalated once");
    }

    [Fact]
    public async Task ApprovalDecidedInTime_IsNotEscalatedByItsLateTimer()
    {
        using var app = NewApp();
        // On an engine whose timers run by wall time, the SLA timer must lie in the wall clock's future: start the
        // test clock at the real now, so the timer is due a real day from now and the decision comes first.
        if (!TimersFollowTheTestClock) app.Clock.Now = SystemClock.Instance.GetCurrentInstant();
        var trade = await Open(app, "in-time", "sam", "salesManager");
        var order = await trade.Order(app.Clock.Now.InUtc().Date.ToString("yyyy-MM-dd", null), Line(trade.Fertiliser, 40m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await Settle(app, trade, $"{id}-approval", p => p.GetProperty("state").GetString() == "awaitingApproval");
        await (await app.ClientFor("in-time", "bea", "salesManager")).PostAsync($"/api/v1/sales-orders/{id}/approve", null);
        await Settle(app, trade, $"{id}-approval", p => p.GetProperty("state").GetString() == "approved");
        app.Clock.Advance(Duration.FromDays(2));
        await app.Runner().Drain();
        var admin = await app.Admin("in-time");
        var done = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}-approval");
        done.GetProperty("state").GetString().Should().Be("approved");
        done.GetProperty("decidedBy").GetString().Should().Be("bea");
        app.Column("SELECT count(*) FROM outbox WHERE tenant_id = 'in-time' AND type = 'approval.escalated'").Single().Should().Be("0");
    }

    [Fact]
    public async Task StockBelowTheReorderPoint_ProposesWholeLots_AndApprovalCreatesThePurchaseOrderOnce()
    {
        using var app = NewApp();
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
        var proposal = await SettleList(app, trade, "reorder", items => items.Count == 1 && items[0].GetProperty("state").GetString() == "awaitingApproval");
        var suggested = proposal[0].GetProperty("proposal");
        (suggested.GetProperty("stock").GetDecimal(), suggested.GetProperty("recentConsumption").GetDecimal(), suggested.GetProperty("quantity").GetDecimal())
            .Should().Be((7m, 5m, 25m), "10 - 7 + 5 = 8 t, rounded up to one lot of 25 t");

        await trade.Stock(article, -1m); // another movement below the point: still one open proposal
        await runner.Drain();
        (await Processes(trade, "reorder")).Should().ContainSingle();

        var processId = proposal[0].GetProperty("id").GetString();
        (await trade.Client.PostAsJsonAsync($"/api/v1/processes/{processId}/approve", new { quantity = -5m })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await trade.Client.PostAsJsonAsync($"/api/v1/processes/{processId}/approve", new { supplierId = "no-such-supplier" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var answer = await trade.Client.PostAsync($"/api/v1/processes/{processId}/approve", null);
        answer.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Accepted);
        var ordered = await Settle(app, trade, processId!, p => p.GetProperty("state").GetString() == "ordered");
        ordered.GetProperty("decidedBy").GetString().Should().Be("anna");
        var po = await trade.Get($"/api/v1/purchase-orders/{ordered.GetProperty("resultId").GetString()}");
        po.GetProperty("supplierId").GetString().Should().Be(supplier);
        po.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().Should().Be(25m);
        (await trade.Ok($"/api/v1/processes/{processId}/approve")).GetProperty("resultId").GetString().Should().Be(po.GetProperty("id").GetString());
        (await trade.Client.All("/api/v1/purchase-orders")).Should().ContainSingle("approving twice orders once");
        (await trade.Client.PostAsJsonAsync($"/api/v1/processes/{processId}/reject", new { reason = "zu spät" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Processes_OfAnotherTenant_AreNotFound_AndListsStayWithinTheTenant()
    {
        using var app = NewApp();
        var trade = await Open(app, "owner");
        await trade.Stock(trade.Fertiliser, 30m);
        var order = await trade.Order("2026-03-02", Line(trade.Fertiliser, 10m));
        var id = order.GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await Settle(app, trade, $"{id}-o2c", p => p.GetProperty("state").GetString() == "approved");
        var second = (await trade.Order("2026-03-03", Line(trade.Fertiliser, 5m))).GetProperty("id").GetString()!;
        await trade.Ok($"/api/v1/sales-orders/{second}/submit");
        await Settle(app, trade, $"{second}-o2c", p => p.GetProperty("state").GetString() == "approved");
        (await trade.Client.All("/api/v1/processes?year=2026&kind=orderToCash", limit: 1)).Select(p => p.GetProperty("id").GetString())
            .Should().BeEquivalentTo([$"{id}-o2c", $"{second}-o2c"], "one per page, followed by continuation");

        var other = await Open(app, "stranger");
        (await other.Client.GetAsync($"/api/v1/processes/{id}-o2c")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Client.All("/api/v1/processes?year=2026")).Should().BeEmpty();
        (await other.Client.PostAsync($"/api/v1/processes/{id}-o2c/approve", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Client.GetAsync("/api/v1/processes?continuation=bm90LWEtdG9rZW4")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>Runs the triggers until the process satisfies <paramref name="done"/> (60 s at most) and answers it.</summary>
    protected static Task<JsonElement> Settle(ClockedApp app, Trade trade, string id, Func<JsonElement, bool> done) => Settle(app, trade.Client, id, done);

    protected static async Task<JsonElement> Settle(ClockedApp app, HttpClient client, string id, Func<JsonElement, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await app.Runner().Drain();
            var response = await client.GetAsync($"/api/v1/processes/{id}");
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonElement>() is var view && done(view)) return view;
            if (waited.Elapsed.TotalSeconds > 60)
                throw new TimeoutException($"{id} did not get there within 60 s: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    private static async Task<List<JsonElement>> SettleList(ClockedApp app, Trade trade, string kind, Func<List<JsonElement>, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await app.Runner().Drain();
            var items = await Processes(trade, kind);
            if (done(items)) return items;
            if (waited.Elapsed.TotalSeconds > 60) throw new TimeoutException($"The {kind} processes did not get there within 60 s: {items.Count}");
            await Task.Delay(100);
        }
    }

    private static async Task<List<JsonElement>> Processes(Trade trade, string kind) =>
        await trade.Client.All($"/api/v1/processes?kind={kind}&year=2026");

    private static async Task<(decimal Quantity, decimal Reserved)> Stock(Trade trade, string article)
    {
        var levels = (await trade.Get($"/api/v1/stock?articleId={article}")).EnumerateArray().ToList();
        return (levels.Sum(l => l.GetProperty("quantity").GetDecimal()), levels.Sum(l => l.GetProperty("reserved").GetDecimal()));
    }
}

/// <summary>The process suite on the embedded engine (SQLite orchestration service), in every test run.</summary>
public sealed class ProcessTestsOnSqlite : ProcessTests
{
    protected override ClockedApp NewApp() => new();
}
