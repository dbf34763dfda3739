using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Durable;

public sealed record ProposalDecision(string? SupplierId, decimal? Quantity, string? Reason);

/// <summary>
/// Reorder proposals: when a movement takes an article below its reorder point, a proposal is made -
/// quantity = reorder point - stock + the last 30 days' consumption, at least one lot, rounded up to whole
/// lots - and waits for a person. Approving it creates the purchase order; one open proposal per article.
/// </summary>
public sealed class ReorderProposals(Ledger ledger, MasterData data, Warehouses warehouses, Orders orders) : IEventConsumer
{
    public const string Kind = "reorder";
    private const string OpenMarker = "reorder-open";

    public string Function => "Reorder";

    public Task Handle(EventEnvelope e, CancellationToken ct) => e.Type is not ("stock.issue" or "stock.correction")
        ? Task.CompletedTask // another subscription's event: nothing to do, acknowledged
        : Processes.Retrying(async () =>
    {
        var movement = e.Data.Deserialize<StockMovement>(ValeoJson.Options)!;
        var scope = Scope.Year(movement.Date.Year);
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var changes = new ChangeSet();
        var article = await data.Get(ArticleResource.Instance, movement.ArticleId, ct);
        if (article.IsSuccess && article.Value.Value is { MinimumStock: { } reorderPoint } a
            && await ledger.Find<object>(scope, OpenMarker, a.Id, ct) is null)
        {
            var stock = new StockChange(ledger, movement.Date.Year);
            var level = 0m;
            foreach (var w in await warehouses.All(ct)) level += (await stock.Balance(a.Id, w.Id, movement.Date.Year, ct)).Balance.Quantity;
            if (level < reorderPoint)
            {
                var since = movement.Date.PlusDays(-30);
                var consumption = -(await ledger.All<StockMovement>(scope, StockChange.MovementType, ct, $"article:{a.Id}"))
                    .Where(m => m.Kind == StockMovementKind.Issue && m.Date >= since).Sum(m => m.Quantity);
                var proposal = new ReorderProposal(a.Id, a.Number, a.PreferredSupplierId, Quantity(reorderPoint, level, consumption, a.LotSize),
                    level, reorderPoint, consumption, a.LotSize);
                var instance = ProcessInstance.Start($"{movement.Date.Year:0000}-{Ids.New()}-reorder", Kind, a.Id, "awaitingApproval", e.Type, ledger.Now,
                    $"{a.Number}: {level:0.###} below reorder point {reorderPoint:0.###}") with { Proposal = proposal };
                Processes.Stage(ledger, changes, instance, null);
                Ledger.Create(changes, OpenMarker, a.Id, new { processId = instance.Id }, RecordIndex.For(a.Id));
            }
        }
        Consumption.Mark(changes, Function, e.Id);
        return await ledger.Commit(scope, changes, ct);
    });

    public static decimal Quantity(decimal reorderPoint, decimal stock, decimal consumption, decimal? lotSize)
    {
        var needed = Math.Max(reorderPoint - stock + consumption, 0m);
        if (lotSize is not { } lot || lot <= 0m) return Math.Max(Math.Ceiling(needed), 1m);
        return Math.Max(Math.Ceiling(needed / lot), 1m) * lot;
    }

    /// <summary>A person accepts the proposal (optionally another supplier or quantity): the purchase order is created.</summary>
    public async Task<Result<ProcessInstance>> Approve(string id, ProposalDecision decision, CancellationToken ct)
    {
        var found = await Processes.Find(ledger, id, ct);
        if (found is not { Value.Kind: Kind } current) return new NotFound("Process", id);
        if (current.Value.State == "ordered") return current.Value;
        if (current.Value.State != "awaitingApproval") return new RuleBroken("invalid-status", $"The proposal is {current.Value.State}.");
        var proposal = current.Value.Proposal!;
        var supplier = decision.SupplierId ?? proposal.SupplierId;
        if (supplier is null) return new ValidationFailed([new FieldError("supplierId", "is required: the article has no preferred supplier.")]);
        var quantity = decision.Quantity ?? proposal.Quantity;

        // The order's reference is the process id, so a retry after a crash finds it instead of ordering twice.
        var order = await orders.FindByReference(DocumentKind.PurchaseOrder, ledger.Today.Year, id, ct);
        if (order is null)
        {
            var created = await orders.Create(DocumentKind.PurchaseOrder, new OrderInput(null, supplier,
                ledger.Today.ToString("yyyy-MM-dd", null), null, [new OrderLineInput(proposal.ArticleId, quantity, null, null)], id), ct);
            if (!created.IsSuccess) return created.Error!;
            order = created.Value.Document;
        }
        return await Finish(current, "ordered", "approved", order.Id, ct);
    }

    public async Task<Result<ProcessInstance>> Reject(string id, ProposalDecision decision, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(decision.Reason)) return new ValidationFailed([new FieldError("reason", "is required to reject a proposal.")]);
        var found = await Processes.Find(ledger, id, ct);
        if (found is not { Value.Kind: Kind } current) return new NotFound("Process", id);
        if (current.Value.State != "awaitingApproval") return new RuleBroken("invalid-status", $"The proposal is {current.Value.State}.");
        return await Finish(current, "rejected", "rejected", null, ct, decision.Reason);
    }

    private async Task<Result<ProcessInstance>> Finish(Versioned<ProcessInstance> current, string state, string @event, string? resultId,
        CancellationToken ct, string? note = null)
    {
        var scope = Processes.ScopeOf(current.Value.Id)!.Value;
        var next = current.Value.Move(state, $"proposal.{@event}", ledger.Now, note ?? ledger.UserId) with { ResultId = resultId };
        var changes = new ChangeSet();
        Processes.Stage(ledger, changes, next, current);
        if (await ledger.Find<object>(scope, OpenMarker, current.Value.SubjectId, ct) is { } marker)
            changes.Writes.Add(new DeleteRecord(OpenMarker, current.Value.SubjectId, marker.Version));
        ledger.Respond(changes, 200, null, ETags.Format(current.Version + 1), next);
        return await ledger.Commit(scope, changes, ct) is { } error ? error : next;
    }
}
