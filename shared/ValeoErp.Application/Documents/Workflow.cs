using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Compliance;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

public sealed record RejectInput(string? Reason);

/// <summary>
/// draft -> submitted -> approved | rejected: every step is a recorded transition (who, when, why).
/// Submitting below the tenant's threshold approves at once; above it an approver other than the
/// creator must decide (four-eyes).
/// </summary>
public sealed class Workflow(Ledger ledger, Settings settings, PointOfSale pointOfSale)
{
    /// <summary>
    /// A sales order passes the checks at the point of sale first (Landhandel compliance): a refused one answers 409
    /// with the rule and what is missing and stays as it was; an allowed one keeps the evidence it was allowed on.
    /// </summary>
    public async Task<Result<DocumentOutcome>> Submit(string id, DocumentKind kind, SubmitInput? input, CancellationToken ct)
    {
        var result = await Step(id, kind, "submitted", async (d, c) =>
        {
            IReadOnlyList<Domain.Compliance.ComplianceCheck> checks = [];
            if (d.Kind == DocumentKind.SalesOrder && d.IsEditable)
            {
                var gate = await pointOfSale.Check(d, input?.ShownEvidence ?? [], c);
                if (!gate.IsSuccess) return gate.Error!;
                checks = gate.Value;
            }
            var submitted = d.Submit(ledger.UserId, ledger.Now, (await settings.Approval(c)).Value.For(d.Kind));
            return submitted.IsSuccess ? submitted.Value with { Compliance = checks } : submitted;
        }, ct);
        if (result.Error is RuleBroken refusal) await pointOfSale.RecordRefusal(id, refusal, ct);
        else if (result.IsSuccess) await pointOfSale.RecordQuantities(result.Value.Document, ct);
        return result;
    }

    public Task<Result<DocumentOutcome>> Approve(string id, DocumentKind kind, CancellationToken ct) =>
        Step(id, kind, "approved", (d, _) => Task.FromResult(d.Approve(ledger.UserId, ledger.Now)), ct);

    public Task<Result<DocumentOutcome>> Reject(string id, DocumentKind kind, RejectInput input, CancellationToken ct) =>
        Step(id, kind, "rejected", (d, _) => Task.FromResult(d.Reject(ledger.UserId, ledger.Now, input.Reason)), ct);

    private Task<Result<DocumentOutcome>> Step(string id, DocumentKind kind, string action,
        Func<TradeDocument, CancellationToken, Task<Result<TradeDocument>>> decide, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, id, ct, kind);
            if (!loaded.IsSuccess) return loaded.Error!;
            var decided = await decide(loaded.Value.Value, ct);
            if (!decided.IsSuccess) return decided.Error!;
            var changes = new ChangeSet();
            var eventAction = decided.Value.Status == DocumentStatus.Approved && action == "submitted" ? "approved" : action;
            DocumentStore.Stage(ledger, changes, decided.Value, loaded.Value, eventAction);
            var outcome = new DocumentOutcome(decided.Value, loaded.Value.Version + 1);
            ledger.Respond(changes, 200, null, outcome.ETag, DocumentStore.View(decided.Value));
            return await ledger.Commit(Scope.Year(decided.Value.Year), changes, ct) is { } error ? error : outcome;
        });
}
