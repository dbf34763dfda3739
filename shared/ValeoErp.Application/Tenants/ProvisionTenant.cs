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
/// rates, payment terms, number series, settings and a default warehouse. That is more than one atomic write
/// can hold (<see cref="ChangeSet.MaxOperations"/>), so the reference data goes in resumable steps and the
/// tenant record itself last: a tenant exists only once everything it needs is there, a crash part-way is
/// completed by the next call, and running it again for an existing tenant changes nothing.
/// </summary>
public sealed class ProvisionTenant(IRecordStore store, MasterData data, IClock clock)
{
    public const string DefaultWarehouseCode = "HL";

    /// <summary>Bump when the staged reference data changes, so step markers of the old content do not apply.</summary>
    private const string StepsName = "provision-v1";

    /// <returns>True when this call created the tenant.</returns>
    public async Task<bool> Handle(TenantId tenant, string name, string createdBy, CancellationToken ct)
    {
        if (await Exists(tenant, ct)) return false;

        var steps = new StepwiseWrite(store, tenant, Scope.Master, StepsName);
        foreach (var account in Skr03.Defaults) steps.Add(c => data.Stage(c, AccountResource.Instance, account));
        foreach (var rate in VatRateTable.GermanDefaults) steps.Add(c => data.Stage(c, VatRateResource.Instance, rate));
        foreach (var terms in TenantDefaults.PaymentTerms) steps.Add(c => data.Stage(c, PaymentTermsResource.Instance, terms));
        foreach (var series in TenantDefaults.NumberSeries) steps.Add(c => data.Stage(c, NumberSeriesResource.Instance, series));
        steps.Add(c => Ledger.Create(c, Settings.Type, Settings.ApprovalId, ApprovalPolicy.Default, RecordIndex.For(Settings.ApprovalId)));
        steps.Add(c => Ledger.Create(c, Settings.Type, Settings.AccountsId, new PostingAccounts(), RecordIndex.For(Settings.AccountsId)));
        steps.Add(c => data.Stage(c, WarehouseResource.Instance,
            new Warehouse { Id = Ids.New(), Code = DefaultWarehouseCode, Name = "Hauptlager", IsDefault = true }));
        await steps.Apply(ct);

        var changes = new ChangeSet();
        data.Stage(changes, TenantResource.Instance, new Tenant(tenant.Value, name, clock.GetCurrentInstant(), createdBy));
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
