using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Durable.Engine;

namespace ValeoErp.Durable;

/// <summary>The approved order as the approval event showed it: its open quantities are what gets reserved.</summary>
public sealed record OrderToCashInput(string Tenant, string ProcessId, string OrderId, string Number, Instant At, IReadOnlyList<OpenLine> Lines,
    string? TraceParent) : IProcessInput;

public sealed record OpenLine(string ArticleId, decimal Quantity);

/// <summary>What happened to the order, raised on its process by <see cref="OrderToCashTrigger"/>; the event id makes a redelivery harmless.</summary>
public sealed record OrderSignal(string EventId, string Type, string DocumentId, string? Number, Instant At);

public sealed record OrderStep(string Tenant, string ProcessId, string OrderId, string Step, string? DocumentId, string? TraceParent) : IProcessInput;

public sealed record DeliveryResult(bool FullyDelivered);

public sealed record InvoiceResult(bool FullyInvoiced, string? OpenItemId);

/// <summary>
/// Order-to-cash as a saga: reserve stock, then follow deliveries, invoices and payments until every invoice of the
/// fully invoiced order is paid (completed). Cancellation after approval - or an activity that fails - compensates:
/// the reservation of what was not delivered is released and the order's invoice drafts are voided (compensated).
/// Deterministic: times come from the signals, effects from activities.
/// </summary>
public sealed class OrderToCash : TaskOrchestrator<OrderToCashInput, ProcessInstance>
{
    public const string Kind = "orderToCash";
    public const string Signal = "order";

    public static string IdFor(string orderId) => $"{orderId}-o2c";

    public override async Task<ProcessInstance> RunAsync(TaskOrchestrationContext context, OrderToCashInput input)
    {
        var view = ProcessInstance.Start(input.ProcessId, Kind, input.OrderId, "approved", "salesOrder.approved", input.At, input.Number);
        var seen = new HashSet<string>();
        var fullyInvoiced = false;
        try
        {
            await context.CallActivityAsync<bool>(nameof(ReserveOrderStock), input);
            view = view with { Steps = [view.Steps[0] with { Note = $"{input.Number}: stock reserved" }] };
            context.SetCustomStatus(view);
            while (!view.IsFinal)
            {
                var signal = await context.WaitForExternalEvent<OrderSignal>(Signal);
                if (!seen.Add(signal.EventId)) continue;
                switch (signal.Type)
                {
                    case "deliveryNote.delivered":
                        var delivery = await context.CallActivityAsync<DeliveryResult>(nameof(ReleaseDeliveredStock), Step(input, signal.EventId, signal.DocumentId));
                        view = view.Move(delivery.FullyDelivered ? "delivered" : "partlyDelivered", signal.Type, signal.At, signal.Number);
                        break;
                    case "salesInvoice.posted":
                        var invoice = await context.CallActivityAsync<InvoiceResult>(nameof(CheckOrderInvoiced), Step(input, signal.EventId, signal.DocumentId));
                        fullyInvoiced = invoice.FullyInvoiced;
                        view = view with
                        {
                            InvoiceIds = [.. view.InvoiceIds, signal.DocumentId],
                            OpenItemIds = invoice.OpenItemId is null ? view.OpenItemIds : [.. view.OpenItemIds, invoice.OpenItemId],
                        };
                        view = fullyInvoiced ? view.Move("invoiced", signal.Type, signal.At, signal.Number) : view.Note(signal.Type, signal.At, signal.Number);
                        break;
                    case "openItem.settled":
                        view = view with { SettledItemIds = [.. view.SettledItemIds.Append(signal.DocumentId).Distinct()] };
                        var paid = fullyInvoiced && view.OpenItemIds.All(view.SettledItemIds.Contains);
                        view = paid ? view.Move("completed", signal.Type, signal.At, $"{signal.Number} paid") : view.Note(signal.Type, signal.At, signal.Number);
                        break;
                    case "salesOrder.cancelled":
                        var voided = await context.CallActivityAsync<int>(nameof(CompensateOrder), Step(input, "compensate"));
                        view = view.Move("compensated", signal.Type, signal.At, $"reservation released, {voided} invoice draft(s) voided");
                        break;
                }
                context.SetCustomStatus(view);
            }
        }
        catch (TaskFailedException failed)
        {
            // A step that cannot complete ends the saga: undo what was reserved and not delivered.
            var voided = await context.CallActivityAsync<int>(nameof(CompensateOrder), Step(input, "compensate"));
            view = view.Move("compensated", "process.failed", view.UpdatedAt,
                $"{failed.FailureDetails.ErrorMessage}; reservation released, {voided} invoice draft(s) voided");
            context.SetCustomStatus(view);
        }
        return view;
    }

