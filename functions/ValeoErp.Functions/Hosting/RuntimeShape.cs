namespace ValeoErp.Functions.Hosting;

/// <summary>
/// One binary, two shapes (docs/adr/0001): <c>Local</c> is the embedded default with the dev token
/// endpoint and the API page; <c>Azure</c> is the Functions custom handler behind the host.
/// </summary>
public enum RuntimeShape { Local, Azure }

public static class RuntimeShapeSetup
{
    public const string CustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string LocalUrl = "http://localhost:7071";

    /// <summary>
    /// The Functions host announces itself through FUNCTIONS_CUSTOMHANDLER_PORT; without it we are local.
    /// <c>Runtime:Shape</c> overrides the guess (e.g. to run the Azure shape on a laptop).
    /// </summary>
    public static RuntimeShape ConfigureRuntimeShape(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // The Functions host starts the handler in the function app root, not in handler/ where appsettings.json was
        // published: read it from beside the executable then (lowest priority), or its log levels - which keep request
        // lines with query strings, i.e. search terms and names, out of the logs - would not apply in Azure.
        var published = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(published) && !File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
            config.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json", Optional = true, ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        var port = config[CustomHandlerPort];
        var shape = Enum.TryParse<RuntimeShape>(config["Runtime:Shape"], ignoreCase: true, out var configured)
            ? configured
            : port is null ? RuntimeShape.Local : RuntimeShape.Azure;

        if (port is not null) builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        else if (string.IsNullOrEmpty(config["urls"])) builder.WebHost.UseUrls(LocalUrl);
        return shape;
    }
}
