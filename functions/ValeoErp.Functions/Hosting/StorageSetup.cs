using NodaTime;
using ValeoErp.Application;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Storage.Sqlite;

namespace ValeoErp.Functions.Hosting;

public static class StorageSetup
{
    /// <summary>Storage:DataDirectory (env Storage__DataDirectory), default <c>.valeo</c> in the working directory.</summary>
    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Storage:DataDirectory"] is { Length: > 0 } dir ? dir : ".valeo");

    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new SqliteDatabase(DataDirectory(config)));
        services.AddSingleton<IRecordStore, SqliteRecordStore>();
        services.AddSingleton<ITenantTransfer, SqliteTenantTransfer>();
        services.AddBlobStore(config);
        services.TryAddClock();
        return services;
    }

    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        foreach (var feature in Features.All) services.AddScoped(feature);
        return services;
    }

    /// <summary>
    /// Before the first request: migrate the schema (milliseconds when current) and, in the local shape
    /// only, seed the demo tenant into an empty store. The Azure shape never seeds at start.
    /// </summary>
    public static async Task PrepareStore(this WebApplication app, RuntimeShape shape)
    {
        var db = app.Services.GetRequiredService<SqliteDatabase>();
        await db.Migrate(app.Services.GetRequiredService<IClock>(), CancellationToken.None);
        if (shape != RuntimeShape.Local || app.Configuration.GetValue("Seed:Demo", true) is false) return;

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().Actor =
            new Actor(DemoSeed.Tenant, "system", new HashSet<string>());
        if (await scope.ServiceProvider.GetRequiredService<DemoSeed>().Apply(CancellationToken.None))
            app.Logger.LogInformation("Seeded the demo tenant '{Tenant}'", DemoSeed.Tenant);
    }

    /// <summary>Blobs:Provider = Folder (default, under the data directory) | Azure (Blobs:ServiceUri with managed identity,
    /// or Blobs:ConnectionString, e.g. UseDevelopmentStorage=true for Azurite).</summary>
    private static void AddBlobStore(this IServiceCollection services, IConfiguration config)
    {
        if (string.Equals(config["Blobs:Provider"], "Azure", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IBlobStore>(_ => new Azure.AzureBlobStore(config["Blobs:ConnectionString"] is { Length: > 0 } connection
                ? new global::Azure.Storage.Blobs.BlobServiceClient(connection)
                : new global::Azure.Storage.Blobs.BlobServiceClient(new Uri(config["Blobs:ServiceUri"]!), new global::Azure.Identity.DefaultAzureCredential())));
        else
            services.AddSingleton<IBlobStore>(_ => new FolderBlobStore(Path.Combine(DataDirectory(config), "blobs")));
    }

    private static void TryAddClock(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(IClock))) services.AddSingleton<IClock>(SystemClock.Instance);
    }
}
