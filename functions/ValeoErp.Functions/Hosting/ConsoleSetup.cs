using Microsoft.Extensions.FileProviders;
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
        // A build manifest makes MapStaticAssets add a GET "{**path:file}" endpoint for files added after the build;
        // routing then answers a POST to an unknown /api path with 405 instead of 404. The console needs no such files.
        builder.Configuration.AddInMemoryCollection([new("DisableStaticAssetNotFoundRuntimeFallback", "true")]);
        // The Functions host starts the handler in the function app root, one folder above handler/ where a publish
        // put wwwroot: the content root (the working directory) has no console then, so serve the published files.
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published) && !Directory.Exists(Path.Combine(builder.Environment.ContentRootPath, "wwwroot")))
        {
            builder.Environment.WebRootPath = published;
            builder.Environment.WebRootFileProvider = new PhysicalFileProvider(published);
        }
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app, RuntimeShape shape)
    {
        app.MapStaticAssets().AllowAnonymous().WithMetadata(ConsoleFile.Instance);
        // The console reads how to sign in from a file beside it, written from this host's settings so one build
        // serves both shapes: the dev-token sign-in locally, Entra ID in Azure.
        app.MapGet("/console-settings.json", (IConfiguration config) => Results.Json(ConsoleSettings.For(shape, config)))
            .AllowAnonymous().WithMetadata(ConsoleFile.Instance).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Deep links (/customers/…) get index.html when routing found no endpoint at all. Not a routing fallback: a
    /// fallback candidate would turn an API's 405 (wrong method) or 415 (wrong content type) into its own answer.
    /// /api paths and file-like paths never get the page.
    /// </summary>
    public static WebApplication UseConsolePages(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        app.Use(next => async http =>
        {
            var path = http.Request.Path;
            if (http.GetEndpoint() is null && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && !path.StartsWithSegments("/api") && !Path.HasExtension(path.Value) && index.Exists)
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                if (HttpMethods.IsGet(http.Request.Method)) await http.Response.SendFileAsync(index);
                return;
            }
            await next(http);
        });
        return app;
    }
}

/// <summary>
/// What the console needs to sign in (public values only: no secret belongs in a single-page application).
/// Entra ID: the authorization code flow with PKCE against the tenant's v2.0 authority, asking for the API's scope.
/// </summary>
public sealed record ConsoleSettings(ConsoleAuthSettings Auth)
{
    public static ConsoleSettings For(RuntimeShape shape, IConfiguration config) => shape == RuntimeShape.Local
        ? new(new ConsoleAuthSettings("dev", null, null, null))
        : new(new ConsoleAuthSettings("entra", config["Auth:Authority"], config["Auth:ConsoleClientId"] is { Length: > 0 } id ? id : null,
            config["Auth:ConsoleScope"] is { Length: > 0 } scope ? scope
            : config["Auth:Audience"] is { Length: > 0 } audience ? $"{audience.TrimEnd('/')}/.default" : null));
}

public sealed record ConsoleAuthSettings(string Mode, string? Authority, string? ClientId, string? Scope);
