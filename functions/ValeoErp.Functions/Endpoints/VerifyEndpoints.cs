using System.Threading.RateLimiting;
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
    private const string Policy = "verify";

    public static IServiceCollection AddVerificationLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Verify:PermitPerMinute", 30);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Write(context.HttpContext, 429, "too-many-requests", "Too many requests",
                    $"At most {perMinute} verifications a minute from one address; try again in a minute.");
            };
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    public static IEndpointRouteBuilder MapVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/verify/{code}", async (string code, Verification verification, CancellationToken ct) =>
                await verification.Find(code, ct) is { } found
                    ? Results.Json(found, ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", "No document carries this verification code."))
            .AllowAnonymous().RequireRateLimiting(Policy)
            .WithTags("Verification").WithName("VerifyDocument")
            .WithSummary("Check the QR code of a printed invoice or credit note: issuer, number, date and gross total when genuine")
            .Returns<VerifiedDocument>().NotFound()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new ResponseHeader("Retry-After", "Seconds to wait after a 429.", StatusCodes.Status429TooManyRequests));
        return app;
    }
}
