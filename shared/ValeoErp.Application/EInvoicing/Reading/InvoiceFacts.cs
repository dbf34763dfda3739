namespace ValeoErp.Application.EInvoicing.Reading;

/// <summary>
/// An e-invoice as it was received: the EN 16931 business terms read from UBL 2.1 or CII D16B, with the amounts
/// as stated (not recomputed) so that <see cref="EInvoiceRules"/> can check them like the official Schematron does.
/// Absent elements are null; an element that is present but empty is "" (the rules distinguish them).
/// </summary>
public sealed record InvoiceFacts
{
    public required EInvoiceSyntax Syntax { get; init; }
    /// <summary>UBL CreditNote (document kind by root element; CII carries it in the type code only).</summary>
    public bool IsCreditNoteRoot { get; init; }
    public string? Specification { get; init; }
    public string? BusinessProcess { get; init; }
    public string? Number { get; init; }
    public string? IssueDate { get; init; }
    public string? TypeCode { get; init; }
    public string? Currency { get; init; }
    public string? TaxCurrency { get; init; }
    public string? BuyerReference { get; init; }
    public string? OrderReference { get; init; }
    public string? DueDate { get; init; }
    public string? DeliveryDate { get; init; }
    public bool HasInvoicePeriod { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<string?> PrecedingInvoices { get; init; } = [];
    public required PartyFacts Seller { get; init; }
    public required PartyFacts Buyer { get; init; }
    /// <summary>BG-11 seller tax representative's VAT id, when given.</summary>
    public string? TaxRepresentativeVatId { get; init; }
    public AddressFacts? DeliverTo { get; init; }
    public IReadOnlyList<PaymentMeansFacts> PaymentMeans { get; init; } = [];
    /// <summary>BT-20 payment terms (the first note), incl. the XRechnung Skonto lines.</summary>
    public string? PaymentTerms { get; init; }
    /// <summary>BT-90 creditor id (SEPA direct debit).</summary>
    public string? CreditorId { get; init; }
    public IReadOnlyList<LineFacts> Lines { get; init; } = [];
    public IReadOnlyList<AllowanceChargeFacts> AllowancesCharges { get; init; } = [];
    public IReadOnlyList<BreakdownFacts> Breakdown { get; init; } = [];
    public required TotalsFacts Totals { get; init; }
    /// <summary>Amounts with their element names, for the decimal-places rules (BR-DEC-*).</summary>
    public IReadOnlyList<(string Term, string Raw)> Amounts { get; init; } = [];
    /// <summary>Filenames of embedded attachments (BT-125), for BR-DE-22.</summary>
    public IReadOnlyList<string> AttachmentNames { get; init; } = [];
    /// <summary>Values that were present but not numbers or dates in the expected format.</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];
    /// <summary>Elements without content (PEPPOL-EN16931-R008, UBL only).</summary>
    public int EmptyElements { get; init; }
    /// <summary>UBL: tax totals with subtotals / without (PEPPOL-EN16931-R053/R054).</summary>
    public int TaxTotalsWithSubtotals { get; init; } = 1;
    public bool HasThirdPartyPayments { get; init; }
}

public sealed record AddressFacts(string? Street, string? City, string? PostCode, string? Country);

public sealed record ContactFacts(string? Name, string? Phone, string? Email);

public sealed record PartyFacts
{
    public string? Name { get; init; }
    public string? TradingName { get; init; }
    public string? VatId { get; init; }
    /// <summary>BT-32 Steuernummer (UBL PartyTaxScheme other than VAT, CII SpecifiedTaxRegistration "FC").</summary>
    public string? TaxNumber { get; init; }
    public string? LegalId { get; init; }
    public IReadOnlyList<string> Identifiers { get; init; } = [];
    public string? ElectronicAddress { get; init; }
    public string? ElectronicAddressScheme { get; init; }
    public AddressFacts? Address { get; init; }
    public ContactFacts? Contact { get; init; }
}

/// <summary>BG-16: means code BT-81; credit transfer account BT-84 (BG-17); card BG-18; direct debit BG-19 with
/// the mandate BT-89 and the debited account BT-91.</summary>
public sealed record PaymentMeansFacts(string? Code, string? Iban, string? Bic, string? AccountName, bool HasCard,
    bool HasMandate, string? MandateId, string? DebitedAccount, bool HasCreditTransfer);

public sealed record VatFacts(string? Category, decimal? Percent, string? ExemptionReason, string? ExemptionReasonCode);

public sealed record LineFacts(string? Id, string? Name, decimal? Quantity, string? UnitCode, decimal? NetPrice,
    decimal? BaseQuantity, decimal? NetAmount, VatFacts Vat, decimal Allowances, decimal Charges, string? SellerItemId,
    string? BuyerItemId, string? StandardItemId);

public sealed record AllowanceChargeFacts(bool IsCharge, decimal? Amount, decimal? BaseAmount, decimal? Percent,
    VatFacts Vat, string? Reason, string? ReasonCode);

public sealed record BreakdownFacts(decimal? TaxableAmount, decimal? TaxAmount, VatFacts Vat);

/// <summary>BG-22 as stated: BT-106 ... BT-115 (nulls where absent).</summary>
public sealed record TotalsFacts(decimal? LineTotal, decimal? AllowanceTotal, decimal? ChargeTotal, decimal? TaxExclusive,
    decimal? TaxTotal, decimal? TaxInclusive, decimal? Prepaid, decimal? Rounding, decimal? Payable, decimal ThirdPartyPaid = 0m);
