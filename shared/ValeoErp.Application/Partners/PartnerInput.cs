using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Partners;

public sealed record AddressInput(
    [property: Required, MaxLength(200)] string? Street,
    [property: Required, MaxLength(10)] string? PostalCode,
    [property: Required, MaxLength(100)] string? City,
    [property: RegularExpression("^[A-Za-z]{2}$")] string? Country = null);

public sealed record PaymentTermsInput(
    [property: Range(0, 365)] int? NetDays, [property: Range(0, 365)] int? DiscountDays, [property: Range(0, 100)] decimal? DiscountPercent);

public sealed record BankAccountInput(
    [property: Required, MaxLength(40)] string? Iban, [property: MinLength(8), MaxLength(11)] string? Bic = null, [property: MaxLength(70)] string? AccountHolder = null);

/// <summary>The body of POST and PUT for customers and suppliers. Enums arrive as text so every error is reported at once.</summary>
public sealed record PartnerInput(
    [property: Required, MaxLength(200)] string? Name,
    [property: Required] AddressInput? Address,
    [property: RegularExpression("^[A-Za-z]{2}[0-9A-Za-z+*.]{2,12}$")] string? VatId = null,
    [property: MaxLength(20)] string? TaxNumber = null,
    [property: MaxLength(200)] string? Email = null,
    [property: MaxLength(40)] string? Phone = null,
    [property: TextEnum(typeof(TaxTreatment))] string? TaxTreatment = null,
    PaymentTermsInput? PaymentTerms = null,
    [property: MaxLength(200)] string? EInvoiceAddress = null,
    BankAccountInput? BankAccount = null,
    [property: MaxLength(200)] string? BuyerReference = null,
    [property: TextEnum(typeof(EInvoiceFormat))] string? EInvoiceFormat = null);

/// <summary>Validates a partner body and builds the partner; shared by the customer and supplier slices.</summary>
public static class PartnerRules
{
    public static Result<Partner> Build(PartnerInput input, string id, int number, IReadOnlyList<PartnerRole> roles)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", input.Name);
        var address = ValidateAddress(errors, "address", input.Address, required: true);
        var vatId = errors.Check("vatId", Blank(input.VatId), VatId.Parse);
        var email = errors.Check("email", Blank(input.Email), Contact.ParseEmail);
        var phone = errors.Optional("phone", input.Phone, 40);
        var taxNumber = errors.Optional("taxNumber", input.TaxNumber, 20);
        var treatment = ParseEnum<TaxTreatment>(errors, "taxTreatment", input.TaxTreatment) ?? TaxTreatment.Domestic;
        var terms = input.PaymentTerms is { } t
            ? Nested(errors, "paymentTerms", e => PaymentTerms.Validate(e, t.NetDays, t.DiscountDays, t.DiscountPercent))
            : PaymentTerms.Net30;
        var eInvoice = errors.Check("eInvoiceAddress", Blank(input.EInvoiceAddress), EInvoiceAddress.Parse);
        var bank = ValidateBank(errors, input.BankAccount);
        var buyerReference = errors.Optional("buyerReference", input.BuyerReference, 200);
        var format = ParseEnum<EInvoiceFormat>(errors, "eInvoiceFormat", input.EInvoiceFormat);
        Partner.CheckConsistency(errors, treatment, vatId, address);

        if (errors.Any) return errors.ToError();
        return new Partner
        {
            Id = id, Number = number, Roles = roles, Name = name!, Address = address!, VatId = vatId,
            TaxNumber = taxNumber, Email = email, Phone = phone, TaxTreatment = treatment, PaymentTerms = terms!,
            EInvoiceAddress = eInvoice, BankAccount = bank, BuyerReference = buyerReference, EInvoiceFormat = format,
        };
    }

    public static Address? ValidateAddress(FieldErrors errors, string field, AddressInput? input, bool required)
    {
        if (input is null)
        {
            if (required) errors.Add(field, "is required.");
            return null;
        }
        var street = errors.Required($"{field}.street", input.Street);
        var city = errors.Required($"{field}.city", input.City, 100);
        var country = string.IsNullOrWhiteSpace(input.Country) ? "DE" : input.Country.Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            errors.Add($"{field}.country", "must be an ISO 3166-1 alpha-2 code such as DE.");
        var postal = errors.Required($"{field}.postalCode", input.PostalCode, 10);
        if (postal is not null) postal = errors.Check($"{field}.postalCode", postal, p => PostalCode.Parse(country, p));
        return street is null || city is null || postal is null ? null : new Address(street, postal, city, country);
    }

    private static BankAccount? ValidateBank(FieldErrors errors, BankAccountInput? input)
    {
        if (input is null) return null;
        var iban = errors.Check("bankAccount.iban", errors.Required("bankAccount.iban", input.Iban, 40), Iban.Parse);
        var bic = errors.Optional("bankAccount.bic", input.Bic, 11)?.ToUpperInvariant();
        if (bic is not null && bic.Length is not (8 or 11)) errors.Add("bankAccount.bic", "must have 8 or 11 characters.");
        return iban is null ? null : new BankAccount(iban, bic, errors.Optional("bankAccount.accountHolder", input.AccountHolder, 70));
    }

    public static TEnum? ParseEnum<TEnum>(FieldErrors errors, string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Case-insensitive like the JSON enum converter of typed fields (and generated clients that write member names).
        var match = Enum.GetValues<TEnum>().Where(v => string.Equals(Camel(v.ToString()), value.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();
        if (match.Length == 1) return match[0];
        errors.Add(field, $"must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(v => Camel(v.ToString())))}.");
        return null;
    }

    public static T? Nested<T>(FieldErrors errors, string prefix, Func<FieldErrors, T?> validate) where T : class
    {
        var inner = new FieldErrors();
        var value = validate(inner);
        errors.Merge(prefix, inner);
        return value;
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>Customers and suppliers are views of partners, told apart by role.</summary>
public sealed class PartnerResource(PartnerRole role) : ResourceDefinition<Partner>
{
    public static readonly PartnerResource Customers = new(PartnerRole.Customer);
    public static readonly PartnerResource Suppliers = new(PartnerRole.Supplier);

    public PartnerRole Role { get; } = role;
    public override string RecordType => "partner";
    public override string Name => Role == PartnerRole.Customer ? "Customer" : "Supplier";
    public override string Path => Role == PartnerRole.Customer ? "/api/v1/customers" : "/api/v1/suppliers";
    public override string EventName => Role == PartnerRole.Customer ? "customer" : "supplier";
    public override string? Label => RoleLabel(Role);
    public override string IdOf(Partner entity) => entity.Id;
    public override bool IsVisible(Partner entity) => entity.Has(Role);

    public override RecordIndex Index(Partner p) =>
        RecordIndex.For(p.Number.ToString("00000"), p.Name, p.Number.ToString(), p.DebtorAccount?.ToString(),
                p.CreditorAccount?.ToString(), p.Address.City, p.Address.PostalCode, p.VatId)
            .WithLabels(p.Roles.Select(RoleLabel));

    public static string RoleLabel(PartnerRole role) => role == PartnerRole.Customer ? "customer" : "supplier";
}
