using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

public sealed record CreditNoteInput(IReadOnlyList<QuantityInput>? Lines, string? Reason, string? Date);

/// <summary>
/// The only way to correct a posted invoice (GoBD): a credit note (Rechnungskorrektur) referencing it,
/// for all or part of its quantities - never more than was invoiced and not yet credited.
/// </summary>
public sealed class CreditNotes(Ledger ledger, DocumentFlow flow)
{
    public Task<Result<DocumentOutcome>> FromInvoice(string invoiceId, CreditNoteInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, invoiceId, ct, DocumentKind.SalesInvoice);
            if (!loaded.IsSuccess) return loaded.Error!;
            var invoice = loaded.Value.Value;
            if (invoice.Status != DocumentStatus.Posted) return Rules.NotInStatus(invoice, "credited", DocumentStatus.Posted);

            var credited = new Dictionary<int, decimal>();
            foreach (var edge in (await flow.Successors(invoice.Id, ct)).Where(e => e.To.Kind == DocumentKind.SalesCreditNote))
                if ((await DocumentStore.Load(ledger, edge.To.Id, ct)) is { IsSuccess: true } earlier)
                    foreach (var line in earlier.Value.Value.Lines)
                        credited[line.LineNo] = credited.GetValueOrDefault(line.LineNo) + line.Quantity;

            var errors = new FieldErrors();
            var reason = errors.Required("reason", input.Reason, 200);
            var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? ledger.Today;
            var quantities = Quantities.Pick(errors, invoice.Lines, input.Lines, l => l.Quantity - credited.GetValueOrDefault(l.LineNo), "credited");
            if (errors.Any) return errors.ToError();
            if (date.Year != invoice.Year) return Rules.YearChange(invoice.Year, date);
            if (date < invoice.DocumentDate) return new RuleBroken("date-before-invoice", "A credit note cannot be dated before its invoice.");
            if (quantities.Count == 0) return new RuleBroken("nothing-to-credit", "This invoice is already fully credited.");

            var lines = invoice.Lines.Where(l => quantities.ContainsKey(l.LineNo))
                .Select(l => l with { Quantity = quantities[l.LineNo], Net = Totals.LineNet(quantities[l.LineNo], l.UnitPrice) }).ToArray();
            var note = TradeDocument.WithLines(invoice with
            {
                Id = DocumentStore.NewId(invoice.Year), Kind = DocumentKind.SalesCreditNote, Number = null, DocumentDate = date,
                Status = DocumentStatus.Draft, CreatedBy = ledger.UserId, JournalEntryId = null, OpenItemId = null,
                DueDate = null, DiscountDate = null, ExternalReference = invoice.Number, OriginId = invoice.Id,
                History = [new Transition(DocumentStatus.Draft, DocumentStatus.Draft, ledger.UserId, ledger.Now, reason)],
            }, lines);

            var changes = new ChangeSet();
            DocumentStore.Stage(ledger, changes, note, null, "created");
            DocumentFlow.Link(changes, invoice, note);
            var outcome = new DocumentOutcome(note, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(note), outcome.ETag, DocumentStore.View(note));
            return await ledger.Commit(Scope.Year(invoice.Year), changes, ct) is { } error ? error : outcome;
        });
}