    private static OrderStep Step(OrderToCashInput input, string step, string? documentId = null) =>
        new(input.Tenant, input.ProcessId, input.OrderId, step, documentId, input.TraceParent);
}

/// <summary>Reserves the approved order's open quantities in the default warehouse.</summary>
public sealed class ReserveOrderStock(IServiceScopeFactory scopes) : ProcessActivity<OrderToCashInput, bool>(scopes)
{
    protected override async Task<bool> Run(IServiceProvider services, OrderToCashInput input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        var step = Step(input.ProcessId, "reserve");
        await Effect(step, async () =>
        {
            var order = await DocumentStore.Load(ledger, input.OrderId, ct, DocumentKind.SalesOrder);
            if (!order.IsSuccess) return order.Error;
            var scope = Scope.Year(order.Value.Value.Year);
            if (await Consumption.AlreadyDone(ledger, scope, Actor, step, ct)) return null;
            var changes = new ChangeSet();
            await Reservations.Adjust(ledger, changes, order.Value.Value.Year, await Reservations.DefaultWarehouse(services, ct),
                input.Lines.Select(l => (l.ArticleId, l.Quantity)), ct);
            Consumption.Mark(changes, Actor, step);
            return await ledger.Commit(scope, changes, ct);
        });
        return true;
    }
}

/// <summary>A delivery leaves the warehouse: its quantities are no longer reserved. Answers whether the order is fully delivered.</summary>
public sealed class ReleaseDeliveredStock(IServiceScopeFactory scopes) : ProcessActivity<OrderStep, DeliveryResult>(scopes)
{
    protected override async Task<DeliveryResult> Run(IServiceProvider services, OrderStep input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        await Effect(Step(input.ProcessId, input.Step), async () =>
        {
            var note = await DocumentStore.Load(ledger, input.DocumentId!, ct, DocumentKind.DeliveryNote);
            if (!note.IsSuccess) return note.Error;
            var scope = Scope.Year(note.Value.Value.Year);
            if (await Consumption.AlreadyDone(ledger, scope, Actor, Step(input.ProcessId, input.Step), ct)) return null;
            var changes = new ChangeSet();
            await Reservations.Adjust(ledger, changes, note.Value.Value.Year, await Reservations.DefaultWarehouse(services, ct),
                note.Value.Value.Lines.Select(l => (l.ArticleId, -l.Quantity)), ct);
            Consumption.Mark(changes, Actor, Step(input.ProcessId, input.Step));
            return await ledger.Commit(scope, changes, ct);
        });
        var order = await DocumentStore.Load(ledger, input.OrderId, ct, DocumentKind.SalesOrder);
        return new DeliveryResult(order.IsSuccess && order.Value.Value.Lines.All(l => l.OpenToFulfil <= 0m));
    }
}

/// <summary>Reads whether the order is fully invoiced and which open item the posted invoice made.</summary>
public sealed class CheckOrderInvoiced(IServiceScopeFactory scopes) : ProcessActivity<OrderStep, InvoiceResult>(scopes)
{
    protected override async Task<InvoiceResult> Run(IServiceProvider services, OrderStep input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        var order = await DocumentStore.Load(ledger, input.OrderId, ct, DocumentKind.SalesOrder);
        var invoice = await DocumentStore.Load(ledger, input.DocumentId!, ct);
        return new InvoiceResult(order.IsSuccess && order.Value.Value.Lines.All(l => l.Invoiced >= l.Quantity),
            invoice.IsSuccess ? invoice.Value.Value.OpenItemId : null);
    }
}

