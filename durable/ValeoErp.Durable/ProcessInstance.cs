using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Durable;

public sealed record ProcessStep(Instant At, string Event, string From, string To, string? Note = null);

/// <summary>What a reorder proposal suggests buying, and why.</summary>
public sealed record ReorderProposal(string ArticleId, string ArticleNumber, string? SupplierId, decimal Quantity, decimal Stock,
    decimal ReorderPoint, decimal RecentConsumption, decimal? LotSize);

/// <summary>
/// The persisted state of one long-running process. Its version is its ETag; every handler reads it,
/// decides the next state and commits state, effects and the processed-message mark together.
/// </summary>
public sealed record ProcessInstance
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string SubjectId { get; init; }
    public required string State { get; init; }
    public required Instant StartedAt { get; init; }
    public required Instant UpdatedAt { get; init; }
    public IReadOnlyList<ProcessStep> Steps { get; init; } = [];
    public Instant? CompletedAt { get; init; }
    public Instant? DueAt { get; init; }

    // order-to-cash
    public IReadOnlyList<string> InvoiceIds { get; init; } = [];
    public IReadOnlyList<string> OpenItemIds { get; init; } = [];
    public IReadOnlyList<string> SettledItemIds { get; init; } = [];

    // approval
    public string? AwaitingRole { get; init; }
    public string? EscalatedTo { get; init; }

    // reorder
    public ReorderProposal? Proposal { get; init; }
    public string? ResultId { get; init; }

    /// <summary>The states in which each kind of process has ended.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FinalStates = new Dictionary<string, string[]>
    {
        ["orderToCash"] = ["completed", "compensated"],
        ["approval"] = ["approved", "rejected"],
        ["reorder"] = ["ordered", "rejected"],
    };

    public bool IsFinal => FinalStates.TryGetValue(Kind, out var final) && final.Contains(State);

    public static ProcessInstance Start(string id, string kind, string subjectId, string state, string @event, Instant at, string? note = null) => new()
    {
        Id = id, Kind = kind, SubjectId = subjectId, State = state, StartedAt = at, UpdatedAt = at,
        Steps = [new ProcessStep(at, @event, "started", state, note)],
    };

    public ProcessInstance Move(string to, string @event, Instant at, string? note = null) => this with
    {
        State = to, UpdatedAt = at, Steps = [.. Steps, new ProcessStep(at, @event, State, to, note)],
        CompletedAt = FinalStates.TryGetValue(Kind, out var final) && final.Contains(to) ? at : CompletedAt,
    };

    public ProcessInstance Note(string @event, Instant at, string? note = null) => this with
    {
        UpdatedAt = at, Steps = [.. Steps, new ProcessStep(at, @event, State, State, note)],
    };
}

public static class Processes
{
    public const string Type = "process";

    public static Scope? ScopeOf(string id) => Application.Documents.DocumentStore.ScopeOf(id);

    public static void Stage(Ledger ledger, ChangeSet changes, ProcessInstance instance, Versioned<ProcessInstance>? before)
    {
        var index = new RecordIndex($"{instance.StartedAt.ToUnixTimeTicks():D20}|{instance.Id}", SearchText.Index(instance.Kind, instance.SubjectId),
            [$"kind:{instance.Kind}", $"state:{instance.State}", $"subject:{instance.SubjectId}"]);
        if (before is null) Ledger.Create(changes, Type, instance.Id, instance, index);
        else Ledger.Replace(changes, Type, instance.Id, before.Version, instance, index);
        if (before is null || before.Value.State != instance.State)
            ledger.Record(changes, Type, $"process.{instance.Kind}.{instance.State}", instance.Id, before?.Value, instance);
    }

    public static async Task<Versioned<ProcessInstance>?> Find(Ledger ledger, string id, CancellationToken ct) =>
        ScopeOf(id) is { } scope ? await ledger.Find<ProcessInstance>(scope, Type, id, ct) : null;

    /// <summary>Runs a handler again on fresh state when it lost a race; gives up by asking the broker to redeliver.</summary>
    public static async Task Retrying(Func<Task<Error?>> attempt)
    {
        var result = await Ledger.Retrying<bool>(async () => await attempt() is { } error ? error : true, maxAttempts: 20);
        if (!result.IsSuccess && !Consumption.IsDuplicate(result.Error)) throw new ConsumerRetryException(result.Error!);
    }
}
