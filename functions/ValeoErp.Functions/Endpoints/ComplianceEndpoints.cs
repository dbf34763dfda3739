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
        return app;
    }
}
