using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Tenants;

/// <summary>The seller's contact on e-invoices (XRechnung BG-6: name, phone and e-mail are all required there).</summary>
public sealed record SellerContact(string? Name, string? Phone, string? Email);

/// <summary>Handelsregister entry: the court (Amtsgericht) and the number (HRA/HRB ...).</summary>
public sealed record CommercialRegister(string Court, string Number);

public sealed record CompanyBankAccount(string Iban, string? Bic, string? BankName);

/// <summary>A small image for the letterhead, kept as bytes with its media type (PNG or SVG).</summary>
public sealed record CompanyLogo(string ContentType, byte[] Data);

/// <summary>Where the books go in DATEV: the tax advisor's Beraternummer and the tenant's Mandantennummer.</summary>
public sealed record DatevNumbers(int ConsultantNumber, int ClientNumber);

/// <summary>
/// Who issues the tenant's documents: everything §14 (4) UStG and the letterhead need (name, address, VAT id or
/// tax number, register, managing directors, bank accounts), the e-invoice seller contact and electronic address.
/// </summary>
public sealed record CompanyProfile
{
    public required string LegalName { get; init; }
    public required Address Address { get; init; }
    public string? VatId { get; init; }
    public string? TaxNumber { get; init; }
    public CommercialRegister? Register { get; init; }
    public IReadOnlyList<string> ManagingDirectors { get; init; } = [];
    public IReadOnlyList<CompanyBankAccount> BankAccounts { get; init; } = [];
    public SellerContact? Contact { get; init; }
    /// <summary>BT-34: where buyers' systems answer (an e-mail address or a Peppol id).</summary>
    public string? ElectronicAddress { get; init; }
    public CompanyLogo? Logo { get; init; }
    public DatevNumbers? Datev { get; init; }
    /// <summary>The QS location number (QS-Standortnummer) printed on delivery notes of QS feed.</summary>
    public string? QsId { get; init; }
}