/// <summary>The saga's compensation: release what is reserved and not delivered, void the order's invoice drafts.</summary>
public sealed class CompensateOrder(IServiceScopeFactory scopes) : ProcessActivity<OrderStep, int>(scopes)
{
    protected override async Task<int> Run(IServiceProvider services, OrderStep input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        var flow = services.GetRequiredService<DocumentFlow>();
        var voided = 0;
        await Effect(Step(input.ProcessId, input.Step), async () =>
        {
            voided = 0;
            var order = await DocumentStore.Load(ledger, input.OrderId, ct, DocumentKind.SalesOrder);
            if (!order.IsSuccess) return order.Error;
            var current = order.Value.Value;
            var scope = Scope.Year(current.Year);
            if (await Consumption.AlreadyDone(ledger, scope, Actor, Step(input.ProcessId, input.Step), ct)) return null;
            var changes = new ChangeSet();
            await Reservations.Adjust(ledger, changes, current.Year, await Reservations.DefaultWarehouse(services, ct),
                current.Lines.Select(l => (l.ArticleId, -l.OpenToFulfil)), ct);
            foreach (var edge in (await flow.Successors(current.Id, ct)).Where(x => x.To.Kind.IsInvoice()))
            {
                var draft = await DocumentStore.Load(ledger, edge.To.Id, ct);
                if (draft is not { IsSuccess: true } || draft.Value.Value.Status != DocumentStatus.Draft) continue;
                changes.Writes.Add(new DeleteRecord(DocumentStore.Type, draft.Value.Value.Id, draft.Value.Version));
                ledger.Record(changes, DocumentStore.Type, $"{DocumentStore.KindLabel(draft.Value.Value.Kind)}.voided", draft.Value.Value.Id,
                    ValeoJson.Serialize(draft.Value.Value), null);
                voided++;
            }
            Consumption.Mark(changes, Actor, Step(input.ProcessId, input.Step));
            return await ledger.Commit(scope, changes, ct);
        });
        return voided;
    }
}

/// <summary>Domain events start the order's process (approval) and drive it (delivery, invoice, payment, cancellation).</summary>
public sealed class OrderToCashTrigger(ProcessEngine engine, Ledger ledger, RequestContext context) : IEventConsumer
{
    public string Function => "OrderToCash";

    public async Task Handle(EventEnvelope e, CancellationToken ct)
    {
        switch (e.Type)
        {
            case "salesOrder.approved":
                var order = Read<TradeDocument>(e);
                await engine.Start(nameof(OrderToCash), OrderToCash.IdFor(order.Id), new OrderToCashInput(e.TenantId,
                    OrderToCash.IdFor(order.Id), order.Id, order.Number ?? order.Id, e.Time,
                    [.. order.Lines.Where(l => l.OpenToFulfil > 0m).Select(l => new OpenLine(l.ArticleId, l.OpenToFulfil))], context.TraceParent));
                break;
            case "deliveryNote.delivered" when Read<TradeDocument>(e) is { Kind: DocumentKind.DeliveryNote, OriginId: { } orderId } note:
                await engine.Raise(OrderToCash.IdFor(orderId), OrderToCash.Signal, new OrderSignal(e.Id, e.Type, note.Id, note.Number, e.Time));
                break;
            case "salesInvoice.posted" when Read<TradeDocument>(e) is { OriginId: { } orderId } invoice:
                await engine.Raise(OrderToCash.IdFor(orderId), OrderToCash.Signal, new OrderSignal(e.Id, e.Type, invoice.Id, invoice.Number, e.Time));
                break;
            case "openItem.settled":
                var item = Read<OpenItem>(e);
                var paid = await DocumentStore.Load(ledger, item.DocumentId, ct, DocumentKind.SalesInvoice);
                if (paid.IsSuccess && paid.Value.Value.OriginId is { } paidOrder)
                    await engine.Raise(OrderToCash.IdFor(paidOrder), OrderToCash.Signal, new OrderSignal(e.Id, e.Type, item.Id, item.DocumentNumber, e.Time));
                break;
            case "salesOrder.cancelled":
                var cancelled = Read<TradeDocument>(e);
                await engine.Raise(OrderToCash.IdFor(cancelled.Id), OrderToCash.Signal, new OrderSignal(e.Id, e.Type, cancelled.Id, cancelled.Number, e.Time));
                break;
        }
    }

    private static T Read<T>(EventEnvelope e) => e.Data.Deserialize<T>(ValeoJson.Options) ?? throw new JsonException($"{e.Type} carries no {typeof(T).Name}.");
}
