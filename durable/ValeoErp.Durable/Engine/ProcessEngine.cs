using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Durable.Engine;

/// <summary>Lists orchestration instances by instance-id prefix: what <see cref="IOrchestrationServiceClient"/> does not offer.</summary>
public interface IProcessDirectory
{
    Task<(IReadOnlyList<OrchestrationState> Items, string? Continuation)> List(string instanceIdPrefix, int pageSize, string? continuation, CancellationToken ct);
}

/// <summary>
/// The application's door to the Durable Task engine, for the caller's tenant: instance ids are "{tenant}:{id}" on the
/// engine and "{id}" in the API, so one tenant can neither see nor signal another's processes. Inputs and event
/// payloads are JSON in our convention (the orchestrations read them with the same options).
/// </summary>
public sealed class ProcessEngine(IOrchestrationServiceClient client, IProcessDirectory directory, RequestContext context, Ledger ledger)
{
    private static readonly OrchestrationStatus[] Active = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    public static string InstanceId(TenantId tenant, string id) => $"{tenant.Value}:{id}";

    private string Prefix => $"{context.Actor.Tenant.Value}:";

    /// <summary>Starts the instance unless one with this id is still active; answers whether it started.</summary>
    public async Task<bool> Start(string orchestrator, string id, object input)
    {
        var instance = new OrchestrationInstance { InstanceId = Prefix + id, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, ValeoJson.Serialize(input))
        {
            Name = orchestrator, Version = "", OrchestrationInstance = instance,
            Tags = new Dictionary<string, string> { ["tenant"] = context.Actor.Tenant.Value },
        };
        // The trace of the request or message that started the process continues into its orchestration and activities.
        if (context.TraceParent is { } trace) started.ParentTraceContext = new DistributedTraceContext(trace);
        try
        {
            await client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, Active);
            ValeoMetrics.OrchestrationsStarted.Add(1, new KeyValuePair<string, object?>("kind", Processes.KindOf(orchestrator)));
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Raises an event on an active instance; answers false when there is none to receive it.</summary>
    public async Task<bool> Raise(string id, string eventName, object payload)
    {
        var state = await State(Prefix + id);
        if (state is null || !Active.Contains(state.OrchestrationStatus)) return false;
        await client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = Prefix + id, ExecutionId = state.OrchestrationInstance.ExecutionId },
            Event = new EventRaisedEvent(-1, ValeoJson.Serialize(payload)) { Name = eventName },
        });
        ValeoMetrics.OrchestrationSignals.Add(1, new KeyValuePair<string, object?>("kind", Processes.KindOf(state.Name)));
        return true;
    }

    public async Task<ProcessInstance?> Get(string id) => await State(Prefix + id) is { } state ? View(state) : null;

    public async Task<Result<ProcessInstance>> Find(string id) => await Get(id) is { } found ? found : new NotFound("Process", id);

    /// <summary>Polls until the instance satisfies <paramref name="done"/> or the time is up; answers the last view.</summary>
    public async Task<ProcessInstance?> WaitFor(string id, Func<ProcessInstance, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var view = await Get(id);
        while (view is not null && !done(view) && !deadline.IsCancellationRequested)
        {
            try { await Task.Delay(25, deadline.Token); } catch (OperationCanceledException) { break; }
            view = await Get(id);
        }
        return view;
    }

    /// <summary>One fiscal year's instances (ids begin with the year), by kind and business state.</summary>
    public async Task<Result<Page<ProcessInstance>>> List(string? kind, string? state, int? year, int limit, string? continuation, CancellationToken ct)
    {
        string? token = null;
        if (continuation is not null && (token = Unwrap(continuation)) is null)
            return new ValidationFailed([new FieldError("continuation", "is not a continuation token this list gave out.")]);
        var items = new List<ProcessInstance>();
        var first = true;
        do
        {
            (IReadOnlyList<OrchestrationState> Items, string? Continuation) page;
            try
            {
                page = await directory.List($"{Prefix}{year ?? ledger.Today.Year:0000}-", limit, token, ct);
            }
            catch (Exception e) when (first && continuation is not null && e is ArgumentException or FormatException or Newtonsoft.Json.JsonException)
            {
                return new ValidationFailed([new FieldError("continuation", "is not a continuation token this list gave out.")]);
            }
            first = false;
            token = page.Continuation;
            items.AddRange(page.Items.Select(View).Where(v =>
                (string.IsNullOrWhiteSpace(kind) || v.Kind == kind) && (string.IsNullOrWhiteSpace(state) || v.State == state)));
        }
        while (items.Count < limit && token is not null);
        return new Page<ProcessInstance>(items, token is null ? null : Wrap(token));
    }

    // The engines' own tokens travel wrapped, so a token we did not give out is recognised on every engine alike.
    private const string TokenPrefix = "p1.";

    private static string Wrap(string token) =>
        TokenPrefix + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Unwrap(string continuation)
    {
        if (!continuation.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        var body = continuation[TokenPrefix.Length..].Replace('-', '+').Replace('_', '/');
        body = body.PadRight(body.Length + (4 - body.Length % 4) % 4, '=');
        try { return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body)); }
        catch (FormatException) { return null; }
    }

    private async Task<OrchestrationState?> State(string instanceId) =>
        (await client.GetOrchestrationStateAsync(instanceId, allExecutions: false))?.FirstOrDefault();

    private ProcessInstance View(OrchestrationState state)
    {
        var id = state.OrchestrationInstance.InstanceId[Prefix.Length..];
        // Before the orchestrator's first custom status the engines store none - or, Azure Storage, the JSON literal null.
        var view = string.IsNullOrEmpty(state.Status) || state.Status == "null"
            ? ProcessInstance.Start(id, Processes.KindOf(state.Name), "", "starting", "started", NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)))
            : ValeoJson.Deserialize<ProcessInstance>(state.Status);
        return view with
        {
            Id = id,
            RuntimeStatus = state.OrchestrationStatus switch
            {
                OrchestrationStatus.ContinuedAsNew => "running",
                var other => other.ToString().ToLowerInvariant(),
            },
        };
    }
}

/// <summary>Whether the engine has work due or in hand; the local shape's embedded engine can tell, so tests and the runner can wait for it.</summary>
public interface IEngineWork
{
    Task<bool> HasWork(CancellationToken ct);
}
