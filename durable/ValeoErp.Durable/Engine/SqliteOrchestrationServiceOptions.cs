namespace ValeoErp.Durable.Engine;

/// <summary>Settings for <see cref="SqliteOrchestrationService"/>.</summary>
public sealed class SqliteOrchestrationServiceOptions
{
    /// <summary>Name of the task hub; every row is scoped to it so several hubs can share one file.</summary>
    public string TaskHubName { get; init; } = "default";

    /// <summary>Number of fetch loops the orchestration dispatcher runs.</summary>
    public int OrchestrationDispatcherCount { get; init; } = 1;

    /// <summary>Number of fetch loops the activity dispatcher runs.</summary>
    public int ActivityDispatcherCount { get; init; } = 1;

    /// <summary>Orchestration work items processed concurrently.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 50;

    /// <summary>Activity work items processed concurrently.</summary>
    public int MaxConcurrentActivities { get; init; } = 50;

    /// <summary>How long a lease on an instance or activity message lasts before it may be taken over.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Interval at which an idle dispatcher re-checks the store (finds timers made due by the clock).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Delay before abandoned work becomes available again, so a poison message does not spin.</summary>
    public TimeSpan AbandonDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>SQLite busy timeout.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
