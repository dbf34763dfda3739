using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Inventory;

public enum StockMovementKind { Opening, Receipt, Issue, Correction }

public sealed record StockMovement(
    string Id, string ArticleId, string WarehouseId, decimal Quantity, StockMovementKind Kind, LocalDate Date,
    string? DocumentId, string? DocumentNumber, string? Reason, string By, Instant At);

/// <summary>
/// The running sum of an article's movements in one warehouse and fiscal year, kept in the same atomic
/// write as each movement so the negative-stock check cannot race. A year's first movement carries the
/// previous year's balance forward as its opening.
/// </summary>
public sealed record StockBalance(string ArticleId, string WarehouseId, int Year, decimal Opening, decimal Quantity)
{
    /// <summary>Promised to approved orders and not yet delivered; available = quantity - reserved.</summary>
    public decimal Reserved { get; init; }
    public decimal Available => Quantity - Reserved;
}

/// <summary>Collects the stock effects of one command and stages them with their balances.</summary>
public sealed class StockChange(Ledger ledger, int year)
{
    public const string BalanceType = "stock-balance";
    public const string MovementType = "stock-movement";
    private readonly List<(Article Article, string WarehouseId, decimal Quantity, StockMovementKind Kind, LocalDate Date, string? DocId, string? DocNumber, string? Reason)> _moves = [];

    public void Add(Article article, string warehouseId, decimal quantity, StockMovementKind kind, LocalDate date,
        string? documentId = null, string? documentNumber = null, string? reason = null) =>
        _moves.Add((article, warehouseId, quantity, kind, date, documentId, documentNumber, reason));

    /// <returns>An error naming the first article that would go below zero, or a year already carried forward.</returns>
    public async Task<Error?> Stage(ChangeSet changes, CancellationToken ct)
    {
        foreach (var group in _moves.GroupBy(m => (m.Article.Id, m.WarehouseId)))
        {
            var article = group.First().Article;
            var (current, version) = await Balance(group.Key.Id, group.Key.WarehouseId, year, ct);
            if (version == 0 && await ledger.Find<StockBalance>(Scope.Year(year + 1), BalanceType, BalanceId(group.Key.Id, group.Key.WarehouseId), ct) is not null)
                return new RuleBroken("stock-year-carried-forward",
                    $"Stock of {article.Number} was already carried into {year + 1}; book the movement there.");
            var updated = current with { Quantity = current.Quantity + group.Sum(m => m.Quantity) };
            if (updated.Quantity < 0m && !article.AllowNegativeStock && group.Sum(m => m.Quantity) < 0m)
                return new RuleBroken("insufficient-stock",
                    $"Only {current.Quantity:0.###} {article.Unit.ToString().ToLowerInvariant()} of {article.Number} are in stock; {-group.Sum(m => m.Quantity):0.###} requested.");
            var id = BalanceId(group.Key.Id, group.Key.WarehouseId);
            var index = new RecordIndex(id, "", [$"article:{group.Key.Id}", $"warehouse:{group.Key.WarehouseId}"]);
            if (version == 0) Ledger.Create(changes, BalanceType, id, updated, index);
            else Ledger.Replace(changes, BalanceType, id, version, updated, index);

            foreach (var m in group)
            {
                var movement = new StockMovement($"{year:0000}-{Ids.New()}", article.Id, m.WarehouseId, m.Quantity, m.Kind, m.Date,
                    m.DocId, m.DocNumber, m.Reason, ledger.UserId, ledger.Now);
                Ledger.Create(changes, MovementType, movement.Id, movement,
                    new RecordIndex($"{m.Date:yyyy-MM-dd}|{movement.Id}", "", [$"article:{article.Id}", $"warehouse:{m.WarehouseId}"]));
                ledger.Record(changes, MovementType, $"stock.{Camel(m.Kind)}", movement.Id, null, ValeoJson.Serialize(movement));
            }
        }
        return null;
    }

    /// <summary>The balance of a year; without a record yet, the previous years' closing balance is its opening.</summary>
    public async Task<(StockBalance Balance, long Version)> Balance(string articleId, string warehouseId, int forYear, CancellationToken ct)
    {
        var found = await ledger.Find<StockBalance>(Scope.Year(forYear), BalanceType, BalanceId(articleId, warehouseId), ct);
        if (found is not null) return (found.Value, found.Version);
        decimal opening = 0m;
        for (var earlier = forYear - 1; earlier >= forYear - 10; earlier--)
        {
            var previous = await ledger.Find<StockBalance>(Scope.Year(earlier), BalanceType, BalanceId(articleId, warehouseId), ct);
            if (previous is null) continue;
            opening = previous.Value.Quantity;
            break;
        }
        return (new StockBalance(articleId, warehouseId, forYear, opening, opening), 0);
    }

    public static string BalanceId(string articleId, string warehouseId) => $"{articleId}|{warehouseId}";

    private static string Camel(StockMovementKind kind) => kind.ToString().ToLowerInvariant();
}
