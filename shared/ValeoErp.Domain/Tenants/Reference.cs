using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Tenants;

/// <summary>A named payment term the tenant offers (Zahlungsbedingung).</summary>
public sealed record PaymentTermsTemplate(string Code, string Description, PaymentTerms Terms);

/// <summary>
/// Number series per document type: the number is the prefix with {yyyy} replaced by the year, then the
/// counter padded to <see cref="Digits"/>. Numbers are drawn at posting, so drafts never consume one.
/// </summary>
public sealed record NumberSeries(string DocumentType, string Pattern, int Digits)
{
    public string Format(int year, long counter) => Pattern.Replace("{yyyy}", year.ToString("0000")) + counter.ToString(new string('0', Digits));
}

public static class TenantDefaults
{
    public static IReadOnlyList<PaymentTermsTemplate> PaymentTerms { get; } =
    [
        new("NET0", "Sofort ohne Abzug", new PaymentTerms(0, 0, 0m)),
        new("NET14", "14 Tage netto", new PaymentTerms(14, 0, 0m)),
        new("NET30", "30 Tage netto", new PaymentTerms(30, 0, 0m)),
        new("SK2-14-30", "2 % Skonto bei Zahlung innerhalb 14 Tagen, 30 Tage netto", new PaymentTerms(30, 14, 2m)),
        new("SK3-10-30", "3 % Skonto bei Zahlung innerhalb 10 Tagen, 30 Tage netto", new PaymentTerms(30, 10, 3m)),
        new("HARVEST", "Ernteziel: 120 Tage netto", new PaymentTerms(120, 0, 0m)),
    ];

    public static IReadOnlyList<NumberSeries> NumberSeries { get; } =
    [
        new("salesQuote", "AN-{yyyy}-", 6),
        new("salesOrder", "AU-{yyyy}-", 6),
        new("deliveryNote", "LS-{yyyy}-", 6),
        new("salesInvoice", "RE-{yyyy}-", 6),
        new("creditNote", "RK-{yyyy}-", 6),
        new("purchaseOrder", "BE-{yyyy}-", 6),
        new("goodsReceipt", "WE-{yyyy}-", 6),
        new("purchaseInvoice", "ER-{yyyy}-", 6),
        new("selfBilledCreditNote", "GU-{yyyy}-", 6),
        new("journalEntry", "BU-{yyyy}-", 6),
        new("grainContract", "KO-{yyyy}-", 6),
        new("grainIntake", "WS-{yyyy}-", 6),
    ];
}
