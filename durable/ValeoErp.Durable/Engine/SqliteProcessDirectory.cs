using DurableTask.Core;

namespace ValeoErp.Durable.Engine;

/// <summary>Instance listing on the SQLite orchestration service.</summary>
public sealed class SqliteProcessDirectory(SqliteOrchestrationService service) : IProcessDirectory
{
    public Task<(IReadOnlyList<OrchestrationState> Items, string? Continuation)> List(string instanceIdPrefix, int pageSize, string? continuation,
        CancellationToken ct) => service.ListAsync(instanceIdPrefix, null, null, pageSize, continuation, ct);
}

/// <summary>The embedded engine's pending work, for <see cref="IEngineWork"/>.</summary>
public sealed class SqliteEngineWork(SqliteOrchestrationService service) : IEngineWork
{
    public Task<bool> HasWork(CancellationToken ct) => service.HasWorkAsync(ct);
}
