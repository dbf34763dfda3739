using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

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
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "VALEO ERP API",
                    Version = "v1",
                    Description = "Multi-tenant ERP for German agricultural trade. Errors are RFC 9457 problem documents; " +
                                  "lists page with continuation tokens; updates need If-Match; POSTs accept Idempotency-Key.",
                };
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
            // Money, quantities and percentages are decimals; the default "double" would make clients round them.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) == typeof(decimal))
                    schema.Format = "decimal";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IfMatchHeader>().Any()) return Task.CompletedTask;
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The ETag of the version being replaced or deleted (412 when stale, 428 when missing).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().FirstOrDefault();
                if (scope is null) return Task.CompletedTask;
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-required-scope"] = new JsonNodeExtension(JsonValue.Create(scope.Scope));
                operation.Description = $"Requires scope `{scope.Scope}`." + (operation.Description is null ? "" : " " + operation.Description);
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [scope.Scope] }];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No or invalid bearer token (problem document)" });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token lacks scope {scope.Scope} (problem document)" });
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
        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
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
