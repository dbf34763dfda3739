using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ValeoErp.Ui.Pages;

namespace ValeoErp.Tests.Ui;

/// <summary>The compliance page: one card per area with status, score and open violations, the formula once, the PDF, the suspicious list.</summary>
public sealed class CompliancePageTests : UiTestContext
{
    private const string Overview = """
        {"date":"2026-12-02","scoreFormula":"score = 100 x (subjects checked - subjects with an open violation) / subjects checked",
         "areas":[
          {"area":"plantProtection","status":"violations","score":50,"scoreBasis":"2 Kunden mit Pflanzenschutzmitteln","checked":2,"violating":1,
           "open":[{"key":"pp:c1","area":"plantProtection","rule":"sachkunde-missing","subject":"c1","detail":"Landwirt Huber: kein gültiger Sachkundenachweis",
                    "openedAt":"2026-11-30T08:00:00Z","resolvedAt":null}]},
          {"area":"precursors","status":"ok","score":100,"scoreBasis":"3 Verkäufe","checked":3,"violating":0,"open":[]},
          {"area":"gdpr","status":"notChecked","score":null,"scoreBasis":"nichts","checked":0,"violating":0,"open":[]}]}
        """;

    private const string Suspicious = """
        {"items":[{"id":"s1","kind":"refusedAttempt","partnerId":"c7","partnerName":"Max Muster","documentId":"o1","rule":"precursor-declaration-missing",
                   "detail":"Ammoniumnitrat ohne Erklärung","recordedBy":"verkauf","recordedAt":"2026-12-01T10:00:00Z"}],"continuation":null}
        """;

    private readonly ApiStub _api = new();

    private IRenderedComponent<Compliance> RenderPage()
    {
        Services.AddSingleton(_api.Client());
        Render<MudPopoverProvider>();
        return Render<Compliance>();
    }

    [Fact]
    public void Shows_each_area_with_its_German_name_status_score_and_open_violations()
    {
        _api.On("/api/v1/compliance/overview", Overview).On("/api/v1/compliance/suspicious-transactions", """{"items":[],"continuation":null}""");
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=area-]").Should().NotBeEmpty());
        var plant = cut.Find("[data-testid=area-PlantProtection]");
        plant.TextContent.Should().Contain("Pflanzenschutz (Sachkunde)").And.Contain("Offene Verstöße").And.Contain("50 von 100")
            .And.Contain("1 von 2 geprüften Fällen ohne Verstoß");
        plant.QuerySelector("[data-testid=violation]")!.TextContent.Should().Contain("kein gültiger Sachkundenachweis").And.Contain("30.11.2026");
        cut.Find("[data-testid=area-Precursors]").TextContent.Should().Contain("Ausgangsstoffe (VO 2019/1148)").And.Contain("In Ordnung").And.Contain("Keine offenen Verstöße.");
        cut.Find("[data-testid=area-Gdpr]").TextContent.Should().Contain("Datenschutz").And.Contain("Nicht geprüft").And.Contain("Keine Bewertung");
        cut.FindAll("[data-testid=score-formula]").Should().ContainSingle().Which.TextContent.Should().Contain("100 × (geprüfte Fälle");
        cut.Find("[data-testid=compliance-date]").TextContent.Should().Contain("02.12.2026");
    }

    [Fact]
    public void Lists_the_suspicious_transactions()
    {
        _api.On("/api/v1/compliance/overview", Overview).On("/api/v1/compliance/suspicious-transactions", Suspicious);
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suspicious-row]").Should().ContainSingle());
        var row = cut.Find("[data-testid=suspicious-row]");
        row.TextContent.Should().Contain("Abgelehnter Kaufversuch").And.Contain("Max Muster").And.Contain("Ammoniumnitrat ohne Erklärung");
        row.QuerySelector("a")!.GetAttribute("href").Should().Be("customers/c7");
    }

    [Fact]
    public void The_report_button_downloads_the_PDF_through_the_client()
    {
        _api.On("/api/v1/compliance/overview", Overview).On("/api/v1/compliance/suspicious-transactions", Suspicious)
            .On("/api/v1/compliance/overview/pdf", "%PDF-1.7");
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=area-PlantProtection]").Should().NotBeEmpty());

        cut.Find("[data-testid=compliance-pdf]").Click();

        cut.WaitForAssertion(() => JSInterop.VerifyInvoke("valeo.download").Arguments.Take(2).Should().Equal("compliance-2026-12-02.pdf", "application/pdf"));
        _api.Requests.Should().Contain(u => u.AbsolutePath == "/api/v1/compliance/overview/pdf");
    }

    [Fact]
    public void A_refused_overview_shows_the_problem_and_still_the_suspicious_list()
    {
        _api.On("/api/v1/compliance/overview", """{"type":"forbidden","title":"Forbidden","status":403}""", HttpStatusCode.Forbidden)
            .On("/api/v1/compliance/suspicious-transactions", Suspicious);
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=problem]"));
        cut.FindAll("[data-testid^=area-]").Should().BeEmpty();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suspicious-row]").Should().ContainSingle());
    }
}
