using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Tenants;

/// <summary>
/// Fills the local demo tenant on the first start of an empty store. All demo records, the partner
/// counter and a marker go in one atomic write, so a crash mid-seed leaves nothing and the next start
/// seeds again; a seeded store is left alone.
/// </summary>
public sealed class DemoSeed(IRecordStore store, MasterData data, ProvisionTenant provision)
{
    public const string TenantName = "Landhandel Demo GmbH";
    private const string MarkerType = "seed";
    private const string MarkerId = "demo-v1";

    public static TenantId Tenant { get; } = TenantId.Parse("demo").Value;

    /// <returns>True when this call seeded the demo data.</returns>
    public async Task<bool> Apply(CancellationToken ct)
    {
        await provision.Handle(Tenant, TenantName, "system", ct);
        if (await store.Get(Tenant, Scope.Master, MarkerType, MarkerId, ct) is not null) return false;

        var changes = new ChangeSet();
        var number = 0;
        var farmers = DemoData.CustomersAlsoSuppliers.ToHashSet();
        for (var i = 0; i < DemoData.Customers.Count; i++)
        {
            PartnerRole[] roles = farmers.Contains(i) ? [PartnerRole.Customer, PartnerRole.Supplier] : [PartnerRole.Customer];
            data.Stage(changes, PartnerResource.Customers, Valid(PartnerRules.Build(DemoData.Customers[i], Ids.New(), ++number, roles)));
        }
        foreach (var supplier in DemoData.Suppliers)
            data.Stage(changes, PartnerResource.Suppliers, Valid(PartnerRules.Build(supplier, Ids.New(), ++number, [PartnerRole.Supplier])));
        MasterData.StageCounter(changes, PartnerFeatures.Counter, number + 1);

        foreach (var article in DemoData.Articles)
            data.Stage(changes, ArticleResource.Instance, Valid(ArticleFeatures.Build(article, Ids.New())));
        foreach (var warehouse in DemoData.Warehouses)
            data.Stage(changes, WarehouseResource.Instance, Valid(WarehouseFeatures.Build(warehouse, Ids.New(), isDefault: false)));
        foreach (var user in DemoData.Users)
            data.Stage(changes, UserResource.Instance, user);
        changes.Writes.Add(new CreateRecord(MarkerType, MarkerId, ValeoJson.Serialize(new { seeded = MarkerId }), RecordIndex.For(MarkerId)));

        try
        {
            await store.Commit(Tenant, Scope.Master, changes, ct);
            return true;
        }
        catch (RecordConflictException e) when (e.Type == MarkerType)
        {
            return false; // another process seeded at the same moment
        }
    }

    private static T Valid<T>(Result<T> result) => result.IsSuccess
        ? result.Value
        : throw new InvalidOperationException($"Demo data is invalid: {Describe(result.Error!)}");

    private static string Describe(Error error) => error is ValidationFailed v
        ? string.Join("; ", v.Fields.Select(f => $"{f.Field} {f.Message}"))
        : error.Message;
}
