using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Inventory;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Tenants;

/// <summary>
/// Creates a tenant with everything it needs to trade from day one - SKR03 chart, effective-dated VAT
/// rates, payment terms, number series and a default warehouse - in one atomic write, so a tenant is
/// either fully provisioned or not there at all. Running it again for an existing tenant changes nothing.
/// </summary>
public sealed class ProvisionTenant(IRecordStore store, MasterData data, IClock clock)
{
    public const string DefaultWarehouseCode = "HL";

    /// <returns>True when this call created the tenant.</returns>
    public async Task<bool> Handle(TenantId tenant, string name, string createdBy, CancellationToken ct)
    {
        if (await Exists(tenant, ct)) return false;

        var changes = new ChangeSet();
        data.Stage(changes, TenantResource.Instance, new Tenant(tenant.Value, name, clock.GetCurrentInstant(), createdBy));
        foreach (var account in Skr03.Defaults) data.Stage(changes, AccountResource.Instance, account);
        foreach (var rate in VatRateTable.GermanDefaults) data.Stage(changes, VatRateResource.Instance, rate);
        foreach (var terms in TenantDefaults.PaymentTerms) data.Stage(changes, PaymentTermsResource.Instance, terms);
        foreach (var series in TenantDefaults.NumberSeries) data.Stage(changes, NumberSeriesResource.Instance, series);
        Ledger.Create(changes, Settings.Type, Settings.ApprovalId, ApprovalPolicy.Default, RecordIndex.For(Settings.ApprovalId));
        Ledger.Create(changes, Settings.Type, Settings.AccountsId, new PostingAccounts(), RecordIndex.For(Settings.AccountsId));
        data.Stage(changes, WarehouseResource.Instance,
            new Warehouse { Id = Ids.New(), Code = DefaultWarehouseCode, Name = "Hauptlager", IsDefault = true });

        try
        {
            await store.Commit(tenant, Scope.Master, changes, ct);
            return true;
        }
        catch (RecordConflictException e) when (e.Kind == ConflictKind.AlreadyExists)
        {
            return false; // a concurrent request provisioned it first: the same outcome
        }
    }

    public async Task<bool> Exists(TenantId tenant, CancellationToken ct) =>
        await store.Get(tenant, Scope.Master, TenantResource.Instance.RecordType, tenant.Value, ct) is not null;
}
