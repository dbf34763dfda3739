using System.Globalization;
using System.Threading.RateLimiting;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Http;

/// <summary>
/// ASP.NET Core's rate limiter, per user and tenant (never per address: a whole office shares one): every API call
/// counts against <c>RateLimits:ApiPerMinute</c>, exports and backups also against the stricter
/// <c>RateLimits:ExportsPerMinute</c>; the anonymous document verification counts per client address. A rejected call
/// answers 429 as a problem document with Retry-After and changes nothing. 0 switches a limit off (benchmarks).
/// In Azure, API Management's policies limit before the app; these limits hold in both shapes.
/// </summary>
public static class RateLimits
{
    public const string Exports = "exports", Verify = "verify";

    public sealed record Limits(int ApiPerMinute, int ExportsPerMinute, int VerifyPerMinute);

    public static Limits Read(IConfiguration config) => new(
        config.GetValue("RateLimits:ApiPerMinute", 1200),
        config.GetValue("RateLimits:ExportsPerMinute", 10),
        config.GetValue("Verify:PermitPerMinute", 30));

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = Read(config);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName switch
                {
                    Verify => $"At most {limits.VerifyPerMinute} verifications a minute from one address",
                    Exports => $"At most {limits.ExportsPerMinute} exports and backups a minute per user",
                    _ => $"At most {limits.ApiPerMinute} API calls a minute per user",
                };
                await Problems.Write(context.HttpContext, 429, "too-many-requests", "Too many requests", $"{detail}; try again in {seconds} s.");
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                User(http) is { } user && limits.ApiPerMinute > 0 ? PerMinute("api:" + user, limits.ApiPerMinute) : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Exports, http =>
                User(http) is { } user && limits.ExportsPerMinute > 0 ? PerMinute("exports:" + user, limits.ExportsPerMinute) : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Verify, http => limits.VerifyPerMinute > 0
                ? PerMinute("verify:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local"), limits.VerifyPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
        });
    }

    /// <summary>Tenant and user of an authenticated API call; anonymous calls (console files, host triggers) are not counted here.</summary>
    private static string? User(HttpContext http) =>
        http.RequestServices.GetRequiredService<RequestContext>() is { HasActor: true } context
            ? $"{context.Actor.Tenant.Value}/{context.Actor.UserId}" : null;

    private static RateLimitPartition<string> PerMinute(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
