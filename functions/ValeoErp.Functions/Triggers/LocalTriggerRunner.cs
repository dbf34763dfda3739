using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Triggers;

/// <summary>
/// Plays the Functions host and Service Bus for the local shape: relays the outbox to the local bus,
/// delivers each message to the function bound to its subscription as the host would (<c>POST /&lt;Function&gt;</c>
/// with Data + Metadata), retries with back-off, dead-letters after maxDeliveryCount, and fires timers.
/// Tests drive it step by step with an injected clock.
/// </summary>
public sealed class LocalTriggerRunner(
    IOutbox outbox, IEventPublisher publisher, ILocalQueue queue, MessagingModel messaging, FunctionCatalog catalog,
    IClock clock, ILogger<LocalTriggerRunner> log, IEnumerable<Durable.Engine.IEngineWork> engines)
{
    private HttpClient? _client;
    private readonly Dictionary<string, Instant> _nextTimer = [];

    /// <summary>Test hook: runs after publishing and before marking the outbox, e.g. to simulate a crash.</summary>
    public Func<IReadOnlyList<StoredEvent>, Task>? AfterPublish { get; set; }

    public int MaxParallelDeliveries { get; set; } = 8;

    /// <summary>Messages per delivery to a <c>cardinality: many</c> function (the host's maxMessageBatchSize).</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>The change-feed path (Azure): publishes the unpublished events a batch of changed documents names.</summary>
    public async Task<int> RelayChanged(IReadOnlyCollection<string> documentIds, CancellationToken ct)
    {
        var pending = await outbox.Unpublished(documentIds, ct);
        if (pending.Count == 0) return 0;
        await publisher.Publish(pending.Select(Envelopes.ToMessage).ToArray(), ct);
        await Published(pending, ct);
        return pending.Count;
    }

    private async Task Published(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await outbox.MarkPublished(events.Select(e => e.Message.Id).ToArray(), now, ct);
        foreach (var e in events) ValeoMetrics.OutboxLag.Record(Math.Max(0, (now - e.Message.Time).TotalSeconds));
    }

    public void UseClient(HttpClient client) => _client = client;

    /// <summary>Publishes what the outbox holds; a crash between publishing and marking re-publishes, and the bus drops the duplicates.</summary>
    public async Task<int> Relay(CancellationToken ct)
    {
        // Outbox rows stay unpublished until marked, and the bus ignores a repeated MessageId: a relay lost to a power
        // cut is done again, so its commits defer their sync (CommitDurability).
        using var deferred = CommitDurability.Defer();
        var pending = await outbox.Unpublished(500, clock.GetCurrentInstant(), ct);
        if (pending.Count == 0) return 0;
        await publisher.Publish(pending.Select(Envelopes.ToMessage).ToArray(), ct);
        if (AfterPublish is { } fault) await fault(pending);
        await Published(pending, ct);
        return pending.Count;
    }

    public async Task<int> Deliver(CancellationToken ct)
    {
        using var deferred = CommitDurability.Defer(); // claims and completions: a lost one means a redelivery
        var now = clock.GetCurrentInstant();
        var batch = await queue.Claim(now, Duration.FromMinutes(1), 128, ct);
        // Session subscriptions: one tenant's messages in order; everything else in parallel.
        var lanes = batch.GroupBy(m => messaging.Find(m.Topic, m.Subscription)?.RequiresSession == true
            ? $"{m.Subscription}|{m.Message.TenantId}" : $"#{m.Id}");
        var completed = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeliveries, CancellationToken = ct },
            async (lane, token) =>
            {
                var ordered = lane.OrderBy(m => m.Id).ToArray();
                if (catalog.ForSubscription(ordered[0].Topic, ordered[0].Subscription) is { IsBatch: true } function
                    && messaging.Find(ordered[0].Topic, ordered[0].Subscription) is { } subscription)
                {
                    foreach (var chunk in ordered.Chunk(MaxBatchSize))
                        if (await DeliverBatch(chunk, function, subscription, token))
                            foreach (var message in chunk) completed.Add(message.Id);
                }
                else
                    foreach (var message in ordered)
                        if (await DeliverOne(message, token)) completed.Add(message.Id);
            });
        await queue.Complete(completed.ToArray(), ct);
        return batch.Count;
    }

    /// <summary>Relays and delivers until nothing due is left (messages waiting for a retry time stay queued).</summary>
    public async Task<int> Drain(CancellationToken ct = default)
    {
        var total = 0;
        for (var round = 0; round < 1000; round++)
        {
            var moved = await Relay(ct) + await Deliver(ct);
            total += moved;
            if (moved == 0 && await EngineSettled(ct)) return total;
        }
        return total;
    }

    /// <summary>True when the orchestration engine had nothing to do; otherwise waits until it is done (its activities may have emitted events).</summary>
    private async Task<bool> EngineSettled(CancellationToken ct)
    {
        var settled = true;
        foreach (var engine in engines)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (await engine.HasWork(timeout.Token))
            {
                settled = false;
                await Task.Delay(10, timeout.Token);
            }
        }
        return settled;
    }

    public async Task<int> RunTimers(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var fired = 0;
        foreach (var timer in catalog.All.Where(f => f.TriggerType == "timerTrigger" && f.Schedule is not null))
        {
            if (!_nextTimer.TryGetValue(timer.Name, out var due)) _nextTimer[timer.Name] = due = TimerSchedule.Next(timer.Schedule!, now);
            if (due > now) continue;
            var next = TimerSchedule.Next(timer.Schedule!, now);
            _nextTimer[timer.Name] = next;
            var body = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    [timer.BindingName] = new JsonObject
                    {
                        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                        ["ScheduleStatus"] = new JsonObject { ["Last"] = Iso(due), ["Next"] = Iso(next), ["LastUpdated"] = Iso(now) },
                        ["IsPastDue"] = now - due > Duration.FromMinutes(1),
                    },
                },
                ["Metadata"] = new JsonObject(),
            };
            var response = await Client.PostAsJsonAsync($"/{timer.Name}", body, ct);
            if (!response.IsSuccessStatusCode) log.LogWarning("Timer {Function} answered {Status}", timer.Name, (int)response.StatusCode);
            fired++;
        }
        return fired;
    }

    /// <returns>True when the function answered 2xx; the caller completes those together.</returns>
    private async Task<bool> DeliverOne(QueuedMessage message, CancellationToken ct)
    {
        var subscription = messaging.Find(message.Topic, message.Subscription);
        var function = catalog.ForSubscription(message.Topic, message.Subscription);
        var now = clock.GetCurrentInstant();
        if (subscription is null || function is null)
        {
            await queue.DeadLetter(message.Id, $"No function is bound to {message.Topic}/{message.Subscription}.", now, ct);
            ValeoMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("subscription", message.Subscription));
            return false;
        }
        if (await Post(function, Envelope(message, function), ct) is not { } error) return true;
        await Fail(message, subscription, error, now, ct);
        return false;
    }

    /// <returns>True when the function answered 2xx for the whole batch; otherwise every message of it is retried.</returns>
    private async Task<bool> DeliverBatch(QueuedMessage[] batch, FunctionDefinition function, SubscriptionModel subscription, CancellationToken ct)
    {
        if (await Post(function, BatchEnvelope(batch, function), ct) is not { } error) return true;
        var now = clock.GetCurrentInstant();
        foreach (var message in batch) await Fail(message, subscription, error, now, ct);
        return false;
    }

    /// <returns>Null when the function answered 2xx, else what went wrong (status and body, or the transport error).</returns>
    private async Task<string?> Post(FunctionDefinition function, JsonObject envelope, CancellationToken ct)
    {
        try
        {
            var response = await Client.PostAsJsonAsync($"/{function.Name}", envelope, ct);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    private async Task Fail(QueuedMessage message, SubscriptionModel subscription, string error, Instant now, CancellationToken ct)
    {
        if (message.DeliveryCount >= subscription.MaxDeliveryCount)
        {
            log.LogWarning("Dead-lettered {MessageId} on {Subscription} after {Count} deliveries", message.Message.MessageId, message.Subscription, message.DeliveryCount);
            await queue.DeadLetter(message.Id, $"MaxDeliveryCountExceeded: {error}", now, ct);
            ValeoMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("subscription", message.Subscription));
        }
        else await queue.Abandon(message.Id, now + Backoff(message.DeliveryCount), error, ct);
    }

    /// <summary>1 s, 2 s, 4 s ... capped at one minute.</summary>
    public static Duration Backoff(int deliveryCount) => Duration.FromSeconds(Math.Min(60, 1 << Math.Min(deliveryCount - 1, 6)));

    /// <summary>The host's Service Bus envelope: the body as text, broker properties in Metadata.</summary>
    public static JsonObject Envelope(QueuedMessage message, FunctionDefinition function)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in message.Message.Properties) properties[key] = value;
        return new JsonObject
        {
            ["Data"] = new JsonObject { [function.BindingName] = message.Message.Body },
            ["Metadata"] = new JsonObject
            {
                ["MessageId"] = message.Message.MessageId,
                ["DeliveryCount"] = message.DeliveryCount,
                ["Subject"] = message.Message.Subject,
                ["CorrelationId"] = message.Message.CorrelationId,
                ["ContentType"] = "application/json",
                ["ApplicationProperties"] = properties,
                ["UserProperties"] = properties.DeepClone(),
                ["EnqueuedTimeUtc"] = Iso(message.EnqueuedAt),
                ["SequenceNumber"] = message.Id,
            },
        };
    }

    /// <summary>The host's batch envelope (<c>cardinality: many</c>): the bodies as an array, each metadata property as <c>...Array</c>.</summary>
    public static JsonObject BatchEnvelope(IReadOnlyList<QueuedMessage> batch, FunctionDefinition function)
    {
        JsonArray Each(Func<QueuedMessage, JsonNode?> select) => new(batch.Select(select).ToArray());
        JsonObject Properties(QueuedMessage m)
        {
            var properties = new JsonObject();
            foreach (var (key, value) in m.Message.Properties) properties[key] = value;
            return properties;
        }
        return new JsonObject
        {
            ["Data"] = new JsonObject { [function.BindingName] = Each(m => m.Message.Body) },
            ["Metadata"] = new JsonObject
            {
                ["MessageIdArray"] = Each(m => m.Message.MessageId),
                ["DeliveryCountArray"] = Each(m => m.DeliveryCount),
                ["SubjectArray"] = Each(m => m.Message.Subject),
                ["CorrelationIdArray"] = Each(m => m.Message.CorrelationId),
                ["ContentTypeArray"] = Each(_ => "application/json"),
                ["ApplicationPropertiesArray"] = Each(Properties),
                ["UserPropertiesArray"] = Each(Properties),
                ["EnqueuedTimeUtcArray"] = Each(m => Iso(m.EnqueuedAt)),
                ["SequenceNumberArray"] = Each(m => m.Id),
            },
        };
    }

    private HttpClient Client => _client ?? throw new InvalidOperationException("The trigger runner has no client to reach the handler yet.");

    private static string Iso(Instant i) => InstantPattern.ExtendedIso.Format(i);
}

/// <summary>Runs the local trigger runner in the background of the local shape, once the server listens.</summary>
public sealed class LocalTriggerHost(IServiceProvider services, IHostApplicationLifetime lifetime,
    Microsoft.AspNetCore.Hosting.Server.IServer server, IConfiguration config, ILogger<LocalTriggerHost> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        // Relaying can wait: the first requests get both cores for their warm-up (Triggers:Local:StartDelay).
        await Task.Delay(config.GetValue("Triggers:Local:StartDelay", TimeSpan.FromSeconds(2)), stoppingToken);
        var runner = services.GetRequiredService<LocalTriggerRunner>();
        var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return;
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1")).Uri;
        runner.UseClient(new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(100) });

        var stopwatch = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var moved = await runner.Relay(stoppingToken) + await runner.Deliver(stoppingToken);
                if (stopwatch.ElapsedMilliseconds > 1000)
                {
                    await runner.RunTimers(stoppingToken);
                    stopwatch.Restart();
                }
                if (moved == 0) await Task.Delay(50, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError(e, "The local trigger runner failed a round; it retries");
                await Task.Delay(1000, stoppingToken);
            }
        }
    }
}
