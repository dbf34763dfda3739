using DurableTask.Core;
using ValeoErp.Application.Abstractions;
using ValeoErp.Durable;
using ValeoErp.Durable.Engine;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The Durable Task engine in the app (ADR 0016). Orchestration:Provider = Sqlite (default in the local shape: the file
/// orchestrations.db beside the store) | AzureStorage (default in the Azure shape: the task hub in the app's storage
/// account by managed identity - AzureWebJobsStorage:accountName - or Orchestration:ConnectionString for Azurite).
/// </summary>
public static class ProcessSetup
{
    public static IServiceCollection AddProcesses(this IServiceCollection services, IConfiguration config, RuntimeShape shape, bool documentOnly)
    {
        // The Azure shape uses the storage account once one is configured (readyz names it while it is missing).
        var azureStorage = !string.IsNullOrEmpty(config["AzureWebJobsStorage:accountName"]) || !string.IsNullOrEmpty(config["Orchestration:ConnectionString"]);
        var provider = config["Orchestration:Provider"] ?? (shape == RuntimeShape.Azure && azureStorage ? "AzureStorage" : "Sqlite");
        var taskHub = config["Orchestration:TaskHub"] ?? "valeo";
        if (string.Equals(provider, "AzureStorage", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp => AzureStorageEngine.Create(taskHub, config["Orchestration:ConnectionString"], config["AzureWebJobsStorage:accountName"],
                new global::Azure.Identity.DefaultAzureCredential(), sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>());
            services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>());
            services.AddSingleton<IProcessDirectory>(sp => new AzureStorageEngine.Directory(sp.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>()));
        }
        else
        {
            services.AddSingleton(sp => new SqliteOrchestrationService(Path.Combine(StorageSetup.DataDirectory(config), "orchestrations.db"),
                sp.GetRequiredService<NodaTime.IClock>(), new SqliteOrchestrationServiceOptions { TaskHubName = taskHub }));
            services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            services.AddSingleton<IProcessDirectory>(sp => new SqliteProcessDirectory(sp.GetRequiredService<SqliteOrchestrationService>()));
            services.AddSingleton<IEngineWork>(sp => new SqliteEngineWork(sp.GetRequiredService<SqliteOrchestrationService>()));
        }
        services.AddScoped<ProcessEngine>();
        services.AddScoped<ProposalDecisions>();
        foreach (var type in Processes.Consumers)
        {
            services.AddScoped(type);
            services.AddScoped(typeof(IEventConsumer), sp => sp.GetRequiredService(type));
        }
        // The build that writes the OpenAPI document runs no engine.
        if (!documentOnly) services.AddHostedService<ProcessWorker>();
        return services;
    }
}
