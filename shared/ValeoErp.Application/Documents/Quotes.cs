using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

public sealed record QuoteOrderInput(string? OrderDate);

/// <summary>
/// A quote (Angebot) the customer accepted becomes a sales order with the quoted lines and prices; each
/// quote becomes at most one order, and the flow links the two.
/// </summary>
public sealed class Quotes(Ledger ledger, DocumentFlow flow)
{
    public Task<Result<DocumentOutcome>> ToOrder(string quoteId, QuoteOrderInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, quoteId, ct, DocumentKind.SalesQuote);
            if (!loaded.IsSuccess) return loaded.Error!;
            var quote = loaded.Value.Value;
            var errors = new FieldErrors();
            var date = Orders.ParseDate(errors, "orderDate", input.OrderDate, required: false) ?? ledger.Today;
            if (errors.Any) return errors.ToError();
            if (quote.Status != DocumentStatus.Approved) return Rules.NotInStatus(quote, "ordered", DocumentStatus.Approved);
            if (date.Year != quote.Year) return Rules.YearChange(quote.Year, date);
            if (date < quote.DocumentDate) return new RuleBroken("date-before-quote", "An order cannot be dated before its quote.");
            if ((await flow.Successors(quote.Id, ct)).Any(e => e.To.Kind == DocumentKind.SalesOrder))
                return new RuleBroken("quote-already-ordered", $"Quote {quote.Number} has already become an order.");

            var changes = new ChangeSet();
            var number = await Numbering.Next(ledger, changes, date.Year, DocumentKind.SalesOrder.Series(), ct);
            var order = quote with
            {
                Id = DocumentStore.NewId(date.Year), Kind = DocumentKind.SalesOrder, Number = number, DocumentDate = date,
                DeliveryDate = quote.DeliveryDate < date ? date : quote.DeliveryDate, Status = DocumentStatus.Draft, CreatedBy = ledger.UserId, OriginId = quote.Id,
                History = [new Transition(DocumentStatus.Draft, DocumentStatus.Draft, ledger.UserId, ledger.Now, $"from quote {quote.Number}")],
            };
            DocumentStore.Stage(ledger, changes, order, null, "created");
            DocumentFlow.Link(changes, quote, order);
            var outcome = new DocumentOutcome(order, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(order), outcome.ETag, DocumentStore.View(order));
            return await ledger.Commit(Scope.Year(date.Year), changes, ct) is { } error ? error : outcome;
        });
}
