namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The settings the Azure shape reads - the single list that /api/readyz checks at run time and the
/// infrastructure tests check against infra/app/functionapp.bicep, so a setting the app needs cannot be
/// forgotten in the templates. Identity-based connections only: endpoints and names, never keys.
/// </summary>
public static class AzureSettings
{
    public static IReadOnlyList<string> Required { get; } =
    [
        "Runtime__Shape",
        "Auth__Authority",
        "Auth__Audience",
        "Auth__ClientId",
        "ServiceBusConnection__fullyQualifiedNamespace",
        "CosmosDBConnection__accountEndpoint",
        "Storage__Provider",
        "Storage__DataDirectory",
        "Blobs__Provider",
        "Blobs__ServiceUri",
        "Documents__PublicBaseUrl", // the QR code on archived PDFs; the localhost fallback is never right in Azure
        "Search__Provider",
        "Search__Endpoint",
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Settings in <see cref="Required"/> that are not set (configuration keys use ':' for '__').</summary>
    public static IReadOnlyList<string> Missing(IConfiguration config) =>
        Required.Where(key => string.IsNullOrEmpty(config[key.Replace("__", ":")])).ToArray();
}
