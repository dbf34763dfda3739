using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Inventory;

/// <summary>A lot (Charge) as a document line carries it: which lot, how much of the line, and its expiry.</summary>
public sealed record LotQuantity(string Lot, decimal Quantity, LocalDate? Expiry);

/// <summary>
/// What is left of one lot of an article in one warehouse, with what the receipt recorded about it: expiry
/// (best before / use by) and optional lab values (e.g. moisture, protein, aflatoxin of a feed lot).
/// </summary>
public sealed record LotBalance(string ArticleId, string WarehouseId, string Lot, LocalDate? Expiry,
    IReadOnlyDictionary<string, decimal>? LabValues, LocalDate ReceivedOn, decimal Quantity);

/// <summary>The lots a delivery takes, chosen by the rules of the trade. Pure: the caller loads the balances.</summary>
public static class LotPicking
{
    public const string LotExpired = "lot-expired";
    public const string LotShort = "lot-insufficient";

    /// <summary>
    /// First expired, first out (FEFO): the lot that expires first goes first, lots without expiry last, older
    /// receipts before newer ones. Lots already past their expiry on the delivery date are never picked by default.
    /// What the lots cannot cover stays without a lot (stock from before lot tracking); the stock check refuses the rest.
    /// </summary>
    public static IReadOnlyList<LotQuantity> Fefo(IEnumerable<LotBalance> lots, decimal quantity, LocalDate deliveryDate)
    {
        var picks = new List<LotQuantity>();
        var open = quantity;
        foreach (var lot in lots.Where(l => l.Quantity > 0m && (l.Expiry is not { } e || e >= deliveryDate))
                     .OrderBy(l => l.Expiry ?? LocalDate.MaxIsoValue).ThenBy(l => l.ReceivedOn).ThenBy(l => l.Lot, StringComparer.Ordinal))
        {
            if (open <= 0m) break;
            var take = Math.Min(open, lot.Quantity);
            picks.Add(new LotQuantity(lot.Lot, take, lot.Expiry));
            open -= take;
        }
        return picks;
    }

    /// <summary>Lots named by the person delivering: each must be in stock with enough left and not past its expiry.</summary>
    public static Result<IReadOnlyList<LotQuantity>> Named(IReadOnlyList<LotBalance> lots, IReadOnlyList<(string Lot, decimal Quantity)> named,
        string articleNumber, LocalDate deliveryDate)
    {
        var picks = new List<LotQuantity>();
        foreach (var (name, quantity) in named)
        {
            var lot = lots.FirstOrDefault(l => l.Lot == name);
            if (lot is null || lot.Quantity < quantity)
                return new RuleBroken(LotShort, $"Lot {name} of {articleNumber} has {lot?.Quantity ?? 0m:0.###} in this warehouse; {quantity:0.###} requested.");
            if (lot.Expiry is { } expiry && expiry < deliveryDate)
                return new RuleBroken(LotExpired, $"Lot {name} of {articleNumber} expired on {expiry:yyyy-MM-dd}; it is not delivered any more.");
            picks.Add(new LotQuantity(name, quantity, lot.Expiry));
        }
        return picks;
    }
}
