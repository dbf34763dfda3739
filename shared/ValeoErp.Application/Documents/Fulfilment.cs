using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>
/// A lot of a lot-tracked article: at a goods receipt its number, quantity, expiry and optional lab values; at a
/// delivery the lot to take (without lots the delivery picks first-expired-first-out).
/// </summary>
public sealed record LotInput(string? Number, decimal? Quantity, string? Expiry = null, IReadOnlyDictionary<string, decimal>? LabValues = null);

public sealed record QuantityInput(int? LineNo, decimal? Quantity, IReadOnlyList<LotInput>? Lots = null);

/// <summary>
/// Body of POST /sales-orders/{id}/deliveries and /purchase-orders/{id}/receipts; no lines = everything still open.
/// A goods receipt of imported feed records its TRACES CHED reference.
/// </summary>
public sealed record FulfilInput(IReadOnlyList<QuantityInput>? Lines, string? WarehouseId, string? Date, string? TracesReference = null);

/// <summary>
/// Delivers (sales) or receives (purchase) an approved order, fully or in part: one delivery note or
/// goods receipt, the stock movements with their balances, the order's fulfilled quantities and the
/// flow link - all in one atomic write. Delivering more than is in stock is refused unless the article
/// allows negative stock.
/// </summary>
public sealed class Fulfilment(Ledger ledger, MasterData data, Warehouses warehouses)
{
    public Task<Result<DocumentOutcome>> Handle(bool purchase, string orderId, FulfilInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var orderKind = purchase ? DocumentKind.PurchaseOrder : DocumentKind.SalesOrder;
            var loaded = await DocumentStore.Load(ledger, orderId, ct, orderKind);
            if (!loaded.IsSuccess) return loaded.Error!;
            var order = loaded.Value.Value;
            if (order.Status != DocumentStatus.Approved) return Rules.NotInStatus(order, purchase ? "received" : "delivered", DocumentStatus.Approved);

            var errors = new FieldErrors();
            var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? ledger.Today;
            var warehouse = await warehouses.Resolve(errors, input.WarehouseId, ct);
            var quantities = Quantities.Pick(errors, order.Lines, input.Lines, l => l.OpenToFulfil, purchase ? "received" : "delivered");
            var traces = Lots.Traces(errors, input.TracesReference, purchase);
            if (errors.Any) return errors.ToError();
            if (date.Year != order.Year) return Rules.YearChange(order.Year, date);
            if (date < order.DocumentDate) return new RuleBroken("date-before-order", "A delivery cannot be dated before its order.");
            if (quantities.Count == 0) return new RuleBroken("nothing-to-fulfil", "Every line of this order is already fully " + (purchase ? "received." : "delivered."));

            var changes = new ChangeSet();
            var kind = purchase ? DocumentKind.GoodsReceipt : DocumentKind.DeliveryNote;
            var number = await Numbering.Next(ledger, changes, order.Year, kind.Series(), ct);
            var lines = order.Lines.Where(l => quantities.ContainsKey(l.LineNo))
                .Select(l => l with { Quantity = quantities[l.LineNo], Net = Totals.LineNet(quantities[l.LineNo], l.UnitPrice), Fulfilled = 0, Invoiced = 0 })
                .ToArray();
            var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var article = await data.Get(ArticleResource.Instance, line.ArticleId, ct);
                if (!article.IsSuccess) return new RuleBroken("article-missing", $"Article {line.ArticleNumber} no longer exists.");
                articles[line.ArticleId] = article.Value.Value;
            }
            var lots = new LotLedger(ledger, order.Year);
            var picked = await Lots.Pick(errors, lots, lines, input.Lines, articles, warehouse!.Id, purchase, number, date, ct);
            if (errors.Any) return errors.ToError();
            if (!picked.IsSuccess) return picked.Error!;
            lines = [.. lines.Select(l => picked.Value.TryGetValue(l.LineNo, out var p) ? l with { Lots = p.Lots } : l)];
            var note = TradeDocument.WithLines(order with
                {
                    Id = DocumentStore.NewId(order.Year), Kind = kind, DocumentDate = date, DeliveryDate = date, CreatedBy = ledger.UserId,
                    History = [], WarehouseId = warehouse!.Id, Status = DocumentStatus.Draft, OriginId = order.Id, TracesReference = traces,
                }, lines)
                .Issue(number, ledger.UserId, ledger.Now);
            var updatedOrder = order with
            {
                Lines = order.Lines.Select(l => quantities.TryGetValue(l.LineNo, out var q) ? l with { Fulfilled = l.Fulfilled + q } : l).ToArray(),
            };

            var stock = new StockChange(ledger, order.Year);
            foreach (var line in lines)
            {
                var article = articles[line.ArticleId];
                // Services (freight, spreading, drying) are rendered, not taken from a shelf: no stock to move.
                if (article.Category == Domain.Articles.ArticleCategory.Services) continue;
                stock.Add(article, warehouse.Id, purchase ? line.Quantity : -line.Quantity,
                    purchase ? StockMovementKind.Receipt : StockMovementKind.Issue, date, note.Id, number);
                foreach (var lot in line.Lots ?? [])
                    await lots.Move(article, warehouse.Id, lot, picked.Value[line.LineNo].LabValues.GetValueOrDefault(lot.Lot), note, purchase ? 1m : -1m, ct);
            }
            if (await stock.Stage(changes, ct) is { } refused) return refused;
            lots.Stage(changes);

            DocumentStore.Stage(ledger, changes, note, before: null, purchase ? "received" : "delivered");
            DocumentStore.Stage(ledger, changes, updatedOrder, loaded.Value, purchase ? "received" : "delivered");
            DocumentFlow.Link(changes, order, note);
            var outcome = new DocumentOutcome(note, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(note), outcome.ETag, DocumentStore.View(note));
            return await ledger.Commit(Scope.Year(order.Year), changes, ct) is { } error ? error : outcome;
        });
}

public static class Quantities
{
    /// <summary>
    /// The quantities to take per order line: the requested ones (each at most what is still open), or
    /// everything still open when no lines are named.
    /// </summary>
    public static Dictionary<int, decimal> Pick(FieldErrors errors, IReadOnlyList<DocumentLine> lines,
        IReadOnlyList<QuantityInput>? requested, Func<DocumentLine, decimal> open, string verb)
    {
        if (requested is not { Count: > 0 })
            return lines.Where(l => open(l) > 0m).ToDictionary(l => l.LineNo, open);

        var picked = new Dictionary<int, decimal>();
        for (var i = 0; i < requested.Count; i++)
        {
            var (lineNo, quantity) = (requested[i].LineNo, requested[i].Quantity);
            var line = lines.FirstOrDefault(l => l.LineNo == lineNo);
            if (line is null) errors.Add($"lines[{i}].lineNo", "names no line of this document.");
            else if (picked.ContainsKey(line.LineNo)) errors.Add($"lines[{i}].lineNo", "is named twice.");
            else if (quantity is not { } q || q <= 0m || decimal.Round(q, 3) != q)
                errors.Add($"lines[{i}].quantity", "must be a positive quantity with at most three decimals.");
            else if (q > open(line)) errors.Add($"lines[{i}].quantity", $"exceeds the {open(line):0.###} still to be {verb}.");
            else picked[line.LineNo] = q;
        }
        return picked;
    }
}
