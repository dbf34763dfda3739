using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Tenants;

/// <summary>The tenant record itself: who created it and when.</summary>
public sealed record Tenant(string Id, string Name, NodaTime.Instant CreatedAt, string CreatedBy);

/// <summary>A user of the tenant and the roles that decide their scopes.</summary>
public sealed record User(string Id, string Name, string? Email, IReadOnlyList<string> Roles);

/// <summary>Reference data lives in the master scope like master data and reads through the same mechanics.</summary>
public sealed class TenantResource : ResourceDefinition<Tenant>
{
    public static readonly TenantResource Instance = new();
    public override string RecordType => "tenant";
    public override string Name => "Tenant";
    public override string Path => "/api/v1/tenant";
    public override string EventName => "tenant";
    public override string IdOf(Tenant entity) => entity.Id;
    public override RecordIndex Index(Tenant t) => RecordIndex.For(t.Id, t.Name);
}

public sealed class AccountResource : ResourceDefinition<Account>
{
    public static readonly AccountResource Instance = new();
    public override string RecordType => "account";
    public override string Name => "Account";
    public override string Path => "/api/v1/accounts";
    public override string EventName => "account";
    public override string IdOf(Account entity) => entity.Number;
    public override RecordIndex Index(Account a) => RecordIndex.For(a.Number.PadLeft(8, '0'), a.Number, a.Name);
}

public sealed class VatRateResource : ResourceDefinition<VatRate>
{
    public static readonly VatRateResource Instance = new();
    public override string RecordType => "vat-rate";
    public override string Name => "VAT rate";
    public override string Path => "/api/v1/vat-rates";
    public override string EventName => "vatRate";
    public override string IdOf(VatRate r) => $"{r.Code}-{r.ValidFrom:yyyy-MM-dd}".ToLowerInvariant();
    public override RecordIndex Index(VatRate r) => RecordIndex.For(IdOf(r), r.Code.ToString(), r.Legal);
}

public sealed class PaymentTermsResource : ResourceDefinition<PaymentTermsTemplate>
{
    public static readonly PaymentTermsResource Instance = new();
    public override string RecordType => "payment-terms";
    public override string Name => "Payment terms";
    public override string Path => "/api/v1/payment-terms";
    public override string EventName => "paymentTerms";
    public override string IdOf(PaymentTermsTemplate t) => t.Code;
    public override RecordIndex Index(PaymentTermsTemplate t) => RecordIndex.For(t.Code, t.Code, t.Description);
}

public sealed class NumberSeriesResource : ResourceDefinition<NumberSeries>
{
    public static readonly NumberSeriesResource Instance = new();
    public override string RecordType => "number-series";
    public override string Name => "Number series";
    public override string Path => "/api/v1/number-series";
    public override string EventName => "numberSeries";
    public override string IdOf(NumberSeries s) => s.DocumentType;
    public override RecordIndex Index(NumberSeries s) => RecordIndex.For(s.DocumentType, s.DocumentType, s.Pattern);
}

public sealed class UserResource : ResourceDefinition<User>
{
    public static readonly UserResource Instance = new();
    public override string RecordType => "user";
    public override string Name => "User";
    public override string Path => "/api/v1/users";
    public override string EventName => "user";
    public override string IdOf(User u) => u.Id;
    public override RecordIndex Index(User u) => RecordIndex.For(u.Id, u.Id, u.Name, u.Email);
}
