using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Tenants;

public sealed record RegisterInput([property: Required, MaxLength(100)] string? Court, [property: Required, MaxLength(40)] string? Number);

public sealed record CompanyBankAccountInput(
    [property: Required, MaxLength(40)] string? Iban, [property: MinLength(8), MaxLength(11)] string? Bic = null, [property: MaxLength(70)] string? BankName = null);

public sealed record SellerContactInput([property: MaxLength(100)] string? Name, [property: MaxLength(40)] string? Phone, [property: MaxLength(200)] string? Email);

public sealed record LogoInput(
    [property: Required, AllowedValues("image/png", "image/svg+xml")] string? ContentType,
    [property: Required, MaxLength(CompanyProfiles.MaxLogoBase64)] string? Data);

/// <summary>Body of PUT /api/v1/settings/company.</summary>
public sealed record CompanyProfileInput(
    [property: Required, MaxLength(200)] string? LegalName,
    [property: Required] AddressInput? Address,
    [property: RegularExpression("^[A-Za-z]{2}[0-9A-Za-z+*.]{2,12}$")] string? VatId = null,
    [property: MaxLength(20), RegularExpression("^[0-9/ ]+$")] string? TaxNumber = null,
    RegisterInput? Register = null,
    [property: MaxLength(10)] IReadOnlyList<string>? ManagingDirectors = null,
    [property: MaxLength(5)] IReadOnlyList<CompanyBankAccountInput>? BankAccounts = null,
    SellerContactInput? Contact = null,
    [property: MaxLength(200)] string? ElectronicAddress = null,
    LogoInput? Logo = null,
    DatevInput? Datev = null,
    [property: MaxLength(20), RegularExpression("^[0-9]{13}$")] string? QsId = null);

/// <summary>The tax advisor's DATEV numbers: Beraternummer (1001-9999999) and Mandantennummer (1-99999).</summary>
public sealed record DatevInput([property: Range(1001, 9999999)] int? ConsultantNumber, [property: Range(1, 99999)] int? ClientNumber);

/// <summary>The tenant's company profile: read (empty until set) and replaced with If-Match.</summary>
public sealed class CompanyProfiles(Ledger ledger)
{
    public const string Id = "company";
    public const int MaxLogoBytes = 256 * 1024;
    public const int MaxLogoBase64 = (MaxLogoBytes + 2) / 3 * 4;

    public async Task<Versioned<CompanyProfile>?> Get(CancellationToken ct) =>
        await ledger.Find<CompanyProfile>(Scope.Master, Settings.Type, Id, ct);

    public async Task<Result<Versioned<CompanyProfile>>> Update(CompanyProfileInput input, string? ifMatch, CancellationToken ct)
    {
        if (Build(input) is { IsSuccess: false } invalid) return invalid.Error!;
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var profile = Build(input).Value;
        var current = await Get(ct);
        var version = current?.Version ?? 0;
        if (!ETags.Matches(ifMatch, version)) return new VersionMismatch(version);
        var changes = new ChangeSet();
        if (current is null) Ledger.Create(changes, Settings.Type, Id, profile, RecordIndex.For(Id));
        else Ledger.Replace(changes, Settings.Type, Id, version, profile, RecordIndex.For(Id));
        ledger.Record(changes, Settings.Type, "settings.company.updated", Id, current?.Value, profile);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error
            ? error is ConcurrentWrite ? new VersionMismatch(version) : error
            : new Versioned<CompanyProfile>(profile, version + 1);
    }

