namespace ValeoErp.Application.EInvoicing;

/// <summary>One VAT breakdown entry BG-23: BT-116 taxable amount, BT-117 tax amount, category and rate.</summary>
public sealed record VatBreakdown(VatRate Vat, decimal TaxableAmount, decimal TaxAmount);

/// <summary>EN 16931 document totals BG-22, computed from the lines and document allowances/charges:
/// BR-CO-10 LineTotal = sum of line nets; BR-CO-13 TaxBasis = LineTotal - allowances + charges;
/// BR-S-08/09 etc. per category and rate tax = round(rate x taxable, 2) half away from zero;
/// BR-CO-14 TaxTotal = sum of the breakdown; BR-CO-15 GrandTotal = TaxBasis + TaxTotal; BT-115 = GrandTotal.</summary>
public sealed record EInvoiceTotals(decimal LineTotal, decimal AllowanceTotal, decimal ChargeTotal, decimal TaxBasis,
    decimal TaxTotal, decimal GrandTotal, decimal Payable, IReadOnlyList<VatBreakdown> Breakdown)
{
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Computes the totals; throws <see cref="EInvoiceException"/> when the document is inconsistent
    /// (see <see cref="EInvoiceChecks"/>).</summary>
    public static EInvoiceTotals Compute(EInvoice invoice)
    {
        EInvoiceChecks.ThrowIfInvalid(invoice);
        var lineTotal = invoice.Lines.Sum(l => l.NetAmount);
        var allowances = invoice.AllowancesCharges.Where(a => !a.IsCharge).Sum(a => a.Amount);
        var charges = invoice.AllowancesCharges.Where(a => a.IsCharge).Sum(a => a.Amount);
        var taxBasis = lineTotal - allowances + charges;

        var bases = invoice.Lines.Select(l => (l.Vat, Amount: l.NetAmount))
            .Concat(invoice.AllowancesCharges.Select(a => (a.Vat, Amount: a.IsCharge ? a.Amount : -a.Amount)));
        var breakdown = bases
            .GroupBy(b => (b.Vat.Category, b.Vat.Percent))
            .OrderBy(g => g.Key.Category).ThenByDescending(g => g.Key.Percent)
            .Select(g =>
            {
                var taxable = g.Sum(b => b.Amount);
                var vat = g.First().Vat;
                return new VatBreakdown(vat, taxable, Round2(taxable * vat.Percent / 100m));
            })
            .ToList();
        var taxTotal = breakdown.Sum(b => b.TaxAmount);
        var grand = taxBasis + taxTotal;
        return new EInvoiceTotals(lineTotal, allowances, charges, taxBasis, taxTotal, grand, grand, breakdown);
    }
}
