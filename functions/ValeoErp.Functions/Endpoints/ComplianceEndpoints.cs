using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Compliance;
using ValeoErp.Domain.Compliance;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Landhandel compliance: evidence on file per customer and the suspicious-transaction list.</summary>
public static class ComplianceEndpoints
{
    public static IEndpointRouteBuilder MapCompliance(this IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/api/v1/partners/{id}/evidence").WithTags("Compliance");
        evidence.MapGet("", async (string id, EvidenceOnFile files, CancellationToken ct) =>
                await files.List(id, ct) is { IsSuccess: true } list
                    ? Results.Json(new ListResponse<Evidence>(list.Value, null), ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", $"Customer {id} was not found."))
            .WithName("ListEvidence").WithSummary("The customer's certificates and declarations on file, with validity and scan")
            .RequireScope(Scopes.CrmRead).Returns<ListResponse<Evidence>>().NotFound();
        evidence.MapPost("", async (string id, EvidenceInput body, EvidenceOnFile files, CancellationToken ct) =>
                DocumentEndpoints.Answer(await files.Record(id, body, ct), 201, e => $"/api/v1/partners/{id}/evidence/{e.Id}/scan"))
            .WithName("RecordEvidence")
            .WithSummary("File a certificate or declaration for a customer (expertise certificate, precursor declaration, QS, other), optionally with its scan (PDF, PNG, JPEG; base64, 5 MB)")
            .RequireScope(Scopes.CrmWrite).ReturnsCreated<Evidence>(versioned: false).Invalid().NotFound();
        evidence.MapGet("{evidenceId}/scan", async (string id, string evidenceId, EvidenceOnFile files, CancellationToken ct) =>
                await files.Scan(id, evidenceId, ct) is { IsSuccess: true } found
                    ? Results.File(found.Value.Content.Content, found.Value.Evidence.Scan!.ContentType, found.Value.Evidence.Scan.FileName)
                    : Problems.Problem(404, "not-found", "Not found", $"Evidence scan {evidenceId} was not found."))
            .WithName("GetEvidenceScan").WithSummary("The scanned copy of a piece of evidence")
            .RequireScope(Scopes.CrmRead).Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "image/png", "image/jpeg").NotFound();

        app.MapGet("/api/v1/compliance/suspicious-transactions", async (PointOfSale pointOfSale, CancellationToken ct) =>
                Results.Json(new ListResponse<SuspiciousTransaction>(await pointOfSale.Suspicious(ct), null), ValeoJson.Options))
            .WithTags("Compliance").WithName("ListSuspiciousTransactions")
            .WithSummary("Refused explosive-precursor sales and unusual quantities, for the report EU 2019/1148 art. 9 asks for")
            .RequireScope(Scopes.AuditRead).Returns<ListResponse<SuspiciousTransaction>>();
        app.MapGet("/api/v1/compliance/overview", async (ComplianceMonitoring monitor, CancellationToken ct) =>
                Results.Json(await monitor.Overview(ct), ValeoJson.Options))
            .WithTags("Compliance").WithName("GetComplianceOverview")
            .WithSummary("Per area (plant protection, precursors, QS, nutrients, TRACES, LkSG, GDPR): status, open violations of the monitor, and the score with how it is computed")
            .RequireScope(Scopes.AuditRead).Returns<ComplianceOverview>();
        app.MapGet("/api/v1/compliance/overview/pdf", async (ComplianceMonitoring monitor, Application.Tenants.CompanyProfiles company, CancellationToken ct) =>
            {
                var overview = await monitor.Overview(ct);
                var name = (await company.Get(ct))?.Value.LegalName ?? "";
                return Results.File(Documents.ReportPdf.Render("Compliance-Bericht", name, overview.Date,
                    "Stand der Prüfungen im Landhandel (Pflanzenschutz, Ausgangsstoffe für Explosivstoffe, QS, Nährstoffe, TRACES, LkSG, DSGVO). " +
                    "Bewertung: 100 × (geprüfte Fälle − Fälle mit offenem Verstoß) / geprüfte Fälle.",
                    [.. overview.Areas.Select(Section)]), "application/pdf", $"compliance-{overview.Date:yyyy-MM-dd}.pdf");
            })
            .WithTags("Compliance").WithName("GetComplianceOverviewPdf").WithSummary("The compliance overview as a PDF report")
            .RequireScope(Scopes.AuditRead).Produces<Stream>(StatusCodes.Status200OK, "application/pdf");
        return app;
    }

    private static Documents.ReportSection Section(AreaStatus area) => new(
        $"{AreaName(area.Area)}: {(area.Status switch { "ok" => "in Ordnung", "violations" => "offene Verstöße", _ => "nicht geprüft" })}",
        [area.Score is { } score ? $"Bewertung {score} von 100 ({area.Checked - area.Violating} von {area.Checked} geprüften Fällen ohne Verstoß)" : "Keine Bewertung: nichts zu prüfen",
            $"Geprüft: {area.ScoreBasis}"],
        area.Open.Count == 0 ? ["Keine offenen Verstöße."] : [.. area.Open.Select(v => $"{v.Detail} (seit {v.OpenedAt.InUtc().Date:dd.MM.yyyy})")]);

    private static string AreaName(ComplianceArea area) => area switch
    {
        ComplianceArea.PlantProtection => "Pflanzenschutz (Sachkunde)",
        ComplianceArea.Precursors => "Ausgangsstoffe für Explosivstoffe (VO (EU) 2019/1148)",
        ComplianceArea.Qs => "QS und Chargen",
        ComplianceArea.Nutrients => "Nährstoffmeldung",
        ComplianceArea.Traces => "TRACES (Einfuhr)",
        ComplianceArea.Lksg => "Lieferkette (LkSG)",
        _ => "Datenschutz (DSGVO)",
    };
}
