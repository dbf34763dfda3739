using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The operator console (functions/ValeoErp.Console, Blazor WebAssembly; ADR 0012) at "/" in both shapes: its files
/// are this app's static web assets, and any path outside /api that is no file gets index.html so deep links work.
/// Unknown /api paths stay a 404 problem, never the page.
/// </summary>
/// <summary>Marks the console's files: public by design (no data in them), reviewed as a group by the architecture tests.</summary>
public sealed class ConsoleFile
{
    public static ConsoleFile Instance { get; } = new();
}

public static class ConsoleSetup
{
    /// <summary>
    /// From a build (dotnet run, tests) the console's files stay in its project and obj/ folders, found through the
    /// static web assets manifest, which ASP.NET Core reads only in Development unless asked: ask in every environment.
    /// A published app (scripts/package.sh) has the files in wwwroot and no such manifest; this is then a no-op.
    /// </summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous().WithMetadata(ConsoleFile.Instance);
        // Deep links (/customers/…) get index.html; /api/… never does, so an unknown API path, a wrong method (405) or
        // a wrong content type (415) keeps its own answer.
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)).*$)}", "index.html").AllowAnonymous().WithMetadata(ConsoleFile.Instance);
        app.MapFallbackToFile("/", "index.html").AllowAnonymous().WithMetadata(ConsoleFile.Instance); // the constraint above needs a value
        return app;
    }
}
