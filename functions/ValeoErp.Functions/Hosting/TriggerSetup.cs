using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Audit;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using ValeoErp.Functions.Triggers;
using ValeoErp.Storage.Sqlite;

namespace ValeoErp.Functions.Hosting;

/// <summary>The event backbone: outbox, bus, consumers, and - in the local shape - the runner that plays the Functions host.</summary>
public static class TriggerSetup
{
    public static IServiceCollection AddEventBackbone(this IServiceCollection services, IConfiguration config, RuntimeShape shape, IHostEnvironment environment)
    {
        if (environment.IsEnvironment("Testing")) services.AddSingleton<ConsumerFaults>();
        // Loaded on first use, not while the host starts: nothing here is needed for the first request.
        services.AddSingleton(_ => MessagingModel.Load(Path.Combine(AppContext.BaseDirectory, "messaging.json")));
        services.AddSingleton(_ => FunctionCatalog.Load(FunctionCatalog.DefaultRoot));
        services.AddSingleton<SqliteLocalBus>();
        // Service Bus when configured: the namespace with managed identity (Azure shape), or a connection string
        // (the emulator in CI, `...;UseDevelopmentEmulator=true`); otherwise the local bus.
        if (ServiceBusClientFor(config, shape) is { } client)
            services.AddSingleton<IEventPublisher>(_ => new Azure.ServiceBusPublisher(client().CreateSender(Envelopes.Topic)));
        else
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SqliteLocalBus>());
        services.AddSingleton<ILocalQueue>(sp => sp.GetRequiredService<SqliteLocalBus>());
        // Search:Provider = Fts5 (default, in the SQLite file) | AzureAISearch (Search:Endpoint, managed identity).
        if (string.Equals(config["Search:Provider"], "AzureAISearch", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<ISearchIndex>(_ => new Azure.AzureSearchIndex(
                new global::Azure.Search.Documents.Indexes.SearchIndexClient(new Uri(config["Search:Endpoint"]!), new global::Azure.Identity.DefaultAzureCredential()),
                config["Search:IndexName"] ?? "valeo"));
        else
            services.AddSingleton<ISearchIndex, Fts5SearchIndex>();
        services.AddScoped<IEventConsumer, Application.Search.SearchIndexer>();
        services.AddScoped<IEventConsumer, AuditChain>();
        services.AddScoped<AuditChain>();
        services.AddSingleton<LocalTriggerRunner>();
        if (shape == RuntimeShape.Local && config.GetValue("Triggers:Local:Enabled", true))
            services.AddHostedService<LocalTriggerHost>();
        return services;
    }

    private static Func<global::Azure.Messaging.ServiceBus.ServiceBusClient>? ServiceBusClientFor(IConfiguration config, RuntimeShape shape)
    {
        var options = new global::Azure.Messaging.ServiceBus.ServiceBusClientOptions { Identifier = "valeo-erp-outbox" };
        if (config["ServiceBusConnection"] is { Length: > 0 } connectionString)
            return () => new global::Azure.Messaging.ServiceBus.ServiceBusClient(connectionString, options);
        if (shape == RuntimeShape.Azure && config["ServiceBusConnection:fullyQualifiedNamespace"] is { Length: > 0 } ns)
            return () => new global::Azure.Messaging.ServiceBus.ServiceBusClient(ns, new global::Azure.Identity.DefaultAzureCredential(), options);
        return null;
    }

    public static IEndpointRouteBuilder MapEventBackbone(this IEndpointRouteBuilder app)
    {
        app.MapServiceBusTrigger("AuditChain");
        app.MapServiceBusTrigger("OrderToCash");
        app.MapServiceBusTrigger("Approvals");
        app.MapServiceBusTrigger("Reorder");
        app.MapServiceBusTrigger("SearchIndexer");
        app.MapTrigger("OutboxRelay", async (envelope, services, ct) =>
        {
            var documents = envelope.Binding("documents") as System.Text.Json.Nodes.JsonArray ?? [];
            var ids = documents.OfType<System.Text.Json.Nodes.JsonObject>()
                .Where(d => d["type"]?.GetValue<string>() is null or "outbox" && d["publishedAt"] is null)
                .Select(d => d["id"]?.GetValue<string>()).OfType<string>().ToArray();
            return $"relayed {await services.GetRequiredService<LocalTriggerRunner>().RelayChanged(ids, ct)} of {documents.Count} changed documents";
        });
        app.MapTimerTrigger("DailyBackup", (services, ct) => services.GetRequiredService<Application.Operations.Backups>().BackupAll(ct));
        app.MapTimerTrigger("RetentionSweep", async (services, ct) =>
        {
            var tenants = await services.GetRequiredService<ITenantTransfer>().Tenants(ct);
            var cleared = 0;
            foreach (var tenant in tenants)
            {
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<RequestContext>().Actor = new Actor(tenant, "system", new HashSet<string>());
                cleared += await scope.ServiceProvider.GetRequiredService<Application.Privacy.RetentionSweep>().Sweep(ct);
            }
            return $"checked {tenants.Count} tenants, pseudonymised {cleared} documents whose retention ran out";
        });
        app.MapTimerTrigger("ComplianceMonitor", async (services, ct) =>
        {
            var tenants = await services.GetRequiredService<ITenantTransfer>().Tenants(ct);
            int opened = 0, resolved = 0, open = 0;
            foreach (var tenant in tenants)
            {
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<RequestContext>().Actor = new Actor(tenant, "system", new HashSet<string>());
                var run = await scope.ServiceProvider.GetRequiredService<Application.Compliance.ComplianceMonitoring>().Run(ct);
                (opened, resolved, open) = (opened + run.Opened, resolved + run.Resolved, open + run.Open);
            }
            return $"checked {tenants.Count} tenants: {opened} new violations, {resolved} resolved, {open} open";
        });
        app.MapTimerTrigger("OutboxSweep", async (services, ct) =>
            $"relayed {await services.GetRequiredService<LocalTriggerRunner>().Relay(ct)} events");

        app.MapGet("/api/v1/audit/verify", async (AuditChain chain, CancellationToken ct) =>
                Results.Json(await chain.Verify(ct), ValeoJson.Options))
            .WithTags("Audit").WithName("VerifyAuditChain").WithSummary("Recompute the tenant's hash chain; names the first broken entry")
            .RequireScope(Scopes.AuditRead).Returns<ChainVerification>();

        var backups = app.MapGroup("/api/v1/admin/backups").WithTags("Administration");
        backups.MapPost("", async (Application.Operations.Backups service, RequestContext context, CancellationToken ct) =>
                DocumentEndpoints.Answer(Domain.Common.Result<Application.Operations.BackupManifest>.Ok(await service.Backup(context.Actor.Tenant, ct)),
                    201, m => $"/api/v1/admin/backups/{m.Id}"))
            .WithName("BackupTenant").WithSummary("Back up the tenant now (the daily timer does it for every tenant)")
            .RequireScope(Scopes.Admin).ReturnsCreated<Application.Operations.BackupManifest>(versioned: false).RequireRateLimiting(RateLimits.Exports);
        backups.MapGet("{id}", async (string id, Application.Operations.Backups service, RequestContext context, CancellationToken ct) =>
                await service.Manifest(context.Actor.Tenant, id, ct) is { } manifest
                    ? Results.Json(manifest, ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", $"Backup {id} was not found."))
            .WithName("GetBackup").WithSummary("The manifest of one backup: its files with SHA-256, size and line count")
            .RequireScope(Scopes.Admin).Returns<Application.Operations.BackupManifest>().NotFound();
        backups.MapGet("", async (Application.Operations.Backups service, RequestContext context, CancellationToken ct) =>
                Results.Json(new ListResponse<string>(await service.List(context.Actor.Tenant, ct), null), ValeoJson.Options))
            .WithName("ListBackups").WithSummary("Ids of the tenant's backups, oldest first").RequireScope(Scopes.Admin).Returns<ListResponse<string>>();

        var admin = app.MapGroup("/api/v1/admin/dead-letters").WithTags("Administration");
        admin.MapGet("", async (ILocalQueue queue, RequestContext context, CancellationToken ct) =>
                Results.Json(new ListResponse<DeadLetter>(await queue.DeadLetters(context.Actor.Tenant, ct), null), ValeoJson.Options))
            .WithName("ListDeadLetters").WithSummary("Messages that failed maxDeliveryCount times, with the last error")
            .RequireScope(Scopes.Admin).Returns<ListResponse<DeadLetter>>();
        admin.MapPost("{id:long}/replay", async (long id, ILocalQueue queue, RequestContext context, IClock clock, CancellationToken ct) =>
                await queue.Replay(context.Actor.Tenant, id, clock.GetCurrentInstant(), ct)
                    ? Results.Json(new ReplayedDeadLetter(id), ValeoJson.Options)
                    : Problems.Problem(404, "not-found", "Not found", $"Dead letter {id} was not found."))
            .WithName("ReplayDeadLetter").WithSummary("Put a dead-lettered message back on its subscription for one more round of deliveries")
            .RequireScope(Scopes.Admin).Returns<ReplayedDeadLetter>().NotFound();
        return app;
    }
}

/// <summary>The answer to a replay: the dead letter that went back on its subscription.</summary>
public sealed record ReplayedDeadLetter(long Replayed);
