using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// Durable Task Framework backend storing all orchestration state, history and queues in one local SQLite file,
/// for a single process. Orchestration time (timers, created/updated/completed stamps) comes from the injected
/// <see cref="IClock"/>; leases and retry back-off use the wall clock because they guard against stuck or crashed
/// work, which must expire even when the business clock is frozen (as in tests).
/// </summary>
public sealed class SqliteOrchestrationService : IOrchestrationService, IOrchestrationServiceClient, IDisposable
{
    private static readonly OrchestrationStatus[] ActiveStatuses =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    private const string ReadyOrchestrationMessages = """
        FROM orchestration_messages m
        LEFT JOIN instance_leases l ON l.hub = m.hub AND l.instance_id = m.instance_id
        WHERE m.hub = $hub AND m.visible_at <= $now AND (l.instance_id IS NULL OR l.locked_until <= $wallNow)
        """;

    private const string ReadyActivityMessages = "FROM activity_messages WHERE hub = $hub AND locked_until <= $wallNow";

    private static readonly TimeSpan WaitRecheckInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteStore store;
    private readonly IClock clock;
    private readonly TimeProvider wall;
    private readonly SqliteOrchestrationServiceOptions options;
    private readonly string hub;
    private readonly WorkSignal signal = new();

    // Waiters for an instance to finish are woken individually: waking every waiter on every write makes hundreds of
    // concurrent WaitForOrchestrationAsync calls re-read the store on each commit.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> finishWaiters = new();
    private readonly CancellationTokenSource shutdown = new();
    private int disposed;

    public SqliteOrchestrationService(string fileOrConnectionString, IClock clock, SqliteOrchestrationServiceOptions options)
        : this(fileOrConnectionString, clock, options, TimeProvider.System)
    {
    }

