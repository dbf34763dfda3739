using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Durable.Engine;

namespace ValeoErp.Durable;

public sealed record ProposalDecision(string? SupplierId, decimal? Quantity, string? Reason);

public sealed record ReorderInput(string Tenant, string ProcessId, ReorderProposal Proposal, string Event, Instant At, string? TraceParent) : IProcessInput;

/// <summary>A person's decision on the proposal, raised by the processes API.</summary>
public sealed record ProposalSignal(string Id, bool Approve, string? SupplierId, decimal Quantity, string? Reason, string By, Instant At);

public sealed record ProposalOrder(string Tenant, string ProcessId, string ArticleId, string SupplierId, decimal Quantity, string By, LocalDate Date, string? TraceParent)
    : IProcessInput;

/// <summary>The one open proposal of an article: created with the decision to propose, removed when it is decided.</summary>
public sealed record OpenProposal(string ProcessId, ReorderInput Input);

/// <summary>
/// Reorder proposal: waits for a person; approving it creates the purchase order (its reference is the process id,
/// so a repeated activity finds the order instead of creating a second one), rejecting it needs a reason. An order
/// that cannot be created leaves the proposal waiting, with the reason in its history.
/// </summary>
public sealed class Reorder : TaskOrchestrator<ReorderInput, ProcessInstance>
{
    public const string Kind = "reorder";
    public const string Signal = "decision";

    public override async Task<ProcessInstance> RunAsync(TaskOrchestrationContext context, ReorderInput input)
    {
        var proposal = input.Proposal;
        var view = ProcessInstance.Start(input.ProcessId, Kind, proposal.ArticleId, "awaitingApproval", input.Event, input.At,
            FormattableString.Invariant($"{proposal.ArticleNumber}: {proposal.Stock:0.###} below reorder point {proposal.ReorderPoint:0.###}"))
            with { Proposal = proposal };
        context.SetCustomStatus(view);
        while (!view.IsFinal)
        {
            var decision = await context.WaitForExternalEvent<ProposalSignal>(Signal);
            if (!decision.Approve)
            {
                await context.CallActivityAsync<bool>(nameof(CloseProposal), input);
                view = view.Move("rejected", "proposal.rejected", decision.At, decision.Reason) with { DecidedBy = decision.By };
                break;
            }
            try
            {
                var orderId = await context.CallActivityAsync<string>(nameof(OrderProposedQuantity), new ProposalOrder(input.Tenant, input.ProcessId,
                    proposal.ArticleId, decision.SupplierId!, decision.Quantity, decision.By, decision.At.InUtc().Date, input.TraceParent));
                await context.CallActivityAsync<bool>(nameof(CloseProposal), input);
                view = view.Move("ordered", "proposal.approved", decision.At, decision.By) with { ResultId = orderId, DecidedBy = decision.By };
            }
            catch (TaskFailedException failed)
            {
                view = view.Note("proposal.failed", decision.At, failed.FailureDetails.ErrorMessage);
                context.SetCustomStatus(view);
            }
        }
        context.SetCustomStatus(view);
        return view;
    }

    /// <summary>Reorder point - stock + the last 30 days' consumption, at least one lot, rounded up to whole lots.</summary>
    public static decimal Quantity(decimal reorderPoint, decimal stock, decimal consumption, decimal? lotSize)
    {
        var needed = Math.Max(reorderPoint - stock + consumption, 0m);
        if (lotSize is not { } lot || lot <= 0m) return Math.Max(Math.Ceiling(needed), 1m);
        return Math.Max(Math.Ceiling(needed / lot), 1m) * lot;
    }
}

/// <summary>Creates the purchase order of an approved proposal, acting for the person who approved it.</summary>
public sealed class OrderProposedQuantity(IServiceScopeFactory scopes) : ProcessActivity<ProposalOrder, string>(scopes)
{
    protected override string ActingUser(ProposalOrder input) => input.By;

    protected override async Task<string> Run(IServiceProvider services, ProposalOrder input, CancellationToken ct)
    {
        var orders = services.GetRequiredService<Orders>();
        if (await orders.FindByReference(DocumentKind.PurchaseOrder, input.Date.Year, input.ProcessId, ct) is { } existing) return existing.Id;
        var created = await orders.Create(DocumentKind.PurchaseOrder, new OrderInput(null, input.SupplierId, input.Date.ToString("yyyy-MM-dd", null), null,
            [new OrderLineInput(input.ArticleId, input.Quantity, null, null)], input.ProcessId), ct);
        return created.IsSuccess ? created.Value.Document.Id : throw new InvalidOperationException($"The purchase order was refused: {created.Error!.Message}");
    }
}

/// <summary>Frees the article for its next proposal.</summary>
public sealed class CloseProposal(IServiceScopeFactory scopes) : ProcessActivity<ReorderInput, bool>(scopes)
{
    protected override async Task<bool> Run(IServiceProvider services, ReorderInput input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        await Effect(Step(input.ProcessId, "close"), async () =>
        {
            var scope = ReorderTrigger.ScopeOf(input.ProcessId);
            if (await ledger.Find<OpenProposal>(scope, ReorderTrigger.OpenMarker, input.Proposal.ArticleId, ct) is not { } marker
                || marker.Value.ProcessId != input.ProcessId) return null;
            var changes = new ChangeSet();
            changes.Writes.Add(new DeleteRecord(ReorderTrigger.OpenMarker, input.Proposal.ArticleId, marker.Version));
            return await ledger.Commit(scope, changes, ct);
        });
        return true;
    }
}

