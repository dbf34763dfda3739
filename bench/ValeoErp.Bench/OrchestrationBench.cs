using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ValeoErp.Durable.Engine;

/// <summary>
/// Orchestration throughput (issue 16, acceptance 5): N instances of a three-activity orchestration started together
/// on the engine the app uses - the SQLite service, or DurableTask.AzureStorage on Azurite (UseDevelopmentStorage=true)
/// - timed until all have completed. Prints instances/s per run and the median.
/// </summary>
public static class OrchestrationBench
{
    public static async Task Run(string[] args)
    {
        var engine = args.Length > 0 ? args[0] : "sqlite";
        var instances = args.Length > 1 ? int.Parse(args[1]) : 200;
        var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
        var rates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var (service, client, cleanup) = Create(engine, run);
            var shim = new DurableTaskShimFactory();
            var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
            worker.AddTaskOrchestrations(new ShimRegistration<TaskOrchestration>(nameof(ThreeSteps), () => shim.CreateOrchestration(nameof(ThreeSteps), new ThreeSteps())));
            worker.AddTaskActivities(new ShimRegistration<TaskActivity>(nameof(Step), () => shim.CreateActivity(nameof(Step), new Step())));
            await service.CreateIfNotExistsAsync();
            await worker.StartAsync();
            var stopwatch = Stopwatch.StartNew();
            var started = await Task.WhenAll(Enumerable.Range(0, instances).Select(async i =>
            {
                var instance = new OrchestrationInstance { InstanceId = $"bench-{run}-{i:D5}", ExecutionId = Guid.NewGuid().ToString("N") };
                await client.CreateTaskOrchestrationAsync(new TaskMessage
                {
                    OrchestrationInstance = instance,
                    Event = new ExecutionStartedEvent(-1, "\"x\"") { Name = nameof(ThreeSteps), Version = "", OrchestrationInstance = instance },
                });
                return instance;
            }));
            var done = await Task.WhenAll(started.Select(i => client.WaitForOrchestrationAsync(i.InstanceId, i.ExecutionId, TimeSpan.FromMinutes(10), default)));
            stopwatch.Stop();
            var completed = done.Count(s => s?.OrchestrationStatus == OrchestrationStatus.Completed && s.Output == "\"x123\"");
            if (completed != instances) throw new InvalidOperationException($"Only {completed} of {instances} instances completed correctly.");
            var rate = instances / stopwatch.Elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine(FormattableString.Invariant($"run {run}: {instances} instances x 3 activities on {engine} in {stopwatch.Elapsed.TotalSeconds:F2} s = {rate:F1} instances/s"));
            await worker.StopAsync(isForced: true);
            await cleanup();
        }
        rates.Sort();
        Console.WriteLine(FormattableString.Invariant($"median: {rates[rates.Count / 2]:F1} instances/s ({engine}, {Environment.ProcessorCount} cores)"));
    }

    private static (IOrchestrationService, IOrchestrationServiceClient, Func<Task>) Create(string engine, int run)
    {
        if (engine == "azurite")
        {
            var azure = AzureStorageEngine.Create($"bench{run}{Guid.NewGuid():N}"[..20], "UseDevelopmentStorage=true", null, null, NullLoggerFactory.Instance);
            return (azure, azure, async () => await azure.DeleteAsync());
        }
        var file = Path.Combine(Path.GetTempPath(), $"valeo-orchestration-bench-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteOrchestrationService(file, SystemClock.Instance, new SqliteOrchestrationServiceOptions { MaxConcurrentOrchestrations = 100, MaxConcurrentActivities = 100 });
        return (sqlite, sqlite, () =>
        {
            sqlite.Dispose();
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*")) File.Delete(f);
            return Task.CompletedTask;
        });
    }

    private sealed class ThreeSteps : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var value = input;
            for (var i = 1; i <= 3; i++) value = await context.CallActivityAsync<string>(nameof(Step), $"{value}|{i}");
            return value;
        }
    }

    private sealed class Step : Microsoft.DurableTask.TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult(input[..input.IndexOf('|')] + input[(input.IndexOf('|') + 1)..]);
    }
}