    /// <param name="wallClock">Leases, back-off and receive timeouts: real time, so crash recovery runs even when the business clock is frozen.</param>
    public SqliteOrchestrationService(string fileOrConnectionString, IClock clock, SqliteOrchestrationServiceOptions options, TimeProvider wallClock)
    {
        wall = wallClock;
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrConnectionString);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        store = new SqliteStore(fileOrConnectionString, options.BusyTimeout);
        this.clock = clock;
        this.options = options;
        hub = options.TaskHubName;
    }

    // ---------------------------------------------------------------- lifecycle

    public Task CreateAsync() => CreateAsync(recreateInstanceStore: true);

    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await DeleteAsync(deleteInstanceStore: true).ConfigureAwait(false);
        }

        await CreateIfNotExistsAsync().ConfigureAwait(false);
    }

    public async Task CreateIfNotExistsAsync()
    {
        await using SqliteConnection connection = await store.OpenAsync(CancellationToken.None).ConfigureAwait(false);

        // WAL is a property of the file, so setting it once here suffices for every later connection.
        await SqliteStore.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;").ConfigureAwait(false);
        await SqliteStore.ExecuteAsync(connection, null, SqliteSchema.Create).ConfigureAwait(false);
    }

    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    public async Task DeleteAsync(bool deleteInstanceStore)
    {
        await CreateIfNotExistsAsync().ConfigureAwait(false);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (string table in new[] { "orchestration_messages", "activity_messages", "instance_leases" }
                    .Concat(deleteInstanceStore ? ["instances", "history"] : Array.Empty<string>()))
                {
                    await SqliteStore.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE hub = $hub", ("$hub", hub))
                        .ConfigureAwait(false);
                }
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the schema and clears every lease: the process owns the file, so any lease still present was left by
    /// a process that died, and its work must be picked up again.
    /// </summary>
    public async Task StartAsync()
    {
        ThrowIfDisposed();
        await CreateIfNotExistsAsync().ConfigureAwait(false);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                await SqliteStore.ExecuteAsync(connection, transaction, "DELETE FROM instance_leases WHERE hub = $hub", ("$hub", hub))
                    .ConfigureAwait(false);
                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE activity_messages SET lock_token = NULL, locked_until = 0 WHERE hub = $hub",
                    ("$hub", hub)).ConfigureAwait(false);
            },
            CancellationToken.None).ConfigureAwait(false);
        signal.Pulse();
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public Task StopAsync(bool isForced)
    {
        // Waking the fetch loops lets TaskHubWorker.StopAsync return promptly instead of after a receive timeout.
        signal.Pulse();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        shutdown.Cancel();
        signal.Pulse();
        store.Dispose();
        shutdown.Dispose();
    }

    // ---------------------------------------------------------------- dispatcher settings

    public int TaskOrchestrationDispatcherCount => options.OrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => options.MaxConcurrentOrchestrations;

    public int TaskActivityDispatcherCount => options.ActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => options.MaxConcurrentActivities;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => IsTransientException(exception) ? 0 : 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => IsTransientException(exception) ? 0 : 1;

    private static bool IsTransientException(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    // ---------------------------------------------------------------- orchestration work items

    public async Task<TaskOrchestrationWorkItem?> LockNextTaskOrchestrationWorkItemAsync(
        TimeSpan receiveTimeout,
        CancellationToken cancellationToken)
    {
        return await PollAsync(ReadyOrchestrationMessages, TryLockOrchestrationWorkItemAsync, receiveTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<TaskOrchestrationWorkItem?> TryLockOrchestrationWorkItemAsync(CancellationToken cancellationToken) =>
        store.WriteAsync<TaskOrchestrationWorkItem?>(
            async (connection, transaction) =>
            {
                long now = Now();
                long wallNow = WallNow();
                string? instanceId = await ScalarAsync<string>(
                    connection,
                    transaction,
                    $"SELECT m.instance_id {ReadyOrchestrationMessages} ORDER BY m.visible_at, m.id LIMIT 1",
                    ("$hub", hub),
                    ("$now", now),
                    ("$wallNow", wallNow)).ConfigureAwait(false);
                if (instanceId is null)
                {
                    return null;
                }

                var messages = new List<(long Id, TaskMessage Message)>();
                await using (SqliteCommand select = SqliteStore.Command(
                    connection,
                    transaction,
                    "SELECT id, message_json FROM orchestration_messages WHERE hub = $hub AND instance_id = $id AND visible_at <= $now ORDER BY id",
                    ("$hub", hub),
                    ("$id", instanceId),
                    ("$now", now)))
                await using (SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        messages.Add((reader.GetInt64(0), DurableTaskJson.Deserialize<TaskMessage>(reader.GetString(1))));
                    }
                }

                (string ExecutionId, OrchestrationStatus Status)? instance = await ReadInstanceHeaderAsync(connection, transaction, instanceId)
                    .ConfigureAwait(false);
                bool startsExecution = messages.Any(m => m.Message.Event is ExecutionStartedEvent);
                bool accepting = instance is { } header && (startsExecution || ActiveStatuses.Contains(header.Status));
                if (!accepting)
                {
                    // Nothing can consume these (unknown or finished instance, e.g. a late activity result after
                    // termination): drop them here rather than hand the dispatcher an invalid work item.
                    await DeleteMessagesAsync(connection, transaction, messages.Select(m => m.Id)).ConfigureAwait(false);
                    return null;
                }

                string lockToken = Guid.NewGuid().ToString("N");
                DateTime lockedUntil = wall.GetUtcNow().UtcDateTime + options.LockTimeout;
                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT OR REPLACE INTO instance_leases (hub, instance_id, lock_token, locked_until) VALUES ($hub, $id, $token, $until)",
                    ("$hub", hub),
                    ("$id", instanceId),
                    ("$token", lockToken),
                    ("$until", ToWallTicks(lockedUntil))).ConfigureAwait(false);

                List<HistoryEvent> history = await ReadHistoryAsync(connection, transaction, instanceId, instance!.Value.ExecutionId)
                    .ConfigureAwait(false);
                return new SqliteOrchestrationWorkItem(
                    lockToken,
                    messages.Select(m => m.Id).ToList(),
                    history.Count)
                {
                    LoadedExecutionId = history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.OrchestrationInstance.ExecutionId,
                    InstanceId = instanceId,
                    NewMessages = messages.Select(m => m.Message).ToList(),
                    OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
                    LockedUntilUtc = lockedUntil,
                };
            },
            cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        DateTime lockedUntil = wall.GetUtcNow().UtcDateTime + options.LockTimeout;
        return store.WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureLeaseAsync(connection, transaction, item).ConfigureAwait(false);
                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE instance_leases SET locked_until = $until WHERE hub = $hub AND instance_id = $id",
                    ("$until", ToWallTicks(lockedUntil)),
                    ("$hub", hub),
                    ("$id", item.InstanceId)).ConfigureAwait(false);
                item.LockedUntilUtc = lockedUntil;
            },
            CancellationToken.None);
    }

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage? continuedAsNewMessage,
        OrchestrationState? orchestrationState)
    {
        ThrowIfDisposed();
        var item = (SqliteOrchestrationWorkItem)workItem;
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureLeaseAsync(connection, transaction, item).ConfigureAwait(false);
                long now = Now();

                if (newOrchestrationRuntimeState.ExecutionStartedEvent is not null)
                {
                    await AppendHistoryAsync(connection, transaction, item, newOrchestrationRuntimeState).ConfigureAwait(false);
                }

                if (orchestrationState is not null)
                {
                    await UpsertInstanceAsync(connection, transaction, orchestrationState, now).ConfigureAwait(false);
                }

                await DeleteMessagesAsync(connection, transaction, item.MessageIds).ConfigureAwait(false);

                // Unlocking here saves Release a transaction; the token check keeps a late Release from freeing a newer lease.
                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "DELETE FROM instance_leases WHERE hub = $hub AND instance_id = $id AND lock_token = $token",
                    ("$hub", hub),
                    ("$id", item.InstanceId),
                    ("$token", item.LockToken)).ConfigureAwait(false);

                foreach (TaskMessage message in outboundMessages)
                {
                    await SqliteStore.ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO activity_messages (hub, instance_id, message_json) VALUES ($hub, $id, $json)",
                        ("$hub", hub),
                        ("$id", message.OrchestrationInstance.InstanceId),
                        ("$json", DurableTaskJson.Serialize(message))).ConfigureAwait(false);
                }

                foreach (TaskMessage message in orchestratorMessages.Concat(timerMessages))
                {
                    await EnqueueOrchestrationMessageAsync(connection, transaction, message, now).ConfigureAwait(false);
                }

                if (continuedAsNewMessage is not null)
                {
                    await EnqueueOrchestrationMessageAsync(connection, transaction, continuedAsNewMessage, now).ConfigureAwait(false);
                }
            },
            CancellationToken.None).ConfigureAwait(false);
        item.Completed = true;
        signal.Pulse();
        if (orchestrationState is not null
            && !ActiveStatuses.Contains(orchestrationState.OrchestrationStatus)
            && finishWaiters.TryRemove(item.InstanceId, out TaskCompletionSource? finished))
        {
            finished.TrySetResult();
        }
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ThrowIfDisposed();
        var item = (SqliteOrchestrationWorkItem)workItem;

        // The messages were never removed; keeping the lease (without owner) until the back-off ends delays the retry.
        await store.WriteAsync(
            (connection, transaction) => SqliteStore.ExecuteAsync(
                connection,
                transaction,
                "UPDATE instance_leases SET lock_token = NULL, locked_until = $until WHERE hub = $hub AND instance_id = $id AND lock_token = $token",
                ("$until", ToWallTicks(wall.GetUtcNow().UtcDateTime + options.AbandonDelay)),
                ("$hub", hub),
                ("$id", item.InstanceId),
                ("$token", item.LockToken)),
            CancellationToken.None).ConfigureAwait(false);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ThrowIfDisposed();
        var item = (SqliteOrchestrationWorkItem)workItem;
        if (item.Completed)
        {
            return;
        }

        await store.WriteAsync(
            (connection, transaction) => SqliteStore.ExecuteAsync(
                connection,
                transaction,
                "DELETE FROM instance_leases WHERE hub = $hub AND instance_id = $id AND lock_token = $token",
                ("$hub", hub),
                ("$id", item.InstanceId),
                ("$token", item.LockToken)),
            CancellationToken.None).ConfigureAwait(false);

        // Messages that arrived while the instance was locked are now eligible.
        signal.Pulse();
    }

    // ---------------------------------------------------------------- activity work items

    public async Task<TaskActivityWorkItem?> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        return await PollAsync(ReadyActivityMessages, TryLockActivityWorkItemAsync, receiveTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<TaskActivityWorkItem?> TryLockActivityWorkItemAsync(CancellationToken cancellationToken) =>
        store.WriteAsync<TaskActivityWorkItem?>(
            async (connection, transaction) =>
            {
                (long Id, string Json)? next = null;
                await using (SqliteCommand select = SqliteStore.Command(
                    connection,
                    transaction,
                    $"SELECT id, message_json {ReadyActivityMessages} ORDER BY id LIMIT 1",
                    ("$hub", hub),
                    ("$wallNow", WallNow())))
                await using (SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        next = (reader.GetInt64(0), reader.GetString(1));
                    }
                }

                if (next is not { } row)
                {
                    return null;
                }

                string lockToken = Guid.NewGuid().ToString("N");
                DateTime lockedUntil = wall.GetUtcNow().UtcDateTime + options.LockTimeout;
                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE activity_messages SET lock_token = $token, locked_until = $until WHERE id = $msg",
                    ("$token", lockToken),
                    ("$until", ToWallTicks(lockedUntil)),
                    ("$msg", row.Id)).ConfigureAwait(false);
                return new SqliteActivityWorkItem(row.Id, lockToken)
                {
                    Id = row.Id.ToString(CultureInfo.InvariantCulture),
                    TaskMessage = DurableTaskJson.Deserialize<TaskMessage>(row.Json),
                    LockedUntilUtc = lockedUntil,
                };
            },
            cancellationToken);

    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        ThrowIfDisposed();
        var item = (SqliteActivityWorkItem)workItem;
        DateTime lockedUntil = wall.GetUtcNow().UtcDateTime + options.LockTimeout;
        int updated = await store.WriteAsync(
            (connection, transaction) => SqliteStore.ExecuteAsync(
                connection,
                transaction,
                "UPDATE activity_messages SET locked_until = $until WHERE id = $msg AND lock_token = $token",
                ("$until", ToWallTicks(lockedUntil)),
                ("$msg", item.MessageId),
                ("$token", item.LockToken)),
            CancellationToken.None).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new InvalidOperationException($"Lease on activity message {item.MessageId} was lost.");
        }

        item.LockedUntilUtc = lockedUntil;
        return item;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ThrowIfDisposed();
        var item = (SqliteActivityWorkItem)workItem;
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                int deleted = await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    "DELETE FROM activity_messages WHERE id = $msg AND lock_token = $token",
                    ("$msg", item.MessageId),
                    ("$token", item.LockToken)).ConfigureAwait(false);

                // Without the lease another worker owns (or finished) the message; its result is the one that counts.
                if (deleted == 1)
                {
                    await EnqueueOrchestrationMessageAsync(connection, transaction, responseMessage, Now()).ConfigureAwait(false);
                }
            },
            CancellationToken.None).ConfigureAwait(false);
        signal.Pulse();
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ThrowIfDisposed();
        var item = (SqliteActivityWorkItem)workItem;
        await store.WriteAsync(
            (connection, transaction) => SqliteStore.ExecuteAsync(
                connection,
                transaction,
                "UPDATE activity_messages SET lock_token = NULL, locked_until = $until WHERE id = $msg AND lock_token = $token",
                ("$until", ToWallTicks(wall.GetUtcNow().UtcDateTime + options.AbandonDelay)),
                ("$msg", item.MessageId),
                ("$token", item.LockToken)),
            CancellationToken.None).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- client

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) =>
        CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses: null);

    /// <summary>
    /// Creates an instance. A pending/running instance is never replaced, whatever <paramref name="dedupeStatuses"/>
    /// says, because its in-flight messages and history would be orphaned; a finished instance is replaced by a new
    /// execution unless its status is in <paramref name="dedupeStatuses"/>.
    /// </summary>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ThrowIfDisposed();
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("The creation message must carry an ExecutionStartedEvent.", nameof(creationMessage));
        }

        await store.WriteAsync(
            async (connection, transaction) =>
            {
                string instanceId = creationMessage.OrchestrationInstance.InstanceId;
                if (await ReadInstanceHeaderAsync(connection, transaction, instanceId).ConfigureAwait(false) is { } existing
                    && (ActiveStatuses.Contains(existing.Status) || dedupeStatuses?.Contains(existing.Status) == true))
                {
                    throw new OrchestrationAlreadyExistsException(
                        $"An orchestration with id '{instanceId}' already exists in status {existing.Status}.");
                }

                await EnqueueOrchestrationMessageAsync(connection, transaction, creationMessage, Now()).ConfigureAwait(false);
            },
            CancellationToken.None).ConfigureAwait(false);
        signal.Pulse();
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ThrowIfDisposed();
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                long now = Now();
                foreach (TaskMessage message in messages)
                {
                    await EnqueueOrchestrationMessageAsync(connection, transaction, message, now).ConfigureAwait(false);
                }
            },
            CancellationToken.None).ConfigureAwait(false);
        signal.Pulse();
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <summary>Waits for the instance (or the given execution) to finish; returns null on timeout, as the Azure Storage and MSSQL backends do.</summary>
    public async Task<OrchestrationState?> WaitForOrchestrationAsync(
        string instanceId,
        string? executionId,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        DateTime deadline = wall.GetUtcNow().UtcDateTime + timeout;
        while (true)
        {
            // Registered before reading so a completion committed in between is not missed.
            TaskCompletionSource finished = finishWaiters
                .GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            OrchestrationState? state = await ReadStateAsync(instanceId, linked.Token).ConfigureAwait(false);
            bool sameExecution = string.IsNullOrEmpty(executionId) || state?.OrchestrationInstance.ExecutionId == executionId;
            if (state is not null && sameExecution && !ActiveStatuses.Contains(state.OrchestrationStatus))
            {
                return state;
            }

            TimeSpan remaining = deadline - wall.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                finishWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, finished));
                return null;
            }

            // The periodic re-read covers completions this process cannot observe, e.g. a purge or a replaced execution.
            await finished.Task.WaitAsync(Min(remaining, WaitRecheckInterval), linked.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            linked.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Only the latest execution's state is kept, so this returns at most one element.</summary>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        await ReadStateAsync(instanceId, CancellationToken.None).ConfigureAwait(false) is { } state ? [state] : [];

    public async Task<OrchestrationState?> GetOrchestrationStateAsync(string instanceId, string? executionId)
    {
        OrchestrationState? state = await ReadStateAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        return string.IsNullOrEmpty(executionId) || state?.OrchestrationInstance.ExecutionId == executionId ? state : null;
    }

    /// <summary>Returns the history of one execution as a JSON array of events (with type names).</summary>
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string? executionId) =>
        store.ReadAsync(
            async connection =>
            {
                string? execution = string.IsNullOrEmpty(executionId)
                    ? (await ReadInstanceHeaderAsync(connection, null, instanceId).ConfigureAwait(false))?.ExecutionId
                    : executionId;
                List<HistoryEvent> history = execution is null
                    ? []
                    : await ReadHistoryAsync(connection, null, instanceId, execution).ConfigureAwait(false);
                return DurableTaskJson.Serialize<IList<HistoryEvent>>(history);
            },
            CancellationToken.None);

    /// <summary>Deletes finished instances (state, all executions' history, leftover messages) older than the threshold.</summary>
    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        string column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "updated_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => throw new ArgumentOutOfRangeException(nameof(timeRangeFilterType)),
        };
        long threshold = Instant.FromDateTimeUtc(DateTime.SpecifyKind(thresholdDateTimeUtc, DateTimeKind.Utc)).ToUnixTimeTicks();
        string finished = string.Join(",", ActiveStatuses.Select(s => (int)s));
        string victims = $"SELECT instance_id FROM instances WHERE hub = $hub AND {column} < $threshold AND status NOT IN ({finished})";
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (string table in new[] { "history", "orchestration_messages", "activity_messages" })
                {
                    await SqliteStore.ExecuteAsync(
                        connection,
                        transaction,
                        $"DELETE FROM {table} WHERE hub = $hub AND instance_id IN ({victims})",
                        ("$hub", hub),
                        ("$threshold", threshold)).ConfigureAwait(false);
                }

                await SqliteStore.ExecuteAsync(
                    connection,
                    transaction,
                    $"DELETE FROM instances WHERE hub = $hub AND instance_id IN ({victims})",
                    ("$hub", hub),
                    ("$threshold", threshold)).ConfigureAwait(false);
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists instances ordered by created time then instance id, filtered by instance id prefix (tenant), optional
    /// status and optional name prefix. Pass the returned continuation to get the next page; it is null on the last page.
    /// </summary>
    public Task<(IReadOnlyList<OrchestrationState> Items, string? Continuation)> ListAsync(
        string instanceIdPrefix,
        OrchestrationStatus? status,
        string? namePrefix,
        int pageSize,
        string? continuation,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIdPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        (long AfterCreated, string AfterId)? after = continuation is null ? null : ParseContinuation(continuation);
        return store.ReadAsync<(IReadOnlyList<OrchestrationState>, string?)>(
            async connection =>
            {
                // substr() rather than LIKE: LIKE is case-insensitive and treats '%' and '_' in tenant ids as wildcards.
                await using SqliteCommand command = SqliteStore.Command(
                    connection,
                    null,
                    """
                    SELECT state_json, created_at, instance_id FROM instances
                    WHERE hub = $hub
                      AND substr(instance_id, 1, length($idPrefix)) = $idPrefix
                      AND ($status IS NULL OR status = $status)
                      AND ($namePrefix IS NULL OR substr(name, 1, length($namePrefix)) = $namePrefix)
                      AND ($afterCreated IS NULL OR created_at > $afterCreated OR (created_at = $afterCreated AND instance_id > $afterId))
                    ORDER BY created_at, instance_id
                    LIMIT $take
                    """,
                    ("$hub", hub),
                    ("$idPrefix", instanceIdPrefix),
                    ("$status", status is null ? null : (int)status.Value),
                    ("$namePrefix", namePrefix),
                    ("$afterCreated", after?.AfterCreated),
                    ("$afterId", after?.AfterId),
                    ("$take", pageSize + 1));
                var items = new List<OrchestrationState>();
                string? next = null;
                await using SqliteDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    items.Add(DurableTaskJson.Deserialize<OrchestrationState>(reader.GetString(0)));
                    if (items.Count == pageSize)
                    {
                        next = string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(1)}:{reader.GetString(2)}");
                    }
                }

                // One extra row was requested only to learn whether another page exists.
                if (items.Count <= pageSize)
                {
                    return (items, null);
                }

                items.RemoveAt(pageSize);
                return (items, next);
            },
            ct);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Repeatedly probes <paramref name="readyFrom"/> (a FROM/WHERE clause) with a plain read and only takes the write
    /// gate to lock work when the probe finds some, so idle fetchers woken by every commit do not queue for the writer.
    /// </summary>
    private async Task<T?> PollAsync<T>(
        string readyFrom,
        Func<CancellationToken, Task<T?>> tryLock,
        TimeSpan receiveTimeout,
        CancellationToken cancellationToken)
        where T : class
    {
        ThrowIfDisposed();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        DateTime deadline = wall.GetUtcNow().UtcDateTime + receiveTimeout;
        while (!linked.IsCancellationRequested)
        {
            // A stop request must not surface as an exception in the dispatcher loop; returning null ends the fetch.
            try
            {
                if (await IsWorkReadyAsync(readyFrom, linked.Token).ConfigureAwait(false)
                    && await tryLock(linked.Token).ConfigureAwait(false) is { } found)
                {
                    return found;
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return null;
            }

            TimeSpan remaining = deadline - wall.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            await signal.WaitAsync(Min(remaining, options.PollingInterval), linked.Token).ConfigureAwait(false);
        }

        return null;
    }

    private Task<bool> IsWorkReadyAsync(string readyFrom, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection => await ScalarAsync<long>(
                connection,
                null,
                $"SELECT EXISTS (SELECT 1 {readyFrom})",
                ("$hub", hub),
                ("$now", Now()),
                ("$wallNow", WallNow())).ConfigureAwait(false) == 1,
            cancellationToken);

    private async Task EnqueueOrchestrationMessageAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        TaskMessage message,
        long now)
    {
        long visibleAt = message.Event switch
        {
            TimerFiredEvent timer => ToInstantTicks(timer.FireAt),
            ExecutionStartedEvent { ScheduledStartTime: { } scheduled } => ToInstantTicks(scheduled),
            _ => now,
        };
        // A start for an instance that is still active (e.g. a duplicate sub-orchestration start) must not clobber
        // its row; the dispatcher drops such a duplicate start message.
        if (message.Event is ExecutionStartedEvent started)
        {
            var existing = await ReadInstanceHeaderAsync(connection, transaction, message.OrchestrationInstance.InstanceId).ConfigureAwait(false);
            if (existing is null || !ActiveStatuses.Contains(existing.Value.Status))
            {
                await CreateOrReplaceInstanceAsync(connection, transaction, message.OrchestrationInstance, started, now).ConfigureAwait(false);
            }
        }

        await SqliteStore.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO orchestration_messages (hub, instance_id, visible_at, message_json) VALUES ($hub, $id, $visible, $json)",
            ("$hub", hub),
            ("$id", message.OrchestrationInstance.InstanceId),
            ("$visible", visibleAt),
            ("$json", DurableTaskJson.Serialize(message))).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the Pending row of a new execution (client start or sub-orchestration). Existing history stays under its
    /// own execution id, so the new execution starts with an empty runtime state.
    /// </summary>
    private async Task CreateOrReplaceInstanceAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        OrchestrationInstance instance,
        ExecutionStartedEvent started,
        long now)
    {
        var state = new OrchestrationState
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = instance.ExecutionId },
            Name = started.Name,
            Version = started.Version,
            Input = started.Input,
            Tags = started.Tags,
            ParentInstance = started.ParentInstance,
            ScheduledStartTime = started.ScheduledStartTime,
            OrchestrationStatus = OrchestrationStatus.Pending,
            CreatedTime = ToDateTime(now),
            LastUpdatedTime = ToDateTime(now),
            CompletedTime = DateTime.MaxValue,
        };
        await SqliteStore.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT OR REPLACE INTO instances
                (hub, instance_id, execution_id, name, status, input, output, custom_status, created_at, updated_at, completed_at, state_json)
            VALUES ($hub, $id, $execution, $name, $status, $input, NULL, NULL, $now, $now, NULL, $state)
            """,
            ("$hub", hub),
            ("$id", instance.InstanceId),
            ("$execution", instance.ExecutionId),
            ("$name", started.Name),
            ("$status", (int)OrchestrationStatus.Pending),
            ("$input", started.Input),
            ("$now", now),
            ("$state", DurableTaskJson.Serialize(state))).ConfigureAwait(false);
    }

    private async Task UpsertInstanceAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        OrchestrationState state,
        long now)
    {
        string instanceId = state.OrchestrationInstance.InstanceId;
        long createdAt = await ScalarAsync<long?>(
            connection,
            transaction,
            "SELECT created_at FROM instances WHERE hub = $hub AND instance_id = $id",
            ("$hub", hub),
            ("$id", instanceId)).ConfigureAwait(false) ?? now;
        bool finished = !ActiveStatuses.Contains(state.OrchestrationStatus);
        state.CreatedTime = ToDateTime(createdAt);
        state.LastUpdatedTime = ToDateTime(now);
        state.CompletedTime = finished ? ToDateTime(now) : DateTime.MaxValue;
        await SqliteStore.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT OR REPLACE INTO instances
                (hub, instance_id, execution_id, name, status, input, output, custom_status, created_at, updated_at, completed_at, state_json)
            VALUES ($hub, $id, $execution, $name, $status, $input, $output, $custom, $created, $now, $completed, $state)
            """,
            ("$hub", hub),
            ("$id", instanceId),
            ("$execution", state.OrchestrationInstance.ExecutionId),
            ("$name", state.Name),
            ("$status", (int)state.OrchestrationStatus),
            ("$input", state.Input),
            ("$output", state.Output),
            ("$custom", state.Status),
            ("$created", createdAt),
            ("$now", now),
            ("$completed", finished ? now : null),
            ("$state", DurableTaskJson.Serialize(state))).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends the events added in this turn. After continue-as-new the runtime state belongs to a new execution and
    /// all its events are new.
    /// </summary>
    private async Task AppendHistoryAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        SqliteOrchestrationWorkItem item,
        OrchestrationRuntimeState runtimeState)
    {
        string executionId = runtimeState.OrchestrationInstance!.ExecutionId;
        bool sameExecution = item.LoadedExecutionId == executionId;
        int first = sameExecution ? item.LoadedEventCount : 0;
        for (int sequence = first; sequence < runtimeState.Events.Count; sequence++)
        {
            HistoryEvent historyEvent = runtimeState.Events[sequence];
            await SqliteStore.ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO history (hub, instance_id, execution_id, sequence, event_type, event_json) VALUES ($hub, $id, $execution, $seq, $type, $json)",
                ("$hub", hub),
                ("$id", item.InstanceId),
                ("$execution", executionId),
                ("$seq", sequence),
                ("$type", historyEvent.EventType.ToString()),
                ("$json", DurableTaskJson.Serialize(historyEvent))).ConfigureAwait(false);
        }
    }

    private async Task EnsureLeaseAsync(SqliteConnection connection, SqliteTransaction transaction, SqliteOrchestrationWorkItem item)
    {
        string? token = await ScalarAsync<string>(
            connection,
            transaction,
            "SELECT lock_token FROM instance_leases WHERE hub = $hub AND instance_id = $id",
            ("$hub", hub),
            ("$id", item.InstanceId)).ConfigureAwait(false);
        if (token != item.LockToken)
        {
            throw new InvalidOperationException($"Lease on orchestration '{item.InstanceId}' was lost; the work item will be retried.");
        }
    }

    private async Task<(string ExecutionId, OrchestrationStatus Status)?> ReadInstanceHeaderAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string instanceId)
    {
        await using SqliteCommand command = SqliteStore.Command(
            connection,
            transaction,
            "SELECT execution_id, status FROM instances WHERE hub = $hub AND instance_id = $id",
            ("$hub", hub),
            ("$id", instanceId));
        await using SqliteDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? (reader.GetString(0), (OrchestrationStatus)reader.GetInt32(1))
            : null;
    }

    private async Task<List<HistoryEvent>> ReadHistoryAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string instanceId,
        string executionId)
    {
        await using SqliteCommand command = SqliteStore.Command(
            connection,
            transaction,
            "SELECT event_json FROM history WHERE hub = $hub AND instance_id = $id AND execution_id = $execution ORDER BY sequence",
            ("$hub", hub),
            ("$id", instanceId),
            ("$execution", executionId));
        var events = new List<HistoryEvent>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            events.Add(DurableTaskJson.Deserialize<HistoryEvent>(reader.GetString(0)));
        }

        return events;
    }

    private Task<OrchestrationState?> ReadStateAsync(string instanceId, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                string? json = await ScalarAsync<string>(
                    connection,
                    null,
                    "SELECT state_json FROM instances WHERE hub = $hub AND instance_id = $id",
                    ("$hub", hub),
                    ("$id", instanceId)).ConfigureAwait(false);
                return json is null ? null : DurableTaskJson.Deserialize<OrchestrationState>(json);
            },
            cancellationToken);

    private async Task DeleteMessagesAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> ids)
    {
        foreach (long id in ids)
        {
            await SqliteStore.ExecuteAsync(connection, transaction, "DELETE FROM orchestration_messages WHERE id = $msg", ("$msg", id))
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the engine has work it can do now or is doing: due orchestration messages (timers by the business
    /// clock), queued activities, or instances under lock. The local trigger runner waits for this to settle.
    /// </summary>
    public Task<bool> HasWorkAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection => await ScalarAsync<long>(
                connection,
                null,
                """
                SELECT EXISTS (SELECT 1 FROM orchestration_messages WHERE hub = $hub AND visible_at <= $now)
                    OR EXISTS (SELECT 1 FROM activity_messages WHERE hub = $hub)
                    OR EXISTS (SELECT 1 FROM instance_leases WHERE hub = $hub AND lock_token IS NOT NULL)
                """,
                ("$hub", hub),
                ("$now", Now())).ConfigureAwait(false) != 0,
            cancellationToken);

    private static async Task<T?> ScalarAsync<T>(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        params (string Name, object? Value)[] parameters)
    {
        await using SqliteCommand command = SqliteStore.Command(connection, transaction, sql, parameters);
        object? value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    private static (long AfterCreated, string AfterId) ParseContinuation(string continuation)
    {
        int separator = continuation.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && long.TryParse(continuation.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out long created)
            ? (created, continuation[(separator + 1)..])
            : throw new ArgumentException("Invalid continuation token.", nameof(continuation));
    }

    private long Now() => clock.GetCurrentInstant().ToUnixTimeTicks();

    private long WallNow() => ToWallTicks(wall.GetUtcNow().UtcDateTime);

    private static long ToWallTicks(DateTime utc) => utc.Ticks;

    private static long ToInstantTicks(DateTime value) =>
        Instant.FromDateTimeUtc(value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        }).ToUnixTimeTicks();

    private static DateTime ToDateTime(long unixTicks) => Instant.FromUnixTimeTicks(unixTicks).ToDateTimeUtc();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);

    private sealed class SqliteOrchestrationWorkItem(string lockToken, IReadOnlyList<long> messageIds, int loadedEventCount)
        : TaskOrchestrationWorkItem
    {
        public string LockToken { get; } = lockToken;

        public IReadOnlyList<long> MessageIds { get; } = messageIds;

        public int LoadedEventCount { get; } = loadedEventCount;

        public string? LoadedExecutionId { get; init; }

        /// <summary>Set once the completion (which also released the lease) has committed.</summary>
        public bool Completed { get; set; }
    }

    private sealed class SqliteActivityWorkItem(long messageId, string lockToken) : TaskActivityWorkItem
    {
        public long MessageId { get; } = messageId;

        public string LockToken { get; } = lockToken;
    }
}