    public static Result<CompanyProfile> Build(CompanyProfileInput input)
    {
        var errors = new FieldErrors();
        var name = errors.Required("legalName", input.LegalName);
        var address = PartnerRules.ValidateAddress(errors, "address", input.Address, required: true);
        var vatId = errors.Check("vatId", PartnerRules.Blank(input.VatId), VatId.Parse);
        var taxNumber = errors.Optional("taxNumber", input.TaxNumber, 20);
        if (taxNumber is not null && !taxNumber.All(c => char.IsAsciiDigit(c) || c is '/' or ' '))
            errors.Add("taxNumber", "may contain only digits, '/' and spaces.");
        if (vatId is null && taxNumber is null && !errors.Any)
            errors.Add("vatId", "a VAT id or a tax number is required (§14 (4) no. 2 UStG).");
        CommercialRegister? register = null;
        if (input.Register is { } r)
        {
            var court = errors.Required("register.court", r.Court, 100);
            var number = errors.Required("register.number", r.Number, 40);
            if (court is not null && number is not null) register = new CommercialRegister(court, number);
        }
        var directors = (input.ManagingDirectors ?? []).Select((d, i) => errors.Required($"managingDirectors[{i}]", d, 100)).ToArray();
        if (directors.Length > 10) errors.Add("managingDirectors", "at most 10.");
        var banks = (input.BankAccounts ?? []).Select((b, i) => Bank(errors, $"bankAccounts[{i}]", b)).ToArray();
        if (banks.Length > 5) errors.Add("bankAccounts", "at most 5.");
        var contact = input.Contact is { } c
            ? new SellerContact(errors.Optional("contact.name", c.Name, 100), errors.Optional("contact.phone", c.Phone, 40),
                errors.Check("contact.email", PartnerRules.Blank(c.Email), Contact.ParseEmail))
            : null;
        if (contact is { Name: null, Phone: null, Email: null }) contact = null; // an empty contact is no contact (BR-DE-2)
        var electronic = errors.Check("electronicAddress", PartnerRules.Blank(input.ElectronicAddress), EInvoiceAddress.Parse);
        var logo = input.Logo is { } l ? Logo(errors, l) : null;
        DatevNumbers? datev = null;
        if (input.Datev is { } d)
        {
            if (d.ConsultantNumber is not (>= 1001 and <= 9999999)) errors.Add("datev.consultantNumber", "must be a Beraternummer from 1001 to 9999999.");
            if (d.ClientNumber is not (>= 1 and <= 99999)) errors.Add("datev.clientNumber", "must be a Mandantennummer from 1 to 99999.");
            if (!errors.Any) datev = new DatevNumbers(d.ConsultantNumber!.Value, d.ClientNumber!.Value);
        }
        var qsId = PartnerRules.Blank(input.QsId);
        if (qsId is not null && (qsId.Length != 13 || !qsId.All(char.IsAsciiDigit)))
            errors.Add("qsId", "must be the 13-digit QS location number (QS-Standortnummer).");
        if (errors.Any) return errors.ToError();
        return new CompanyProfile
        {
            LegalName = name!, Address = address!, VatId = vatId, TaxNumber = taxNumber, Register = register,
            ManagingDirectors = directors!, BankAccounts = banks!, Contact = contact, ElectronicAddress = electronic, Logo = logo, Datev = datev, QsId = qsId,
        };
    }

    private static CompanyBankAccount? Bank(FieldErrors errors, string field, CompanyBankAccountInput input)
    {
        var iban = errors.Check($"{field}.iban", errors.Required($"{field}.iban", input.Iban, 40), Iban.Parse);
        var bic = errors.Optional($"{field}.bic", input.Bic, 11)?.ToUpperInvariant();
        if (bic is not null && bic.Length is not (8 or 11)) errors.Add($"{field}.bic", "must have 8 or 11 characters.");
        return iban is null ? null : new CompanyBankAccount(iban, bic, errors.Optional($"{field}.bankName", input.BankName, 70));
    }

    private static CompanyLogo? Logo(FieldErrors errors, LogoInput input)
    {
        if (input.ContentType is not ("image/png" or "image/svg+xml")) errors.Add("logo.contentType", "must be image/png or image/svg+xml.");
        byte[] data;
        try { data = Convert.FromBase64String(input.Data ?? ""); }
        catch (FormatException) { errors.Add("logo.data", "must be base64."); return null; }
        if (data.Length is 0 or > MaxLogoBytes) { errors.Add("logo.data", $"must hold 1 byte to {MaxLogoBytes / 1024} KiB."); return null; }
        var png = data.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var svg = System.Text.Encoding.UTF8.GetString(data, 0, Math.Min(data.Length, 512)).Contains("<svg", StringComparison.Ordinal);
        if (input.ContentType == "image/png" && !png) errors.Add("logo.data", "is not a PNG image.");
        if (input.ContentType == "image/svg+xml" && !svg) errors.Add("logo.data", "is not an SVG image.");
        return new CompanyLogo(input.ContentType!, data);
    }
}
