using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ValeoErp.Client;
using ValeoErp.Ui.Pages;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

/// <summary>A customer's page lists the evidence on file and whether each piece is valid today.</summary>
public sealed class PartnerEvidenceTests : UiTestContext
{
    private const string Customer = """
        {"id":"c1","number":10001,"name":"Hof Huber","address":{"street":"Dorfstr. 1","postalCode":"12345","city":"Musterdorf","country":"DE"},
         "taxTreatment":"domestic","paymentTerms":{"netDays":30,"discountDays":10,"discountPercent":2}}
        """;

    [Fact]
    public async Task Lists_type_number_issuer_validity_and_whether_valid_today()
    {
        var api = new ApiStub().On("/api/v1/customers/c1", Customer).On("/api/v1/partners/c1/evidence", """
            {"items":[
              {"id":"e1","partnerId":"c1","type":"plantProtectionCertificate","number":"SK-4711","issuer":"LWK Niedersachsen","validFrom":"2020-01-01","validTo":null,
               "recordedBy":"verkauf","recordedAt":"2026-01-02T09:00:00Z"},
              {"id":"e2","partnerId":"c1","type":"precursorDeclaration","number":"E-1","issuer":"Hof Huber","validFrom":"2024-01-01","validTo":"2024-12-31",
               "recordedBy":"verkauf","recordedAt":"2024-01-02T09:00:00Z"}],"continuation":null}
            """);
        Services.AddSingleton(api.Client());
        await Services.GetRequiredService<Session>().SignIn("t", new Me { UserId = "verkauf", Tenant = "demo", Roles = ["sales"], Scopes = ["crm:read"] });
        Services.GetRequiredService<NavigationManager>().NavigateTo("customers/c1");
        Render<MudPopoverProvider>();

        var cut = Render<PartnerEdit>(p => p.Add(x => x.Id, "c1"));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=evidence-row]").Should().HaveCount(2));
        var rows = cut.FindAll("[data-testid=evidence-row]");
        rows[0].TextContent.Should().Contain("Sachkundenachweis Pflanzenschutz").And.Contain("SK-4711").And.Contain("LWK Niedersachsen").And.Contain("01.01.2020");
        rows[0].QuerySelector("[data-testid=evidence-valid]")!.TextContent.Should().Be("Ja");
        rows[1].TextContent.Should().Contain("Erklärung Ausgangsstoffe").And.Contain("31.12.2024");
        rows[1].QuerySelector("[data-testid=evidence-valid]")!.TextContent.Should().Be("Nein");
    }
}
