using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Compliance;
using ValeoErp.Domain.Compliance;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Landhandel compliance, issue 17: the nutrient export for the farmers' filing and the LkSG supplier risk assessments.</summary>
public static class NutrientAndSupplierEndpoints
{
    public static IEndpointRouteBuilder MapNutrientsAndSupplierRisk(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/exports/nutrients", async (string? year, string? partnerId, NutrientExport export, CancellationToken ct) =>
                await export.Export(year, partnerId, ct) is var file && file.IsSuccess
                    ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName)
                    : Problems.From(file.Error!))
            .WithTags("Exports").WithName("ExportNutrients")
            .WithSummary("Delivered fertiliser nutrients (N, P2O5, K2O in kg) per farm and article with a farm total, from the year's delivery notes, for the farmer's filing (ENNI and similar, due 31 March); CSV with ';' and decimal comma, lines without a weight in a second section")
            .RequireScope(Scopes.SalesRead).RequireRateLimiting(RateLimits.Exports)
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv").Invalid().NotFound();

        var assessments = app.MapGroup("/api/v1/partners/{id}/risk-assessments").WithTags("Compliance");
        assessments.MapGet("", async (string id, SupplierRiskAssessments register, CancellationToken ct) =>
                await register.List(id, ct) is { IsSuccess: true } list
                    ? Results.Json(new ListResponse<RiskAssessment>(list.Value, null), ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", $"Supplier {id} was not found."))
            .WithName("ListRiskAssessments").WithSummary("The supplier's LkSG risk assessments, oldest first")
            .RequireScope(Scopes.CrmRead).Returns<ListResponse<RiskAssessment>>().NotFound();
        assessments.MapPost("", async (string id, RiskAssessmentInput body, SupplierRiskAssessments register, CancellationToken ct) =>
                DocumentEndpoints.Answer(await register.Record(id, body, ct), 201, a => $"/api/v1/partners/{id}/risk-assessments/{a.Id}"))
            .WithName("RecordRiskAssessment")
            .WithSummary("Record an LkSG risk assessment of a supplier (risk, findings, measures, next review due); added, never edited, the assessor is the caller")
            .RequireScope(Scopes.CrmWrite).ReturnsCreated<RiskAssessment>(versioned: false).Invalid().NotFound();
        assessments.MapGet("{assessmentId}", async (string id, string assessmentId, SupplierRiskAssessments register, CancellationToken ct) =>
                DocumentEndpoints.Answer(await register.Get(id, assessmentId, ct)))
            .WithName("GetRiskAssessment").WithSummary("One LkSG risk assessment of a supplier")
            .RequireScope(Scopes.CrmRead).Returns<RiskAssessment>().NotFound();
        return app;
    }
}
