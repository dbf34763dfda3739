using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

public sealed record CancelInput(string? Reason);

/// <summary>
/// Cancels what is left of an order. Only the decision is taken here; releasing reservations and voiding
/// invoice drafts is the order-to-cash process's compensation, driven by the <c>salesOrder.cancelled</c> event.
/// </summary>
public sealed class Cancellation(Ledger ledger, DocumentFlow flow)
{
    public Task<Result<DocumentOutcome>> Cancel(string id, DocumentKind kind, CancelInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, id, ct, kind);
            if (!loaded.IsSuccess) return loaded.Error!;
            var posted = false;
            foreach (var edge in (await flow.Successors(id, ct)).Where(e => e.To.Kind.IsInvoice()))
                posted |= (await DocumentStore.Load(ledger, edge.To.Id, ct)) is { IsSuccess: true } invoice && invoice.Value.Value.Status == DocumentStatus.Posted;
            var cancelled = loaded.Value.Value.Cancel(ledger.UserId, ledger.Now, input.Reason, posted);
            if (!cancelled.IsSuccess) return cancelled.Error!;
            var changes = new ChangeSet();
            DocumentStore.Stage(ledger, changes, cancelled.Value, loaded.Value, "cancelled");
            var outcome = new DocumentOutcome(cancelled.Value, loaded.Value.Version + 1);
            ledger.Respond(changes, 200, null, outcome.ETag, DocumentStore.View(cancelled.Value));
            return await ledger.Commit(Scope.Year(cancelled.Value.Year), changes, ct) is { } error ? error : outcome;
        });
}
