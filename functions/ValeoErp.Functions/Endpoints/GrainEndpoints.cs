using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Grain;
using ValeoErp.Domain.Grain;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Grain intake (Getreideannahme): contracts with farmers, weighbridge tickets and their transparent settlement.</summary>
public static class GrainEndpoints
{
    public static IEndpointRouteBuilder MapGrain(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/v1/grain/contracts").WithTags("Grain");
        contracts.MapGet("", async (string? farmerId, GrainContracts all, CancellationToken ct) =>
                Results.Json(new ListResponse<GrainContract>(await all.List(farmerId, ct), null), ValeoJson.Options))
            .WithName("ListGrainContracts").WithSummary("Grain purchase contracts, optionally of one farmer")
            .RequireScope(Scopes.PurchaseRead).Returns<ListResponse<GrainContract>>();
        contracts.MapGet("{id}", async (string id, GrainContracts all, CancellationToken ct) => DocumentEndpoints.Answer(await all.Get(id, ct)))
            .WithName("GetGrainContract").WithSummary("A grain purchase contract").RequireScope(Scopes.PurchaseRead).Returns<GrainContract>().NotFound();
        contracts.MapPost("", async (GrainContractInput body, GrainContracts all, CancellationToken ct) =>
                DocumentEndpoints.Answer(await all.Create(body, ct), 201, c => $"/api/v1/grain/contracts/{c.Id}"))
            .WithName("CreateGrainContract")
            .WithSummary("Contract with a farmer: crop, grain article, price and quantity, quality base and premium/discount table (defaults per crop)")
            .RequireScope(Scopes.PurchaseWrite).ReturnsCreated<GrainContract>(versioned: false).Invalid();

        var intakes = app.MapGroup("/api/v1/grain/intakes").WithTags("Grain");
        intakes.MapGet("", async (int? year, string? farmerId, GrainIntakes all, Ledger ledger, CancellationToken ct) =>
                year is < 2000 or > 2100
                    ? Problems.Problem(400, "validation", "Invalid input", "year must be from 2000 to 2100.")
                    : Results.Json(new ListResponse<GrainIntake>(await all.List(year ?? ledger.Today.Year, farmerId, ct), null), ValeoJson.Options))
            .WithName("ListGrainIntakes").WithSummary("Intake tickets of a year (default: this year), optionally of one farmer")
            .RequireScope(Scopes.PurchaseRead).Returns<ListResponse<GrainIntake>>().Invalid();
        intakes.MapGet("{id}", async (string id, GrainIntakes all, CancellationToken ct) =>
                await all.Get(id, ct) is { IsSuccess: true } found ? Results.Json(found.Value.Value, ValeoJson.Options) : Problems.From(new Domain.Common.NotFound("Grain intake", id)))
            .WithName("GetGrainIntake").WithSummary("An intake ticket with its sample and, once settled, every settlement step")
            .RequireScope(Scopes.PurchaseRead).Returns<GrainIntake>().NotFound();
        intakes.MapPost("", async (GrainIntakeInput body, GrainIntakes all, CancellationToken ct) =>
                DocumentEndpoints.Answer(await all.Create(body, ct), 201, i => $"/api/v1/grain/intakes/{i.Id}"))
            .WithName("CreateGrainIntake").WithSummary("Weighbridge ticket: farmer, crop, optional contract, gross/tare weight and the sample values")
            .RequireScope(Scopes.PurchaseWrite).ReturnsCreated<GrainIntake>(versioned: false).Invalid();
        intakes.MapPost("{id}/settlement", async (string id, GrainSettlementInput? body, GrainSettlements settlements, HttpContext http, CancellationToken ct) =>
                body is null && DocumentEndpoints.HasForeignBody(http.Request)
                    ? Problems.Problem(415, "unsupported-media-type", "Unsupported media type", "The body of a settlement is optional; when sent, it is application/json.")
                    : DocumentEndpoints.Answer(http, await settlements.Settle(id, body ?? new GrainSettlementInput(), ct)))
            .WithName("SettleGrainIntake")
            .WithSummary("Settle the intake as a posted self-billed credit note (Gutschrift) showing every step; repeated calls answer the same settlement")
            .RequireScope(Scopes.PurchasePost).Returns<DocumentView>().ReturnsCreated<DocumentView>(versioned: true).WithETag().Invalid().NotFound()
            .Conflicts("date-before-intake", "fiscal-year-mismatch", "farmer-missing", "article-missing", "vat-rate-missing", GrainSettlement.DeductionsExceedWeight,
                "period-closed", "insufficient-stock", "stock-year-carried-forward", "concurrent-write");
        return app;
    }
}
