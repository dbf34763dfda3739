using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The OpenAPI document is generated from the endpoints themselves, so it cannot drift: each operation
/// shows its required scope (<c>x-required-scope</c> and the bearer requirement) and its problem responses.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/api/openapi/v1.json";

    public static IServiceCollection AddValeoOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            // 3.0: what API Management imports without loss and what client generators read best.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "VALEO ERP API",
                    Version = "v1",
                    Description = "Multi-tenant ERP for German agricultural trade. Errors are RFC 9457 problem documents; " +
                                  "lists page with continuation tokens; updates need If-Match; POSTs accept Idempotency-Key.",
                };
                document.Servers = []; // the gateway (API Management) or the local host decides the base address
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Entra ID token in Azure; POST /api/v1/dev/token locally.",
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                ContractDocument.UseNullableIdiom(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                ContractDocument.Describe(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                ContractDocument.DescribeSchema(schema, context);
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// True while the build writes the OpenAPI document (Microsoft.Extensions.ApiDescription.Server runs this Program
    /// inside its GetDocument.Insider tool, with a no-op server, up to the application's start).
    /// </summary>
    public static bool IsBuildTimeDocument { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>
    /// At build time the app must not touch the real store: the local shape (so the document is the one at
    /// /api/openapi/v1.json locally, dev token included), a throwaway data folder for the signing key, the embedded
    /// adapters, no trigger host. Returns whether this is the build-time run; <c>PrepareStore</c> is skipped then.
    /// </summary>
    public static bool ConfigureBuildTimeDocument(this WebApplicationBuilder builder)
    {
        if (!IsBuildTimeDocument) return false;
        var scratch = Path.Combine(Path.GetTempPath(), $"valeo-openapi-{Environment.ProcessId}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:Shape"] = nameof(RuntimeShape.Local),
            ["Storage:DataDirectory"] = scratch,
            ["Storage:Provider"] = "Sqlite",
            ["Blobs:Provider"] = "Folder",
            ["Search:Provider"] = "Fts5",
            ["Triggers:Local:Enabled"] = "false",
            ["Seed:Demo"] = "false",
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(scratch, recursive: true); }
            catch (IOException) { /* a temp folder with a throwaway key */ }
        };
        return true;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/api/openapi/{documentName:regex(^v1$)}.json").AllowAnonymous();
        return app;
    }

    /// <summary>The interactive API page (local shape only); assets are served from the package, offline.</summary>
    public static WebApplication UseApiPage(this WebApplication app, RuntimeShape shape)
    {
        if (shape == RuntimeShape.Local)
            app.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "api/docs";
                options.SwaggerEndpoint(DocumentPath, "VALEO ERP v1");
                options.DocumentTitle = "VALEO ERP API";
            });
        return app;
    }
}
