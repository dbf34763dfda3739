using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Inventory;

namespace ValeoErp.Application.Inventory;

public sealed record RecallMovement(string PartnerId, string PartnerName, string DocumentId, string? DocumentNumber, LocalDate Date,
    decimal Quantity, string WarehouseId, string? TracesReference);

public sealed record RecallCustomer(string PartnerId, string PartnerName, decimal Quantity);

public sealed record RecallStock(string WarehouseId, decimal Quantity);

/// <summary>Everything a recall of one lot needs: where it came from, every customer and delivery note it went to, and what is left.</summary>
public sealed record RecallReport(string ArticleId, string ArticleNumber, string ArticleName, string Lot, LocalDate? Expiry,
    IReadOnlyDictionary<string, decimal>? LabValues, IReadOnlyList<RecallMovement> Receipts, IReadOnlyList<RecallMovement> Deliveries,
    IReadOnlyList<RecallCustomer> Customers, IReadOnlyList<RecallStock> InStock, decimal Received, decimal Delivered, decimal Remaining);

/// <summary>The recall query (<c>GET /api/v1/recalls?articleId=&amp;lot=</c>) over the lot trail of the last years.</summary>
public sealed class Recalls(Ledger ledger, MasterData data)
{
    /// <summary>How far back a lot is traced: feed and seed lots are sold within a few seasons.</summary>
    private const int YearsBack = 5;

    public async Task<Result<RecallReport>> Trace(string? articleId, string? lot, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("articleId", articleId, 64);
        errors.Required("lot", lot, 40);
        if (errors.Any) return errors.ToError();
        var article = await data.Get(ArticleResource.Instance, articleId!, ct);
        if (!article.IsSuccess) return article.Error!;

        var key = $"lot:{LotLedger.Key(articleId!, lot!)}";
        var movements = new List<LotMovement>();
        var stock = new Dictionary<string, LotBalance>(StringComparer.Ordinal);
        for (var year = ledger.Today.Year; year > ledger.Today.Year - YearsBack; year--)
        {
            movements.AddRange(await ledger.All<LotMovement>(Scope.Year(year), LotLedger.MovementType, ct, key));
            foreach (var balance in await ledger.All<LotBalance>(Scope.Year(year), LotLedger.BalanceType, ct, key))
                stock.TryAdd(balance.WarehouseId, balance); // the latest year holds the current quantity
        }
        if (movements.Count == 0 && stock.Count == 0) return new NotFound("Lot", $"{article.Value.Value.Number} {lot}");

        static RecallMovement View(LotMovement m) =>
            new(m.PartnerId, m.PartnerName, m.DocumentId, m.DocumentNumber, m.Date, Math.Abs(m.Quantity), m.WarehouseId, m.TracesReference);
        var receipts = movements.Where(m => m.DocumentKind == DocumentKind.GoodsReceipt).OrderBy(m => m.Date).ThenBy(m => m.DocumentNumber).Select(View).ToArray();
        var deliveries = movements.Where(m => m.DocumentKind == DocumentKind.DeliveryNote).OrderBy(m => m.Date).ThenBy(m => m.DocumentNumber).Select(View).ToArray();
        var customers = deliveries.GroupBy(d => (d.PartnerId, d.PartnerName))
            .Select(g => new RecallCustomer(g.Key.PartnerId, g.Key.PartnerName, g.Sum(d => d.Quantity))).OrderBy(c => c.PartnerName).ToArray();
        var first = stock.Values.FirstOrDefault();
        return new RecallReport(articleId!, article.Value.Value.Number, article.Value.Value.Name, lot!, first?.Expiry, first?.LabValues,
            receipts, deliveries, customers, [.. stock.Values.Select(s => new RecallStock(s.WarehouseId, s.Quantity)).OrderBy(s => s.WarehouseId)],
            receipts.Sum(r => r.Quantity), deliveries.Sum(d => d.Quantity), stock.Values.Sum(s => s.Quantity));
    }
}
