using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// Hosts the Durable Task engine in the app: a DurableTask.Core TaskHubWorker on the configured orchestration service,
/// with our Microsoft.DurableTask orchestrators and activities registered through the shim factory - the same classes
/// Durable Functions (isolated) would run. The engine polls only while this process runs (ADR 0016).
/// </summary>
public sealed class ProcessWorker(IOrchestrationService service, IServiceProvider services, ILoggerFactory loggers) : IHostedService
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var shim = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = new JsonDataConverter(ValeoJson.Options) }, loggers);
        var worker = new TaskHubWorker(service, loggers);
        foreach (var type in Processes.Orchestrators)
            worker.AddTaskOrchestrations(new ShimRegistration<TaskOrchestration>(type.Name,
                () => shim.CreateOrchestration(type.Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type))));
        foreach (var type in Processes.Activities)
            worker.AddTaskActivities(new ShimRegistration<TaskActivity>(type.Name,
                () => shim.CreateActivity(type.Name, (ITaskActivity)ActivatorUtilities.CreateInstance(services, type))));
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        _worker = worker;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Forced: in-flight work items are abandoned, not awaited; their messages are delivered again after the restart.
        if (_worker is { } worker) await worker.StopAsync(isForced: true);
    }
}
