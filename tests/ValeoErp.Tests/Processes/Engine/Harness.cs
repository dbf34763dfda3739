using ValeoErp.Durable.Engine;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using NodaTime;
using NodaTime.Testing;

namespace ValeoErp.Tests.Processes.Engine;

/// <summary>A service + worker + client over one SQLite file, with every test orchestration registered.</summary>
public sealed class Harness : IAsyncDisposable
{
    private static readonly DurableTaskShimFactory Shims = new();

    private readonly string? ownedPath;

    private Harness(string? ownedPath, FakeClock clock, SqliteOrchestrationService service, TaskHubWorker worker)
    {
        this.ownedPath = ownedPath;
        Clock = clock;
        Service = service;
        Worker = worker;
        Client = new TaskHubClient(service);
    }

    public FakeClock Clock { get; }

    public SqliteOrchestrationService Service { get; }

    public TaskHubWorker Worker { get; }

    public TaskHubClient Client { get; }

    public static string NewDatabasePath() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dtsqlite-{Guid.NewGuid():N}.db");

    /// <summary>The fake clock starts at real "now": the shim splits timers longer than 3 days relative to
    /// context.CurrentUtcDateTime, which DurableTask.Core takes from the wall clock.</summary>
    public static FakeClock NewClock() => new(SystemClock.Instance.GetCurrentInstant());

    /// <summary>Starts on <paramref name="path"/>, or on a fresh file that is deleted on dispose when none is given.</summary>
    public static async Task<Harness> StartAsync(string? path = null, FakeClock? clock = null, int maxConcurrency = 50)
    {
        string? ownedPath = path is null ? NewDatabasePath() : null;
        clock ??= NewClock();
        var service = new SqliteOrchestrationService(
            path ?? ownedPath!,
            clock,
            new SqliteOrchestrationServiceOptions
            {
                TaskHubName = "tests",
                MaxConcurrentOrchestrations = maxConcurrency,
                MaxConcurrentActivities = maxConcurrency,
            });
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(
            Orchestration<SequenceOrchestrator>(),
            Orchestration<TimerOrchestrator>(),
            Orchestration<RaceOrchestrator>(),
            Orchestration<ApprovalOrchestrator>(),
            Orchestration<CountdownOrchestrator>(),
            Orchestration<ParentOrchestrator>());
        worker.AddTaskActivities(Activity<AppendStep>(), Activity<CountedStep>());
        await worker.StartAsync();
        return new Harness(ownedPath, clock, service, worker);
    }

    public Task<OrchestrationInstance> StartOrchestrationAsync<TOrchestrator>(string instanceId, object? input) =>
        Client.CreateOrchestrationInstanceAsync(typeof(TOrchestrator).Name, string.Empty, instanceId, input);

    public async Task<OrchestrationState> WaitAsync(OrchestrationInstance instance, int seconds = 30) =>
        await Client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(seconds))
        ?? throw new TimeoutException($"{instance.InstanceId} did not finish within {seconds} s.");

    /// <summary>Polls the stored state until <paramref name="predicate"/> holds.</summary>
    public async Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> predicate, int seconds = 30)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            OrchestrationState? state = await Service.GetOrchestrationStateAsync(instanceId, executionId: null);
            if (state is not null && predicate(state))
            {
                return state;
            }

            if (waited.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"{instanceId} never reached the expected state; last: {state?.OrchestrationStatus} {state?.Status}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(isForced: true);
        Service.Dispose();
        if (ownedPath is not null)
        {
            DeleteDatabase(ownedPath);
        }
    }

    public static void DeleteDatabase(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static ObjectCreator<TaskOrchestration> Orchestration<T>()
        where T : ITaskOrchestrator, new() =>
        new ShimRegistration<TaskOrchestration>(typeof(T).Name, () => Shims.CreateOrchestration(typeof(T).Name, new T()));

    private static ObjectCreator<TaskActivity> Activity<T>()
        where T : ITaskActivity, new() =>
        new ShimRegistration<TaskActivity>(typeof(T).Name, () => Shims.CreateActivity(typeof(T).Name, new T()));
}
