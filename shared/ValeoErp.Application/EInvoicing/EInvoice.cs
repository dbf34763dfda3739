using NodaTime;

namespace ValeoErp.Application.EInvoicing;

/// <summary>What the document is: BT-3 380 (UBL Invoice), 381 (UBL CreditNote) or 389 (self-billed invoice,
/// "Gutschrift" under §14 (2) UStG: issued by the buyer, the seller is e.g. a farmer, UBL Invoice).</summary>
public enum EInvoiceKind { Invoice, CreditNote, SelfBilled }

/// <summary>VAT category codes of EN 16931 (UNTDID 5305 subset) the product uses.</summary>
public enum VatCategory
{
    /// <summary>Standard rate (19 %, 7 %, and the §24 UStG average rates such as 7.8 %).</summary>
    S,
    /// <summary>Zero rated goods.</summary>
    Z,
    /// <summary>Exempt from tax (exemption reason required).</summary>
    E,
    /// <summary>Reverse charge, §13b UStG (both VAT ids, rate 0, exemption reason).</summary>
    AE,
    /// <summary>Intra-community supply of goods, §4 Nr. 1b UStG (both VAT ids, rate 0, deliver-to country).</summary>
    K,
    /// <summary>Export outside the EU, §4 Nr. 1a UStG (rate 0, exemption reason).</summary>
    G,
}

/// <summary>A VAT category with its rate (BT-151/152, BT-118/119) and, for E/AE/K/G, the exemption reason
/// (BT-120 text, BT-121 code such as VATEX-EU-IC).</summary>
public sealed record VatRate(VatCategory Category, decimal Percent, string? ExemptionReason = null,
    string? ExemptionReasonCode = null)
{
    public static VatRate Standard(decimal percent) => new(VatCategory.S, percent);
    public static readonly VatRate ReverseCharge =
        new(VatCategory.AE, 0m, "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)", "VATEX-EU-AE");
    public static readonly VatRate IntraCommunity =
        new(VatCategory.K, 0m, "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)", "VATEX-EU-IC");
    public static readonly VatRate Export =
        new(VatCategory.G, 0m, "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a UStG)", "VATEX-EU-G");
}

/// <summary>Postal address (BG-5/BG-8/BG-15); CountryCode ISO 3166-1 alpha-2.</summary>
public sealed record PostalAddress(string Street, string PostalCode, string City, string CountryCode);

/// <summary>Seller contact BG-6: XRechnung requires name, telephone and e-mail.</summary>
public sealed record SellerContact(string Name, string Phone, string Email);

/// <summary>Electronic address BT-34/BT-49 with its scheme (EAS: EM e-mail, 0204 Leitweg-ID, 9930 DE VAT id...).</summary>
public sealed record ElectronicAddress(string Value, string Scheme = "EM");

/// <summary>The seller (BG-4). VatId BT-31 and/or TaxNumber BT-32 (Steuernummer); RegisterId BT-30 (e.g. HRB);
/// LegalInfo BT-33 (seat, court, managing directors); Identifier BT-29 (e.g. a farmer's InVeKoS Betriebsnummer).
/// BR-CO-26: one of Identifier, RegisterId or VatId is required (a tax number alone is not enough).</summary>
public sealed record Seller(string Name, PostalAddress Address, ElectronicAddress ElectronicAddress,
    SellerContact Contact, string? VatId = null, string? TaxNumber = null, string? RegisterId = null,
    string? LegalInfo = null, string? Identifier = null);

/// <summary>The buyer (BG-7). VatId BT-48.</summary>
public sealed record Buyer(string Name, PostalAddress Address, ElectronicAddress ElectronicAddress,
    string? VatId = null, string? ContactName = null);

/// <summary>Skonto: a discount of Percent when paid within Days; BaseAmount when it applies to part of BT-115 only.</summary>
public sealed record SkontoTerm(int Days, decimal Percent, decimal? BaseAmount = null);

