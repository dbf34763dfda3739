using NodaTime;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Domain.Finance;

public enum OpenItemSide { Receivable, Payable }

/// <summary>The gross share of one VAT rate in an item, which a cash discount reduces proportionally.</summary>
public sealed record RateShare(VatRateCode Code, decimal Rate, decimal Gross);

/// <summary>One VAT rate's part of a granted or received cash discount, split into net and tax.</summary>
public sealed record DiscountShare(VatRateCode Code, decimal Rate, decimal Gross, decimal Net, decimal Tax);

public sealed record Settlement(LocalDate Date, decimal Amount, decimal Discount, IReadOnlyList<DiscountShare> DiscountShares, string EntryId);

/// <summary>
/// A receivable or payable (offener Posten) with its payment terms. Payments settle it partly or fully;
/// within the discount period a payment of at least gross minus the discount closes it and the rest
/// becomes cash discount (Skonto), split over the VAT rates by their gross share.
/// </summary>
public sealed record OpenItem
{
    public required string Id { get; init; }
    public required OpenItemSide Side { get; init; }
    public required string PartnerId { get; init; }
    public required string DocumentId { get; init; }
    public required string DocumentNumber { get; init; }
    public required LocalDate DocumentDate { get; init; }
    public required LocalDate DueDate { get; init; }
    public LocalDate? DiscountDate { get; init; }
    public decimal DiscountPercent { get; init; }
    public required decimal Amount { get; init; }
    public required decimal OpenAmount { get; init; }
    public required IReadOnlyList<RateShare> Shares { get; init; }
    public IReadOnlyList<Settlement> Settlements { get; init; } = [];

    public bool IsOpen => OpenAmount != 0m;

    public static OpenItem For(string id, OpenItemSide side, TradeDocument document, LocalDate dueDate, LocalDate? discountDate, decimal discountPercent) => new()
    {
        Id = id, Side = side, PartnerId = document.PartnerId, DocumentId = document.Id, DocumentNumber = document.Number!,
        DocumentDate = document.DocumentDate, DueDate = dueDate, DiscountDate = discountDate, DiscountPercent = discountPercent,
        Amount = document.GrossTotal, OpenAmount = document.GrossTotal,
        Shares = document.TaxBreakdown.Select(t => new RateShare(t.Code, t.Rate, t.Gross)).ToArray(),
    };

    /// <summary>The cash discount a payment on <paramref name="date"/> may take, on the original gross.</summary>
    public decimal DiscountAvailable(LocalDate date) =>
        DiscountDate is { } last && date <= last && DiscountPercent > 0m && Settlements.Count == 0
            ? Money.Round(Amount * DiscountPercent / 100m)
            : 0m;

    public Result<(OpenItem Item, Settlement Settlement)> Settle(decimal amount, LocalDate date, string entryId)
    {
        if (amount <= 0m || Money.Round(amount) != amount) return new ValidationFailed([new FieldError("amount", "must be a positive amount in cents.")]);
        if (!IsOpen) return new RuleBroken("open-item-settled", $"Open item {DocumentNumber} is already settled.");
        if (date < DocumentDate) return new RuleBroken("payment-before-document", "A payment cannot be dated before its invoice.");
        if (amount > OpenAmount) return new RuleBroken("overpayment", $"The payment {amount:0.00} exceeds the open amount {OpenAmount:0.00}.");

        var discount = 0m;
        var available = DiscountAvailable(date);
        if (available > 0m && amount >= OpenAmount - available) discount = OpenAmount - amount;
        var shares = discount == 0m ? [] : SplitDiscount(discount);
        var settlement = new Settlement(date, amount, discount, shares, entryId);
        return (this with { OpenAmount = OpenAmount - amount - discount, Settlements = [.. Settlements, settlement] }, settlement);
    }

    /// <summary>
    /// Offsets part of this item against another item of the same partner (a credit note against an invoice): the
    /// open amount moves towards zero by <paramref name="amount"/> (positive), no cash and no discount.
    /// </summary>
    public Result<(OpenItem Item, Settlement Settlement)> Offset(decimal amount, LocalDate date, string otherId)
    {
        if (amount <= 0m || Money.Round(amount) != amount) return new ValidationFailed([new FieldError("amount", "must be a positive amount in cents.")]);
        if (!IsOpen) return new RuleBroken("open-item-settled", $"Open item {DocumentNumber} is already settled.");
        if (amount > Math.Abs(OpenAmount)) return new RuleBroken("overpayment", $"The offset {amount:0.00} exceeds the open amount of {DocumentNumber} ({Math.Abs(OpenAmount):0.00}).");
        if (date < DocumentDate) return new RuleBroken("payment-before-document", $"An offset cannot be dated before {DocumentNumber}.");
        var signed = OpenAmount > 0m ? amount : -amount;
        var settlement = new Settlement(date, signed, 0m, [], $"offset:{otherId}");
        return (this with { OpenAmount = OpenAmount - signed, Settlements = [.. Settlements, settlement] }, settlement);
    }

    /// <summary>
    /// The discount is a price reduction, so it reduces each rate's net and VAT in proportion to that
    /// rate's gross share; rounding differences go to the largest share.
    /// </summary>
    public IReadOnlyList<DiscountShare> SplitDiscount(decimal discount)
    {
        var total = Shares.Sum(s => s.Gross);
        var grossParts = Shares.Select(s => total == 0m ? 0m : Money.Round(discount * s.Gross / total)).ToArray();
        var largest = Array.IndexOf(grossParts, grossParts.Max());
        grossParts[largest] += discount - grossParts.Sum();
        return Shares.Select((s, i) =>
        {
            var net = Money.Round(grossParts[i] * 100m / (100m + s.Rate));
            return new DiscountShare(s.Code, s.Rate, grossParts[i], net, grossParts[i] - net);
        }).Where(d => d.Gross != 0m).ToArray();
    }
}
