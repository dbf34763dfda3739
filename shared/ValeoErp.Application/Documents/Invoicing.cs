using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

public sealed record InvoiceInput(string? InvoiceDate, string? ExternalReference);

/// <summary>
/// A draft invoice for what was delivered (or received) and not yet invoiced - partial invoicing falls out
/// of partial deliveries. The draft has no number: it gets one when posted, so drafts never leave gaps.
/// For a flat-rate farmer the purchase settlement is a self-billed credit note (Gutschrift).
/// </summary>
public sealed class Invoicing(Ledger ledger, DocumentFlow flow)
{
    public Task<Result<DocumentOutcome>> FromOrder(bool purchase, string orderId, InvoiceInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, orderId, ct, purchase ? DocumentKind.PurchaseOrder : DocumentKind.SalesOrder);
            if (!loaded.IsSuccess) return loaded.Error!;
            var order = loaded.Value.Value;
            var errors = new FieldErrors();
            var date = Orders.ParseDate(errors, "invoiceDate", input.InvoiceDate, required: false) ?? ledger.Today;
            if (errors.Any) return errors.ToError();
            if (order.Status != DocumentStatus.Approved) return Rules.NotInStatus(order, "invoiced", DocumentStatus.Approved);
            if (date.Year != order.Year) return Rules.YearChange(order.Year, date);
            if (date < order.DocumentDate) return new RuleBroken("date-before-order", "An invoice cannot be dated before its order.");
            var open = order.Lines.Where(l => l.OpenToInvoice > 0m).ToArray();
            if (open.Length == 0) return new RuleBroken("nothing-to-invoice", "Nothing has been delivered that is not invoiced yet.");

            // The deliveries this invoice bills: those of the order not yet linked to an invoice. Their dates are the
            // actual delivery date the invoice states (§14 (4) no. 6 UStG), not the order's planned one.
            var billed = new List<TradeDocument>();
            foreach (var edge in await flow.Successors(order.Id, ct))
                if (edge.To.Kind.IsFulfilment() && !(await flow.Successors(edge.To.Id, ct)).Any(e => e.To.Kind.IsInvoice())
                    && await DocumentStore.Load(ledger, edge.To.Id, ct) is { IsSuccess: true } note)
                    billed.Add(note.Value.Value);
            var delivered = billed.Count > 0 ? billed.Max(n => n.DocumentDate) : order.DeliveryDate;

            var kind = purchase ? DocumentKind.PurchaseInvoice : DocumentKind.SalesInvoice;
            var lines = open.Select(l => l with { Quantity = l.OpenToInvoice, Net = Totals.LineNet(l.OpenToInvoice, l.UnitPrice), Fulfilled = 0, Invoiced = 0 }).ToArray();
            var invoice = TradeDocument.WithLines(order with
            {
                Id = DocumentStore.NewId(order.Year), Kind = kind, Number = null, DocumentDate = date, DeliveryDate = delivered, Status = DocumentStatus.Draft,
                CreatedBy = ledger.UserId, History = [new Transition(DocumentStatus.Draft, DocumentStatus.Draft, ledger.UserId, ledger.Now, "created")],
                SelfBilled = purchase && order.TaxTreatment == Domain.Partners.TaxTreatment.FlatRateFarmer,
                ExternalReference = PartnerRules.Blank(input.ExternalReference) ?? order.ExternalReference, OriginId = order.Id,
            }, lines);
            var updatedOrder = order with { Lines = order.Lines.Select(l => l with { Invoiced = l.Fulfilled }).ToArray() };

            var changes = new ChangeSet();
            DocumentStore.Stage(ledger, changes, invoice, null, "created");
            DocumentStore.Stage(ledger, changes, updatedOrder, loaded.Value, "invoiced");
            DocumentFlow.Link(changes, order, invoice);
            foreach (var note in billed) DocumentFlow.Link(changes, note, invoice);
            var outcome = new DocumentOutcome(invoice, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(invoice), outcome.ETag, DocumentStore.View(invoice));
            return await ledger.Commit(Scope.Year(order.Year), changes, ct) is { } error ? error : outcome;
        });

    /// <summary>Only the invoice date of a draft can change; its lines come from the deliveries.</summary>
    public async Task<Result<DocumentOutcome>> Redate(string id, DocumentKind kind, string? ifMatch, InvoiceInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var loaded = await DocumentStore.Load(ledger, id, ct, kind);
        if (!loaded.IsSuccess) return loaded.Error!;
        var current = loaded.Value;
        if (!ETags.Matches(ifMatch, current.Version)) return new VersionMismatch(current.Version);
        if (current.Value.Status == DocumentStatus.Posted) return Rules.Posted(current.Value);
        var errors = new FieldErrors();
        var date = Orders.ParseDate(errors, "invoiceDate", input.InvoiceDate, required: true);
        if (errors.Any) return errors.ToError();
        var revised = current.Value.Revise(date!.Value, current.Value.DeliveryDate, current.Value.Lines, ledger.UserId, ledger.Now);
        if (!revised.IsSuccess) return revised.Error!;
        var updated = revised.Value with { ExternalReference = PartnerRules.Blank(input.ExternalReference) ?? current.Value.ExternalReference };
        // An imported supplier invoice keeps the VAT as invoiced (its lines do not change here).
        if (current.Value.Archive?.Any(f => f.Kind == EInvoiceImport.OriginalKind) == true)
            updated = updated with { TaxBreakdown = current.Value.TaxBreakdown, TaxTotal = current.Value.TaxTotal, GrossTotal = current.Value.GrossTotal };
        var changes = new ChangeSet();
        DocumentStore.Stage(ledger, changes, updated, current, "revised");
        return await ledger.Commit(Scope.Year(updated.Year), changes, ct) switch
        {
            ConcurrentWrite => new VersionMismatch(current.Version),
            { } error => error,
            null => new DocumentOutcome(updated, current.Version + 1),
        };
    }
}
