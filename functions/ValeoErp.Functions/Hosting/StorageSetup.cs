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

    public static bool UsesCosmos(IConfiguration config) =>
        string.Equals(config["Storage:Provider"], "Cosmos", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Storage:Provider = Sqlite (default, the embedded file) | Cosmos (see <see cref="CosmosStorage"/>). The SQLite
    /// file is there either way: the local bus and the FTS5 index live in it.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new SqliteDatabase(DataDirectory(config)));
        if (UsesCosmos(config))
        {
            services.AddSingleton<CosmosStorage>();
            services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<CosmosStorage>().Store);
            services.AddSingleton<ITenantTransfer>(sp => sp.GetRequiredService<CosmosStorage>().Transfer);
            services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<CosmosStorage>().Outbox);
        }
        else
        {
            services.AddSingleton<IRecordStore, SqliteRecordStore>();
            services.AddSingleton<ITenantTransfer, SqliteTenantTransfer>();
            services.AddSingleton<IOutbox, SqliteOutbox>();
        }
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
    /// Before the first request: migrate the SQLite schema (milliseconds when current), create the Cosmos database
    /// where configured for local use and, in the local shape only, seed the demo tenant into an empty store.
    /// The Azure shape never seeds at start.
    /// </summary>
    public static async Task PrepareStore(this WebApplication app, RuntimeShape shape)
    {
        var db = app.Services.GetRequiredService<SqliteDatabase>();
        await db.Migrate(app.Services.GetRequiredService<IClock>(), CancellationToken.None);
        if (app.Services.GetService<CosmosStorage>() is { } cosmos) await cosmos.EnsureCreated(CancellationToken.None);
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
