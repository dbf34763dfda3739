using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Inventory;

namespace ValeoErp.Application.Inventory;

/// <summary>One lot's movement on a document: received from a supplier or delivered to a customer (the recall trail).</summary>
public sealed record LotMovement(string Id, string ArticleId, string ArticleNumber, string Lot, string WarehouseId, decimal Quantity,
    LocalDate Date, DocumentKind DocumentKind, string DocumentId, string? DocumentNumber, string PartnerId, string PartnerName,
    string? TracesReference, Instant At);

/// <summary>
/// Lot balances per article, warehouse and lot, kept in the year's partition next to the stock balance so a
/// movement and its lots commit together. A lot first touched in a new year carries last year's quantity forward.
/// </summary>
public sealed class LotLedger(Ledger ledger, int year)
{
    public const string BalanceType = "lot";
    public const string MovementType = "lot-movement";
    private readonly Dictionary<string, (LotBalance Balance, long Version)> _touched = new(StringComparer.Ordinal);
    private readonly List<LotMovement> _movements = [];

    public static string Key(string articleId, string lot) => $"{articleId}|{lot}";
    private static string Id(string articleId, string warehouseId, string lot) => $"{articleId}|{warehouseId}|{lot}";

    /// <summary>The lots of an article in a warehouse with stock or history, this year's state first, else last year's.</summary>
    public async Task<IReadOnlyList<LotBalance>> Balances(string articleId, string warehouseId, CancellationToken ct)
    {
        var found = new Dictionary<string, LotBalance>(StringComparer.Ordinal);
        foreach (var y in new[] { year, year - 1 })
            foreach (var lot in await ledger.All<LotBalance>(Scope.Year(y), BalanceType, ct, $"article:{articleId}"))
                if (lot.WarehouseId == warehouseId) found.TryAdd(lot.Lot, lot);
        foreach (var (_, (balance, _)) in _touched)
            if (balance.ArticleId == articleId && balance.WarehouseId == warehouseId) found[balance.Lot] = balance;
        return [.. found.Values];
    }

    /// <summary>Books a lot's quantity change (+ receipt, - delivery) and the movement the recall query finds.</summary>
    public async Task Move(Article article, string warehouseId, LotQuantity lot, IReadOnlyDictionary<string, decimal>? labValues,
        TradeDocument document, decimal sign, CancellationToken ct)
    {
        var id = Id(article.Id, warehouseId, lot.Lot);
        if (!_touched.TryGetValue(id, out var current))
        {
            var found = await ledger.Find<LotBalance>(Scope.Year(year), BalanceType, id, ct);
            current = found is not null ? (found.Value, found.Version)
                : (await ledger.Find<LotBalance>(Scope.Year(year - 1), BalanceType, id, ct) is { } previous ? previous.Value
                    : new LotBalance(article.Id, warehouseId, lot.Lot, lot.Expiry, labValues, document.DocumentDate, 0m), 0);
        }
        var updated = current.Balance with
        {
            Quantity = current.Balance.Quantity + sign * lot.Quantity,
            Expiry = current.Balance.Expiry ?? lot.Expiry,
            LabValues = current.Balance.LabValues ?? labValues,
        };
        _touched[id] = (updated, current.Version);
        _movements.Add(new LotMovement($"{year:0000}-{Ids.New()}", article.Id, article.Number, lot.Lot, warehouseId, sign * lot.Quantity,
            document.DocumentDate, document.Kind, document.Id, document.Number, document.PartnerId, document.PartnerName, document.TracesReference, ledger.Now));
    }

    public void Stage(ChangeSet changes)
    {
        foreach (var (id, (balance, version)) in _touched)
        {
            var index = new RecordIndex(id, "", [$"article:{balance.ArticleId}", $"lot:{Key(balance.ArticleId, balance.Lot)}"]);
            if (version == 0) Ledger.Create(changes, BalanceType, id, balance, index);
            else Ledger.Replace(changes, BalanceType, id, version, balance, index);
        }
        foreach (var m in _movements)
            Ledger.Create(changes, MovementType, m.Id, m, new RecordIndex($"{m.Date:yyyy-MM-dd}|{m.Id}", "", [$"lot:{Key(m.ArticleId, m.Lot)}"]));
    }
}
