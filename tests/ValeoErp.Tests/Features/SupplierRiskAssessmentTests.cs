using System.Net;
using System.Net.Http.Json;
using NodaTime;
using ValeoErp.Domain.Compliance;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 17: LkSG risk assessments of suppliers, added and never edited, on the injected clock (2026-11-22).</summary>
public sealed class SupplierRiskAssessmentTests
{
    private static object Assessment(string assessedOn = "2026-11-20", string risk = "medium", string? nextReviewDue = "2027-11-20", string? measures = "Lieferantenkodex unterschreiben lassen; Audit vor Ort 2027") => new
    {
        assessedOn, risk, findings = "Saisonarbeitskräfte über Subunternehmer; keine Nachweise zu Arbeitszeiten", measures, nextReviewDue,
    };

    [Fact]
    public async Task RecordedAssessment_IsListed_WithTheAssessorFromTheToken()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "lksg-list");

        var created = await trade.Client.PostAsJsonAsync($"/api/v1/partners/{trade.Farmer}/risk-assessments", Assessment());

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Json();
        var id = body.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().Should().Be($"/api/v1/partners/{trade.Farmer}/risk-assessments/{id}");
        body.GetProperty("assessedBy").GetString().Should().Be("anna");
        body.GetProperty("risk").GetString().Should().Be("medium");
        (await trade.Get(created.Headers.Location.ToString())).GetProperty("nextReviewDue").GetString().Should().Be("2027-11-20");

        var list = await trade.Get($"/api/v1/partners/{trade.Farmer}/risk-assessments");
        var item = list.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("id").GetString().Should().Be(id);
        item.GetProperty("assessedOn").GetString().Should().Be("2026-11-20");
        item.GetProperty("findings").GetString().Should().Contain("Subunternehmer");
        app.Column($"SELECT count(*) FROM outbox WHERE tenant_id = 'lksg-list' AND type = 'riskAssessment.recorded' AND subject = 'partner/{trade.Farmer}'")
            .Single().Should().Be("1", "the compliance monitor hears of it");
    }

    [Fact]
    public async Task Assessment_WithNextReviewNotAfterTheAssessment_IsRefused_AndNothingIsWritten()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "lksg-invalid");

        foreach (var due in new[] { "2026-11-19", "2026-11-20" })
        {
            var response = await trade.Client.PostAsJsonAsync($"/api/v1/partners/{trade.Farmer}/risk-assessments", Assessment(nextReviewDue: due));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Json()).GetProperty("errors").TryGetProperty("nextReviewDue", out _).Should().BeTrue();
        }
        var missing = await trade.Client.PostAsJsonAsync($"/api/v1/partners/{trade.Farmer}/risk-assessments",
            Assessment(assessedOn: "2026-11-23", risk: "high", nextReviewDue: null, measures: null));
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["nextReviewDue", "assessedOn", "measures"], "due date required, no assessment in the future, a high risk needs measures");

        (await trade.Get($"/api/v1/partners/{trade.Farmer}/risk-assessments")).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Assessment_OfACustomerOnlyPartner_IsNotFound_LikeEvidenceOfASupplier()
    {
        using var app = new ClockedApp();
        var trade = await Open(app, "lksg-customer");

        (await trade.Client.PostAsJsonAsync($"/api/v1/partners/{trade.Customer}/risk-assessments", Assessment())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.GetAsync($"/api/v1/partners/{trade.Customer}/risk-assessments")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trade.Client.GetAsync($"/api/v1/partners/{trade.Farmer}/risk-assessments/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Supplier_IsWithoutACurrentAssessment_OnceTheLastReviewIsOverdue()
    {
        var assessment = new RiskAssessment
        {
            Id = "a1", PartnerId = "s1", AssessedOn = new LocalDate(2025, 11, 22), Risk = RiskLevel.Low, Findings = "keine", NextReviewDue = new LocalDate(2026, 11, 22),
            AssessedBy = "anna", RecordedAt = Instant.FromUtc(2025, 11, 22, 9, 0),
        };

        RiskAssessment.HasCurrent([assessment], new LocalDate(2026, 11, 22)).Should().BeTrue("due today still counts");
        RiskAssessment.HasCurrent([assessment], new LocalDate(2026, 11, 23)).Should().BeFalse();
        RiskAssessment.HasCurrent([], new LocalDate(2026, 11, 22)).Should().BeFalse();
    }
}
