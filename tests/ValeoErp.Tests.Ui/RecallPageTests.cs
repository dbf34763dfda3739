using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ValeoErp.Ui.Pages;

namespace ValeoErp.Tests.Ui;

/// <summary>The recall page: article and lot in, receipts, deliveries, customers and what is left out.</summary>
public sealed class RecallPageTests : UiTestContext
{
    private const string Article = """{"id":"a1","number":"D-100","name":"Kalkammonsalpeter 27 %","unit":"kg"}""";

    private const string Report = """
        {"articleId":"a1","articleNumber":"D-100","articleName":"Kalkammonsalpeter 27 %","lot":"L-2026-07","expiry":null,"labValues":{"N":27},
         "receipts":[{"partnerId":"s1","partnerName":"Düngerwerk Nord","documentId":"g1","documentNumber":"WE-2026-0004","date":"2026-07-01",
                      "quantity":24000,"warehouseId":"w-17","tracesReference":"IMPORT.EU.DE.2026.0001234"}],
         "deliveries":[{"partnerId":"c1","partnerName":"Hof Huber","documentId":"d1","documentNumber":"LS-2026-0012","date":"2026-07-05","quantity":1500.5,"warehouseId":"w-17","tracesReference":null},
                       {"partnerId":"c2","partnerName":"Gut Lindenhof","documentId":"d2","documentNumber":"LS-2026-0013","date":"2026-07-06","quantity":2000,"warehouseId":"w-17","tracesReference":null}],
         "customers":[{"partnerId":"c1","partnerName":"Hof Huber","quantity":1500.5},{"partnerId":"c2","partnerName":"Gut Lindenhof","quantity":2000}],
         "inStock":[{"warehouseId":"w-17","quantity":20499.5}],
         "received":24000,"delivered":3500.5,"remaining":20499.5}
        """;

    private readonly ApiStub _api = new();

    private IRenderedComponent<Recall> RenderPage(string? articleId, string? lot)
    {
        Services.AddSingleton(_api.Client());
        Render<MudPopoverProvider>();
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameters("recalls", new Dictionary<string, object?> { ["articleId"] = articleId, ["lot"] = lot }));
        return Render<Recall>();
    }

    [Fact]
    public void A_link_with_article_and_lot_shows_receipts_deliveries_customers_and_totals()
    {
        _api.On("/api/v1/articles/a1", Article).On("/api/v1/recalls", Report)
            .On("/api/v1/warehouses", """{"items":[{"id":"w-17","code":"HL","name":"Hauptlager"}],"continuation":null}""");
        var cut = RenderPage("a1", "L-2026-07");

        cut.WaitForAssertion(() => cut.Find("[data-testid=recall-title]").TextContent.Should().Contain("D-100").And.Contain("L-2026-07"));
        _api.Requests.Should().Contain(u => u.AbsolutePath == "/api/v1/recalls" && u.Query.Contains("articleId=a1") && u.Query.Contains("lot=L-2026-07"));
        cut.Find("[data-testid=receipt]").TextContent.Should().Contain("WE-2026-0004").And.Contain("01.07.2026").And.Contain("Düngerwerk Nord")
            .And.Contain("24.000").And.Contain("IMPORT.EU.DE.2026.0001234");
        cut.FindAll("[data-testid=delivery]").Should().HaveCount(2);
        cut.FindAll("[data-testid=delivery]")[0].TextContent.Should().Contain("Hof Huber").And.Contain("LS-2026-0012").And.Contain("05.07.2026").And.Contain("1.500,5");
        cut.FindAll("[data-testid=recall-customer]").Select(r => r.TextContent).Should().Equal(["Hof Huber1.500,5", "Gut Lindenhof2.000"]);
        cut.Find("[data-testid=recall-received]").TextContent.Should().Be("24.000");
        cut.Find("[data-testid=recall-delivered]").TextContent.Should().Be("3.500,5");
        cut.Find("[data-testid=recall-remaining]").TextContent.Should().Be("20.499,5");
        cut.Find("[data-testid=recall-stock-row]").TextContent.Should().Contain("HL").And.Contain("20.499,5");
    }

    [Fact]
    public void An_unknown_lot_says_Charge_nicht_gefunden()
    {
        _api.On("/api/v1/articles/a1", Article)
            .On("/api/v1/recalls", """{"type":"not-found","title":"Not found","status":404,"detail":"Lot X-1 of article a1 was not found."}""", HttpStatusCode.NotFound);
        var cut = RenderPage("a1", "X-1");

        cut.WaitForAssertion(() => cut.Find("[data-testid=lot-not-found]").TextContent.Should().Contain("Charge nicht gefunden"));
        cut.FindAll("[data-testid=recall-title]").Should().BeEmpty();
        cut.FindAll("[data-testid=problem]").Should().BeEmpty("the not-found notice replaces the raw problem");
    }

    [Fact]
    public void A_field_problem_shows_at_the_lot_field()
    {
        _api.On("/api/v1/articles/a1", Article)
            .On("/api/v1/recalls", """{"type":"validation","title":"One or more fields are invalid.","status":400,"errors":{"lot":["The lot is required."]}}""", HttpStatusCode.BadRequest);
        var cut = RenderPage("a1", null);
        cut.WaitForAssertion(() => _api.Requests.Should().Contain(u => u.AbsolutePath == "/api/v1/articles/a1"));

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=problem-title]").TextContent.Should().Be("One or more fields are invalid."));
        cut.Markup.Should().Contain("The lot is required.");
        cut.FindAll("[data-testid=problem-errors]").Should().BeEmpty("the lot field shows its own message");
    }
}