/// <summary>
/// A movement that takes an article below its reorder point proposes a purchase: one open proposal per article (a
/// marker record created with the decision), then the process is started - again after a crash in between.
/// </summary>
public sealed class ReorderTrigger(ProcessEngine engine, Ledger ledger, MasterData data, Warehouses warehouses, RequestContext context) : IEventConsumer
{
    public const string OpenMarker = "reorder-open";

    public string Function => "Reorder";

    public static Scope ScopeOf(string processId) => Scope.Year(int.Parse(processId[..4], System.Globalization.CultureInfo.InvariantCulture));

    public async Task Handle(EventEnvelope e, CancellationToken ct)
    {
        if (e.Type is not ("stock.issue" or "stock.correction")) return; // another subscription's event: acknowledged
        var movement = e.Data.Deserialize<StockMovement>(ValeoJson.Options) ?? throw new JsonException($"{e.Type} carries no movement.");
        var scope = Scope.Year(movement.Date.Year);
        var article = await data.Get(ArticleResource.Instance, movement.ArticleId, ct);
        if (!article.IsSuccess || article.Value.Value is not { MinimumStock: { } reorderPoint } a) return;
        var open = await ledger.Find<OpenProposal>(scope, OpenMarker, a.Id, ct);
        if (open is null)
        {
            var proposed = await Propose(e, movement, a, reorderPoint, scope, ct);
            if (proposed is null) return;
            open = await ledger.Find<OpenProposal>(scope, OpenMarker, a.Id, ct);
        }
        if (open is not null && await engine.Get(open.Value.ProcessId) is null)
            await engine.Start(nameof(Reorder), open.Value.ProcessId, open.Value.Input);
    }

    private async Task<OpenProposal?> Propose(EventEnvelope e, StockMovement movement, Article a, decimal reorderPoint, Scope scope, CancellationToken ct)
    {
        var stock = new StockChange(ledger, movement.Date.Year);
        var level = 0m;
        foreach (var w in await warehouses.All(ct)) level += (await stock.Balance(a.Id, w.Id, movement.Date.Year, ct)).Balance.Quantity;
        if (level >= reorderPoint) return null;
        var since = movement.Date.PlusDays(-30);
        var consumption = -(await ledger.All<StockMovement>(scope, StockChange.MovementType, ct, $"article:{a.Id}"))
            .Where(m => m.Kind == StockMovementKind.Issue && m.Date >= since).Sum(m => m.Quantity);
        var proposal = new ReorderProposal(a.Id, a.Number, a.PreferredSupplierId, Reorder.Quantity(reorderPoint, level, consumption, a.LotSize),
            level, reorderPoint, consumption, a.LotSize);
        var processId = $"{movement.Date.Year:0000}-{Ids.New()}-reorder";
        var open = new OpenProposal(processId, new ReorderInput(e.TenantId, processId, proposal, e.Type, e.Time, context.TraceParent));
        var changes = new ChangeSet();
        Ledger.Create(changes, OpenMarker, a.Id, open, RecordIndex.For(a.Id));
        // Another delivery of a movement may have proposed first: then its marker stands and this one is dropped.
        return await ledger.Commit(scope, changes, ct) is null ? open : null;
    }
}

/// <summary>The processes API's decisions on reorder proposals: validated here, carried out by the orchestration.</summary>
public sealed class ProposalDecisions(ProcessEngine engine, RequestContext context, IClock clock, MasterData data)
{
    public async Task<Result<(ProcessInstance View, bool Done)>> Approve(string id, ProposalDecision decision, CancellationToken ct)
    {
        if (await engine.Get(id) is not { Kind: Reorder.Kind } current) return new NotFound("Process", id);
        if (current.State == "ordered") return (current, true);
        if (current.State != "awaitingApproval") return new RuleBroken("invalid-status", $"The proposal is {current.State}.");
        var supplier = decision.SupplierId ?? current.Proposal!.SupplierId;
        if (supplier is null) return new ValidationFailed([new FieldError("supplierId", "is required: the article has no preferred supplier.")]);
        if (!(await data.Get(Application.Partners.PartnerResource.Suppliers, supplier, ct)).IsSuccess)
            return new ValidationFailed([new FieldError("supplierId", $"names no supplier: {supplier}.")]);
        var quantity = decision.Quantity ?? current.Proposal!.Quantity;
        if (quantity <= 0m) return new ValidationFailed([new FieldError("quantity", "must be greater than 0.")]);
        return await Decide(current, new ProposalSignal(Ids.New(), true, supplier, quantity, null, context.Actor.UserId, clock.GetCurrentInstant()), ct);
    }

    public async Task<Result<(ProcessInstance View, bool Done)>> Reject(string id, ProposalDecision decision, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(decision.Reason)) return new ValidationFailed([new FieldError("reason", "is required to reject a proposal.")]);
        if (await engine.Get(id) is not { Kind: Reorder.Kind } current) return new NotFound("Process", id);
        if (current.State != "awaitingApproval") return new RuleBroken("invalid-status", $"The proposal is {current.State}.");
        return await Decide(current, new ProposalSignal(Ids.New(), false, null, 0m, decision.Reason.Trim(), context.Actor.UserId, clock.GetCurrentInstant()), ct);
    }

    /// <summary>Raises the decision and waits briefly for the orchestration to act on it; otherwise answers with the waiting state.</summary>
    private async Task<Result<(ProcessInstance View, bool Done)>> Decide(ProcessInstance current, ProposalSignal signal, CancellationToken ct)
    {
        if (!await engine.Raise(current.Id, Reorder.Signal, signal)) return new RuleBroken("invalid-status", "The proposal is no longer waiting.");
        var steps = current.Steps.Count;
        var after = await engine.WaitFor(current.Id, v => v.Steps.Count > steps, TimeSpan.FromSeconds(20), ct) ?? current;
        return (after, after.Steps.Count > steps);
    }
}
