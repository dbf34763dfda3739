using Azure.Core;
using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// The engine's store in the Azure shape: DurableTask.AzureStorage - the provider Durable Functions uses by default -
/// with its task hub (queues, tables, blobs) in the app's storage account, reached by managed identity; or by a
/// connection string for Azurite in CI.
/// </summary>
public static class AzureStorageEngine
{
    public static AzureStorageOrchestrationService Create(string taskHub, string? connectionString, string? accountName, TokenCredential? credential,
        ILoggerFactory loggers)
    {
        var account = connectionString is { Length: > 0 }
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(accountName ?? throw new InvalidOperationException("Orchestration: neither a connection string nor an account name is configured."),
                credential ?? throw new InvalidOperationException("Orchestration: an account name needs a credential."));
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = account,
            LoggerFactory = loggers,
            // A second start of an active instance is refused, as on the SQLite service.
            ThrowExceptionOnInvalidDedupeStatus = true,
            // Our processes wait for people and events: poll the queues at most every 2 s when idle, not every 30 s.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(2),
        });
    }

    /// <summary>Instance listing by prefix through the provider's instance table query.</summary>
    public sealed class Directory(AzureStorageOrchestrationService service) : IProcessDirectory
    {
        public async Task<(IReadOnlyList<OrchestrationState> Items, string? Continuation)> List(string instanceIdPrefix, int pageSize, string? continuation,
            CancellationToken ct)
        {
            var page = await service.GetOrchestrationStateAsync(new OrchestrationInstanceStatusQueryCondition
            {
                InstanceIdPrefix = instanceIdPrefix, FetchInput = false, FetchOutput = false,
            }, pageSize, continuation, ct);
            return ([.. page.OrchestrationState.OrderBy(s => s.CreatedTime).ThenBy(s => s.OrchestrationInstance.InstanceId, StringComparer.Ordinal)],
                string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
    }
}
