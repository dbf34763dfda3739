using NodaTime;

namespace ValeoErp.Durable;

public sealed record ProcessStep(Instant At, string Event, string From, string To, string? Note = null);

/// <summary>What a reorder proposal suggests buying, and why.</summary>
public sealed record ReorderProposal(string ArticleId, string ArticleNumber, string? SupplierId, decimal Quantity, decimal Stock,
    decimal ReorderPoint, decimal RecentConsumption, decimal? LotSize);

/// <summary>
/// What the API shows of one orchestration: the business state and its steps, published by the orchestrator as its
/// custom status, plus the engine's runtime status. Step times are the times of the events that caused them.
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

    /// <summary>The engine's view: pending, running, completed, failed or terminated.</summary>
    public string RuntimeStatus { get; init; } = "pending";

    /// <summary>Who made the decision that ended a human step (approval, proposal), when one was made.</summary>
    public string? DecidedBy { get; init; }

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
        [OrderToCash.Kind] = ["completed", "compensated"],
        [Approval.Kind] = ["approved", "rejected"],
        [Reorder.Kind] = ["ordered", "rejected"],
    };

    public bool IsFinal => FinalStates.TryGetValue(Kind, out var final) && final.Contains(State);

    public static ProcessInstance Start(string id, string kind, string subjectId, string state, string @event, Instant at, string? note = null) => new()
    {
        Id = id, Kind = kind, SubjectId = subjectId, State = state, StartedAt = at, UpdatedAt = at, RuntimeStatus = "running",
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