/// <summary>Payment instructions (BG-16): means code 58 SEPA credit transfer with IBAN BT-84, account name BT-85,
/// BIC BT-86; due date BT-9; free payment terms BT-20 plus the Skonto terms in XRechnung syntax.</summary>
public sealed record Payment(string Iban, string? Bic = null, string? AccountName = null, LocalDate? DueDate = null,
    string? TermsText = null, IReadOnlyList<SkontoTerm>? Skonto = null, string? RemittanceInformation = null)
{
    public const string MeansCode = "58";
}

/// <summary>Invoicing period BG-14.</summary>
public sealed record InvoicingPeriod(LocalDate Start, LocalDate End);

/// <summary>Preceding invoice reference BG-3 (BT-25 number, BT-26 issue date).</summary>
public sealed record PrecedingInvoice(string Number, LocalDate? IssueDate = null);

/// <summary>Line allowance BG-27 (amount BT-136, reason BT-139, reason code BT-140 UNTDID 5189 e.g. 95).</summary>
public sealed record LineAllowance(decimal Amount, string Reason, string? ReasonCode = null);

/// <summary>Document-level allowance BG-20 or charge BG-21 (amount, reason, VAT category of the allowance/charge).</summary>
public sealed record DocumentAllowanceCharge(bool IsCharge, decimal Amount, string Reason, VatRate Vat,
    string? ReasonCode = null);

/// <summary>An invoice line BG-25. NetAmount BT-131 = round(Quantity x NetPrice - Allowance, 2) (verified).
/// UnitCode: UN/ECE Rec 20 (KGM kg, TNE t, LTR l, H87 piece, XBG bag/sack ...).</summary>
public sealed record InvoiceLine(string Id, string Name, decimal Quantity, string UnitCode, decimal NetPrice,
    decimal NetAmount, VatRate Vat, LineAllowance? Allowance = null, string? SellerItemId = null,
    string? Description = null);

/// <summary>The neutral e-invoice: one model, written as UBL 2.1 or CII D16B (XRechnung 3.0).
/// Amounts are already rounded; the writers compute and verify the EN 16931 totals (see <see cref="EInvoiceTotals"/>).</summary>
public sealed record EInvoice(EInvoiceKind Kind, string Number, LocalDate IssueDate, string BuyerReference,
    Seller Seller, Buyer Buyer, Payment Payment, IReadOnlyList<InvoiceLine> Lines)
{
    public const string XRechnung30 = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";

    /// <summary>BT-23 business process; XRechnung 3.0 adopted PEPPOL-EN16931-R001, which requires it.</summary>
    public const string PeppolBilling = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    /// <summary>BT-24: XRechnung 3.0 (default), or plain EN 16931 for ZUGFeRD/Factur-X profile EN 16931 (COMFORT).</summary>
    public string Specification { get; init; } = XRechnung30;

    public const string En16931 = "urn:cen.eu:en16931:2017";

    public string Currency { get; init; } = "EUR";
    /// <summary>BT-72; either this or <see cref="Period"/> should be given.</summary>
    public LocalDate? DeliveryDate { get; init; }
    public InvoicingPeriod? Period { get; init; }
    /// <summary>Deliver-to address BG-15 (required for K: BR-IC-12).</summary>
    public PostalAddress? DeliverTo { get; init; }
    /// <summary>BT-13 purchase order reference.</summary>
    public string? OrderReference { get; init; }
    /// <summary>BG-3, for credit notes (and corrections).</summary>
    public PrecedingInvoice? Preceding { get; init; }
    public IReadOnlyList<DocumentAllowanceCharge> AllowancesCharges { get; init; } = [];
    /// <summary>BT-22 notes; for <see cref="EInvoiceKind.SelfBilled"/> the writers add "Gutschrift" when missing.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string TypeCode => Kind switch
    {
        EInvoiceKind.Invoice => "380",
        EInvoiceKind.CreditNote => "381",
        EInvoiceKind.SelfBilled => "389",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>Notes as written: "Gutschrift" first for self-billed documents (§14 (4) Nr. 10 UStG).</summary>
    public IReadOnlyList<string> EffectiveNotes =>
        Kind == EInvoiceKind.SelfBilled && !Notes.Any(n => n.Contains("Gutschrift", StringComparison.Ordinal))
            ? ["Gutschrift", .. Notes]
            : Notes;
}
