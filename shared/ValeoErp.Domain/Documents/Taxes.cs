using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Domain.Documents;

/// <summary>One line of the VAT breakdown: the rate in percent, the sum of line nets at that rate, and its tax.</summary>
public sealed record TaxLine(VatRateCode Code, decimal Rate, decimal Net, decimal Tax)
{
    public decimal Gross => Net + Tax;
}

public sealed record Totals(decimal NetTotal, decimal TaxTotal, decimal GrossTotal, IReadOnlyList<TaxLine> TaxBreakdown)
{
    public static readonly Totals Zero = new(0m, 0m, 0m, []);

    /// <summary>
    /// EN 16931 / DOMAIN.md: line nets are rounded per line; tax is computed per rate on the sum of the
    /// line nets at that rate and rounded once - never per line and added up.
    /// </summary>
    public static Totals Of(IEnumerable<(VatRateCode Code, decimal Rate, decimal Net)> lines)
    {
        var breakdown = lines
            .GroupBy(l => (l.Code, l.Rate))
            .Select(g =>
            {
                var net = g.Sum(l => l.Net);
                return new TaxLine(g.Key.Code, g.Key.Rate, net, Money.Round(net * g.Key.Rate / 100m));
            })
            .OrderByDescending(t => t.Rate).ThenBy(t => t.Code)
            .ToArray();
        var netTotal = breakdown.Sum(t => t.Net);
        var taxTotal = breakdown.Sum(t => t.Tax);
        return new Totals(netTotal, taxTotal, netTotal + taxTotal, breakdown);
    }

    public static decimal LineNet(decimal quantity, decimal unitPrice) => Money.Round(quantity * unitPrice);
}

/// <summary>
/// Which VAT rate applies to a line: the partner's tax treatment first (EU reverse charge and export are
/// tax-free; a flat-rate farmer selling to us invoices at the §24 average rate), otherwise the article's category.
/// </summary>
public static class TaxDetermination
{
    public static VatRateCode CodeFor(bool purchase, Partners.TaxTreatment treatment, Articles.VatCategory category) => treatment switch
    {
        Partners.TaxTreatment.EuReverseCharge or Partners.TaxTreatment.Export => VatRateCode.Zero,
        Partners.TaxTreatment.FlatRateFarmer when purchase => VatRateCode.FlatRateFarmer,
        _ => VatRateTable.CodeFor(category),
    };
}
