using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // The Functions host probes "/" until any answer arrives; keep it trivial.
        app.MapGet("/", () => Results.Text("VALEO ERP")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/healthz", () => Results.Json(new { status = "ok" }))
            .AllowAnonymous().WithTags("Health").WithName("Liveness").WithSummary("Liveness: the process answers");
        app.MapGet("/api/readyz", async (IRecordStore store, IConfiguration config, CancellationToken ct) =>
            {
                var storeOk = await Ready(store, ct);
                var shape = config["Runtime:Shape"] ?? (config[Hosting.RuntimeShapeSetup.CustomHandlerPort] is null ? "Local" : "Azure");
                var missing = string.Equals(shape, "Azure", StringComparison.OrdinalIgnoreCase) ? Hosting.AzureSettings.Missing(config) : [];
                var checks = new { store = storeOk ? "ok" : "failed", settings = missing.Count == 0 ? "ok" : $"missing: {string.Join(", ", missing)}" };
                return storeOk && missing.Count == 0
                    ? Results.Json(new { status = "ready", checks })
                    : Results.Json(new { status = "unavailable", checks }, statusCode: 503);
            })
            .AllowAnonymous().WithTags("Health").WithName("Readiness").WithSummary("Readiness: the store answers");
        return app;
    }

    private static async Task<bool> Ready(IRecordStore store, CancellationToken ct)
    {
        try { return await store.Ping(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}
