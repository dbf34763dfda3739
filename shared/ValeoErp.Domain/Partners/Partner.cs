using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

public enum TaxTreatment { Domestic, EuReverseCharge, Export, FlatRateFarmer }

public enum PartnerRole { Customer, Supplier }

/// <summary>How a customer wants invoices: XRechnung as UBL or CII, ZUGFeRD (PDF with CII inside), or a plain PDF.</summary>
public enum EInvoiceFormat { XrechnungUbl, XrechnungCii, Zugferd, PdfOnly }

public sealed record Address(string Street, string PostalCode, string City, string Country);

public sealed record BankAccount(string Iban, string? Bic, string? AccountHolder);

/// <summary>
/// A business partner: one record whether the company sells to it (Debitor), buys from it (Kreditor),
/// or both, as with most farmers. The partner number gives both ledger accounts (DATEV convention:
/// debtors 10000-69999, creditors 70000-99999), so a farmer who is both keeps one identity.
/// </summary>
public sealed record Partner
{
    public required string Id { get; init; }
    public required int Number { get; init; }
    public required IReadOnlyList<PartnerRole> Roles { get; init; }
    public required string Name { get; init; }
    public required Address Address { get; init; }
    public string? VatId { get; init; }
    public string? TaxNumber { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required TaxTreatment TaxTreatment { get; init; }
    public required PaymentTerms PaymentTerms { get; init; }
    public string? EInvoiceAddress { get; init; }
    public BankAccount? BankAccount { get; init; }
    /// <summary>BT-10 on e-invoices: the Leitweg-ID of a public buyer, or the reference the buyer asks for.</summary>
    public string? BuyerReference { get; init; }
    public EInvoiceFormat? EInvoiceFormat { get; init; }

    public int? DebtorAccount => Roles.Contains(PartnerRole.Customer) ? 10000 + Number : null;
    public int? CreditorAccount => Roles.Contains(PartnerRole.Supplier) ? 70000 + Number : null;

    public bool Has(PartnerRole role) => Roles.Contains(role);

    public Partner WithRole(PartnerRole role) =>
        Has(role) ? this : this with { Roles = [.. Roles, role] };

    /// <summary>Checks that belong to the partner as a whole rather than to one field.</summary>
    public static void CheckConsistency(FieldErrors errors, TaxTreatment treatment, string? vatId, Address? address)
    {
        if (treatment == TaxTreatment.EuReverseCharge && vatId is null)
            errors.Add("vatId", "is required for EU reverse-charge partners (their VAT id goes on every invoice).");
        if (treatment == TaxTreatment.EuReverseCharge && address is not null && address.Country == "DE")
            errors.Add("taxTreatment", "EU reverse charge applies only to partners outside Germany.");
        if (treatment == TaxTreatment.Domestic && address is not null && address.Country != "DE")
            errors.Add("taxTreatment", "domestic treatment needs a German address; use euReverseCharge or export.");
    }

    // Keeps both derived accounts inside the DATEV ranges (creditors end at 99999).
    public const int MaxNumber = 29999;
}
