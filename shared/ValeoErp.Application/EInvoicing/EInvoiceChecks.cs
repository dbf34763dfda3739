namespace ValeoErp.Application.EInvoicing;

/// <summary>The document cannot be written as a valid EN 16931 / XRechnung e-invoice.</summary>
public sealed class EInvoiceException(IReadOnlyList<string> problems)
    : Exception("E-invoice is inconsistent: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Checks the writers rely on, so that an inconsistent document fails here, not at the recipient.
/// Rule ids in the messages are EN 16931 / XRechnung ids.</summary>
public static class EInvoiceChecks
{
    public static IReadOnlyList<string> Problems(EInvoice invoice)
    {
        var p = new List<string>();
        if (invoice.Lines.Count == 0) p.Add("BR-16: at least one line");
        if (string.IsNullOrWhiteSpace(invoice.BuyerReference)) p.Add("BR-DE-15: buyer reference BT-10 required");
        if (invoice.Seller.VatId is null && invoice.Seller.TaxNumber is null)
            p.Add("BR-DE-16: seller VAT id BT-31 or tax number BT-32 required");
        if (invoice.Seller.VatId is null && invoice.Seller.RegisterId is null && invoice.Seller.Identifier is null)
            p.Add("BR-CO-26: seller identifier BT-29, register id BT-30 or VAT id BT-31 required");
        if (invoice.Kind == EInvoiceKind.CreditNote && invoice.Preceding is null)
            p.Add("credit note: preceding invoice reference BG-3 required");
        if (invoice.Period is { } period && period.End < period.Start) p.Add("BR-29: period end before start");
        foreach (var line in invoice.Lines)
        {
            var expected = EInvoiceTotals.Round2(line.Quantity * line.NetPrice - (line.Allowance?.Amount ?? 0m));
            if (line.NetAmount != expected)
                p.Add($"line {line.Id}: net {line.NetAmount} != round(quantity x price - allowance) = {expected}");
            if (line.NetPrice < 0) p.Add($"line {line.Id}: BR-27 net price must not be negative");
            if (line.NetAmount != decimal.Round(line.NetAmount, 2)) p.Add($"line {line.Id}: net has more than 2 decimals");
            CheckVat(invoice, line.Vat, $"line {line.Id}", p);
        }
        foreach (var ac in invoice.AllowancesCharges) CheckVat(invoice, ac.Vat, $"allowance/charge '{ac.Reason}'", p);
        return p;
    }

    public static void ThrowIfInvalid(EInvoice invoice)
    {
        var problems = Problems(invoice);
        if (problems.Count > 0) throw new EInvoiceException(problems);
    }

    private static void CheckVat(EInvoice invoice, VatRate vat, string where, List<string> p)
    {
        var c = vat.Category;
        if (c == VatCategory.S && vat.Percent <= 0) p.Add($"{where}: BR-S-05 standard rate must be > 0");
        if (c != VatCategory.S && vat.Percent != 0) p.Add($"{where}: category {c} requires rate 0");
        var exempt = c is VatCategory.E or VatCategory.AE or VatCategory.K or VatCategory.G;
        if (exempt && vat.ExemptionReason is null && vat.ExemptionReasonCode is null)
            p.Add($"{where}: category {c} requires an exemption reason (BT-120/121)");
        if (!exempt && (vat.ExemptionReason is not null || vat.ExemptionReasonCode is not null))
            p.Add($"{where}: category {c} must not have an exemption reason");
        if (c is VatCategory.AE or VatCategory.K && (invoice.Seller.VatId is null || invoice.Buyer.VatId is null))
            p.Add($"{where}: category {c} requires seller and buyer VAT ids (BR-AE-02 / BR-IC-02)");
        if (c == VatCategory.K && invoice.DeliverTo is null) p.Add($"{where}: BR-IC-12 deliver-to country required");
        if (c == VatCategory.K && invoice.DeliveryDate is null && invoice.Period is null)
            p.Add($"{where}: BR-IC-11 delivery date or invoicing period required");
    }
}
