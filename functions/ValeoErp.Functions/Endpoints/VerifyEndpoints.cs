using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>
/// Public verification of a printed document through the QR code on it: no token, rate-limited per client
/// address (in Azure, API Management's policy limits before the app), and only issuer, number, date and total.
/// </summary>
public static class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/verify/{code}", async (string code, Verification verification, CancellationToken ct) =>
                await verification.Find(code, ct) is { } found
                    ? Results.Json(found, ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", "No document carries this verification code."))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .WithTags("Verification").WithName("VerifyDocument")
            .WithSummary("Check the QR code of a printed invoice or credit note: issuer, number, date and gross total when genuine")
            .Returns<VerifiedDocument>().NotFound()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }
}
