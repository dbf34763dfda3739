using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Durable;

/// <summary>
/// Order-to-cash: approved (stock reserved) -> partly delivered -> delivered -> invoiced -> completed once
/// every invoice of the fully invoiced order is paid. Cancelling after approval compensates: the reservation
/// of what was not delivered is released and the order's invoice drafts are voided -> compensated.
/// </summary>
public sealed class OrderToCash(Ledger ledger, Warehouses warehouses, DocumentFlow flow) : IEventConsumer
{
    public const string Kind = "orderToCash";

    public string Function => "OrderToCash";

    public static string IdFor(string orderId) => $"{orderId}-o2c";

    public Task Handle(EventEnvelope e, CancellationToken ct) => Processes.Retrying(async () => e.Type switch
    {
        "salesOrder.approved" => await Approved(e, Read<TradeDocument>(e), ct),
        "deliveryNote.delivered" when Read<TradeDocument>(e) is { Kind: DocumentKind.DeliveryNote } note => await Delivered(e, note, ct),
        "salesInvoice.posted" => await InvoicePosted(e, Read<TradeDocument>(e), ct),
        "openItem.settled" => await Settled(e, Read<OpenItem>(e), ct),
        "salesOrder.cancelled" => await Cancelled(e, Read<TradeDocument>(e), ct),
        _ => null,
    });

    private async Task<Error?> Approved(EventEnvelope e, TradeDocument order, CancellationToken ct)
    {
        var scope = Scope.Year(order.Year);
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var existing = await ledger.Find<ProcessInstance>(scope, Processes.Type, IdFor(order.Id), ct);
        if (existing is not null) return await Mark(scope, e, ct);
        var changes = new ChangeSet();
        var warehouse = await DefaultWarehouse(ct);
        await Reservations.Adjust(ledger, changes, order.Year, warehouse, order.Lines.Select(l => (l.ArticleId, l.OpenToFulfil)), ct);
        Processes.Stage(ledger, changes, ProcessInstance.Start(IdFor(order.Id), Kind, order.Id, "approved", e.Type, ledger.Now,
            $"{order.Number}: stock reserved"), null);
        return await Commit(scope, changes, e, ct);
    }

    private async Task<Error?> Delivered(EventEnvelope e, TradeDocument note, CancellationToken ct)
    {
        if (note.OriginId is null) return null;
        return await Step(e, note.OriginId, ct, async (instance, order, changes) =>
        {
            await Reservations.Adjust(ledger, changes, order.Year, await DefaultWarehouse(ct), note.Lines.Select(l => (l.ArticleId, -l.Quantity)), ct);
            var full = order.Lines.All(l => l.OpenToFulfil <= 0m);
            return instance.Move(full ? "delivered" : "partlyDelivered", e.Type, ledger.Now, note.Number);
        });
    }

    private async Task<Error?> InvoicePosted(EventEnvelope e, TradeDocument invoice, CancellationToken ct)
    {
        if (invoice.OriginId is null) return null;
        return await Step(e, invoice.OriginId, ct, (instance, order, _) =>
        {
            var tracked = instance with
            {
                InvoiceIds = [.. instance.InvoiceIds, invoice.Id],
                OpenItemIds = invoice.OpenItemId is null ? instance.OpenItemIds : [.. instance.OpenItemIds, invoice.OpenItemId],
            };
            var fully = order.Lines.All(l => l.Invoiced >= l.Quantity);
            return Task.FromResult(fully ? tracked.Move("invoiced", e.Type, ledger.Now, invoice.Number) : tracked.Note(e.Type, ledger.Now, invoice.Number));
        });
    }

    private async Task<Error?> Settled(EventEnvelope e, OpenItem item, CancellationToken ct)
    {
        var invoice = await DocumentStore.Load(ledger, item.DocumentId, ct);
        if (!invoice.IsSuccess || invoice.Value.Value.OriginId is not { } orderId || invoice.Value.Value.Kind != DocumentKind.SalesInvoice) return null;
        return await Step(e, orderId, ct, (instance, order, _) =>
        {
            var tracked = instance with { SettledItemIds = [.. instance.SettledItemIds.Append(item.Id).Distinct()] };
            var done = order.Lines.All(l => l.Invoiced >= l.Quantity) && tracked.OpenItemIds.All(tracked.SettledItemIds.Contains);
            return Task.FromResult(done ? tracked.Move("completed", e.Type, ledger.Now, $"{item.DocumentNumber} paid") : tracked.Note(e.Type, ledger.Now, item.DocumentNumber));
        });
    }

    private async Task<Error?> Cancelled(EventEnvelope e, TradeDocument order, CancellationToken ct) =>
        await Step(e, order.Id, ct, async (instance, current, changes) =>
        {
            await Reservations.Adjust(ledger, changes, current.Year, await DefaultWarehouse(ct), current.Lines.Select(l => (l.ArticleId, -l.OpenToFulfil)), ct);
            var voided = 0;
            foreach (var edge in (await flow.Successors(current.Id, ct)).Where(x => x.To.Kind.IsInvoice()))
            {
                var draft = await DocumentStore.Load(ledger, edge.To.Id, ct);
                if (draft is not { IsSuccess: true } || draft.Value.Value.Status != DocumentStatus.Draft) continue;
                changes.Writes.Add(new DeleteRecord(DocumentStore.Type, draft.Value.Value.Id, draft.Value.Version));
                ledger.Record(changes, DocumentStore.Type, $"{DocumentStore.KindLabel(draft.Value.Value.Kind)}.voided", draft.Value.Value.Id,
                    ValeoJson.Serialize(draft.Value.Value), null);
                voided++;
            }
            return instance.Move("compensated", e.Type, ledger.Now, $"reservation released, {voided} invoice draft(s) voided");
        });

    /// <summary>Loads instance and order, lets the step decide, and commits instance, effects and mark together.</summary>
    private async Task<Error?> Step(EventEnvelope e, string orderId, CancellationToken ct,
        Func<ProcessInstance, TradeDocument, ChangeSet, Task<ProcessInstance>> decide)
    {
        if (DocumentStore.ScopeOf(orderId) is not { } scope) return null;
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var instance = await ledger.Find<ProcessInstance>(scope, Processes.Type, IdFor(orderId), ct);
        var order = await DocumentStore.Load(ledger, orderId, ct, DocumentKind.SalesOrder);
        if (instance is null || instance.Value.IsFinal || !order.IsSuccess) return await Mark(scope, e, ct);
        var changes = new ChangeSet();
        var next = await decide(instance.Value, order.Value.Value, changes);
        Processes.Stage(ledger, changes, next, instance);
        return await Commit(scope, changes, e, ct);
    }

    private async Task<string> DefaultWarehouse(CancellationToken ct)
    {
        var errors = new FieldErrors();
        return (await warehouses.Resolve(errors, null, ct))?.Id ?? throw new InvalidOperationException("The tenant has no default warehouse.");
    }

    private async Task<Error?> Mark(Scope scope, EventEnvelope e, CancellationToken ct) => await Commit(scope, new ChangeSet(), e, ct);

    private async Task<Error?> Commit(Scope scope, ChangeSet changes, EventEnvelope e, CancellationToken ct)
    {
        Consumption.Mark(changes, Function, e.Id);
        return await ledger.Commit(scope, changes, ct);
    }

    private static T Read<T>(EventEnvelope e) => e.Data.Deserialize<T>(ValeoJson.Options) ?? throw new JsonException($"{e.Type} carries no {typeof(T).Name}.");
}
