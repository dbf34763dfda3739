using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // The Functions host probes "/" until any answer arrives: the console's index.html (ConsoleSetup) answers it.
        app.MapGet("/api/healthz", () => Results.Json(new Liveness("ok")))
            .AllowAnonymous().WithTags("Health").WithName("Liveness").WithSummary("Liveness: the process answers").Returns<Liveness>();
        app.MapGet("/api/readyz", async (IRecordStore store, IConfiguration config, CancellationToken ct) =>
            {
                var storeOk = await Ready(store, ct);
                var shape = config["Runtime:Shape"] ?? (config[Hosting.RuntimeShapeSetup.CustomHandlerPort] is null ? "Local" : "Azure");
                var missing = string.Equals(shape, "Azure", StringComparison.OrdinalIgnoreCase) ? Hosting.AzureSettings.Missing(config) : [];
                var checks = new ReadinessChecks(storeOk ? "ok" : "failed", missing.Count == 0 ? "ok" : $"missing: {string.Join(", ", missing)}");
                return storeOk && missing.Count == 0
                    ? Results.Json(new Readiness("ready", checks))
                    : Results.Json(new Readiness("unavailable", checks), statusCode: 503);
            })
            .AllowAnonymous().WithTags("Health").WithName("Readiness").WithSummary("Readiness: the store answers")
            .Returns<Readiness>().Returns<Readiness>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<bool> Ready(IRecordStore store, CancellationToken ct)
    {
        try { return await store.Ping(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}

public sealed record Liveness(string Status);

public sealed record ReadinessChecks(string Store, string Settings);

/// <summary><c>ready</c> (200) or <c>unavailable</c> (503) with what failed.</summary>
public sealed record Readiness(string Status, ReadinessChecks Checks);
