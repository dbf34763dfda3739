using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Tenants;

/// <summary>
/// Fills the local demo tenant on the first start of an empty store. The demo records and the partner counter
/// go in resumable steps (<see cref="StepwiseWrite"/>; more than one atomic write holds) and a marker last, so a
/// crash mid-seed is completed by the next start and a seeded store is left alone.
/// </summary>
public sealed class DemoSeed(IRecordStore store, MasterData data, ProvisionTenant provision, Ledger ledger, CompanyProfiles company,
    Compliance.EvidenceOnFile evidence, Compliance.SupplierRiskAssessments assessments)
{
    public const string TenantName = "Landhandel Demo GmbH";
    private const string MarkerType = "seed";
    private const string MarkerId = "demo-v1";
    private const string StockMarkerId = "demo-stock";

    /// <summary>Bump with the demo content, so step markers of the old content do not apply.</summary>
    private const string StepsName = "demo-v1-steps";

    public static TenantId Tenant { get; } = TenantId.Parse("demo").Value;

    /// <returns>True when this call seeded the demo data.</returns>
    public async Task<bool> Apply(CancellationToken ct)
    {
        var seeded = await SeedMasterData(ct);
        await SeedOpeningStock(ct);
        await SeedCompany(ct);
        await SeedEvidence(ct);
        return seeded;
    }

    /// <summary>Certificates and declarations on file for the demo customers, in resumable steps and a marker last.</summary>
    private async Task SeedEvidence(CancellationToken ct)
    {
        const string marker = "demo-evidence";
        if (await store.Get(Tenant, Scope.Master, MarkerType, marker, ct) is not null) return;
        var customers = (await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct))
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var steps = new StepwiseWrite(store, Tenant, Scope.Master, marker + "-steps");
        foreach (var e in DemoData.Evidence(ledger.Today))
        {
            if (!customers.TryGetValue(e.Customer, out var partnerId)) continue;
            var record = new Domain.Compliance.Evidence
            {
                Id = Ids.New(), PartnerId = partnerId, Type = e.Type, Number = e.Number, Issuer = e.Issuer, ValidFrom = e.From, ValidTo = e.To,
                Holder = e.Type == Domain.Compliance.EvidenceType.PrecursorDeclaration ? $"{e.Customer}, Inhaber/Geschäftsführung" : null,
                Trade = e.Type == Domain.Compliance.EvidenceType.PrecursorDeclaration ? "Landwirtschaft / landwirtschaftliches Lohnunternehmen" : null,
                IntendedUse = e.Type == Domain.Compliance.EvidenceType.PrecursorDeclaration ? "Düngung landwirtschaftlicher Flächen" : null,
                RecordedBy = "system", RecordedAt = ledger.Now,
            };
            steps.Add(c => evidence.Stage(c, record));
        }
        // LkSG: the larger suppliers assessed last spring; the rest are left for the compliance monitor to point at.
        var suppliers = (await ledger.All<Partner>(Scope.Master, PartnerResource.Suppliers.RecordType, ct))
            .Where(p => p.Has(PartnerRole.Supplier) && p.TaxTreatment != TaxTreatment.FlatRateFarmer).OrderBy(p => p.Number).Take(10);
        foreach (var supplier in suppliers)
        {
            var assessment = new Domain.Compliance.RiskAssessment
            {
                Id = Ids.New(), PartnerId = supplier.Id, AssessedOn = new NodaTime.LocalDate(ledger.Today.Year, 3, 15), Risk = Domain.Compliance.RiskLevel.Low,
                Findings = "Lieferant mit Sitz in Deutschland; Selbstauskunft zu Menschenrechts- und Umweltstandards liegt vor, keine Hinweise auf Verstöße.",
                NextReviewDue = new NodaTime.LocalDate(ledger.Today.Year + 1, 3, 15), AssessedBy = "system", RecordedAt = ledger.Now,
            };
            steps.Add(c => assessments.Stage(c, assessment));
        }
        await steps.Apply(ct);
        var done = new ChangeSet();
        done.Writes.Add(new CreateRecord(MarkerType, marker, ValeoJson.Serialize(new { seeded = marker }), RecordIndex.For(marker)));
        try { await store.Commit(Tenant, Scope.Master, done, ct); }
        catch (RecordConflictException) { /* a concurrent start finished first */ }
    }

    /// <summary>The company profile, set once (If-Match "0"): a profile the admin changed later is never replaced.</summary>
    private async Task SeedCompany(CancellationToken ct)
    {
        if (await company.Get(ct) is not null) return;
        var result = await company.Update(DemoData.Company, ETags.Format(0), ct);
        if (!result.IsSuccess && result.Error is not VersionMismatch)
            throw new InvalidOperationException($"Demo company profile is invalid: {Describe(result.Error!)}");
    }

    /// <summary>
    /// Opening stock for the demo, so deliveries work out of the box: per demo article (the fixed list, never
    /// articles users added) one atomic write of its balance, movement, audit and event together with a marker
    /// for that article, so a crash or a concurrent start can neither skip nor double an article; a marker for
    /// the whole stock last. A stock seeded in an earlier year is carried forward instead.
    /// </summary>
    private async Task SeedOpeningStock(CancellationToken ct)
    {
        var year = ledger.Today.Year;
        foreach (var y in new[] { year, year - 1 })
            if (await store.Get(Tenant, Scope.Year(y), MarkerType, StockMarkerId, ct) is not null) return;

        var warehouses = await ledger.All<Domain.Inventory.Warehouse>(Scope.Master, WarehouseResource.Instance.RecordType, ct);
        var main = warehouses.Single(w => w.IsDefault);
        var tank = warehouses.FirstOrDefault(w => w.Code == "TL") ?? main;
        var articles = (await ledger.All<Domain.Articles.Article>(Scope.Master, ArticleResource.Instance.RecordType, ct))
            .ToDictionary(a => a.Number, StringComparer.Ordinal);
        foreach (var number in DemoData.Articles.Select(a => a.Number!))
        {
            if (!articles.TryGetValue(number, out var article)) continue;
            var quantity = OpeningQuantity(article);
            if (quantity <= 0m) continue;
            var articleMarker = $"{StockMarkerId}:{number}";
            if (await store.Get(Tenant, Scope.Year(year), MarkerType, articleMarker, ct) is not null
                || await store.Get(Tenant, Scope.Year(year - 1), MarkerType, articleMarker, ct) is not null) continue;

            var stock = new Inventory.StockChange(ledger, year);
            stock.Add(article, article.Category == Domain.Articles.ArticleCategory.Fuel ? tank.Id : main.Id, quantity,
                Inventory.StockMovementKind.Opening, new NodaTime.LocalDate(year, 1, 1), reason: "Demo-Anfangsbestand");
            var changes = new ChangeSet();
            if (await stock.Stage(changes, ct) is not null) return;
            changes.Writes.Add(new CreateRecord(MarkerType, articleMarker, ValeoJson.Serialize(new { seeded = articleMarker }), RecordIndex.For(articleMarker)));
            try { await store.Commit(Tenant, Scope.Year(year), changes, ct); }
            catch (RecordConflictException) { /* seeded concurrently, or its stock moved meanwhile: it has stock either way */ }
        }
        try
        {
            var marker = new ChangeSet();
            marker.Writes.Add(new CreateRecord(MarkerType, StockMarkerId, ValeoJson.Serialize(new { seeded = StockMarkerId }), RecordIndex.For(StockMarkerId)));
            await store.Commit(Tenant, Scope.Year(year), marker, ct);
        }
        catch (RecordConflictException) { /* a concurrent start finished first */ }
    }

    private static decimal OpeningQuantity(Domain.Articles.Article article) => article.Category switch
    {
        Domain.Articles.ArticleCategory.Fertiliser => article.Unit == Domain.Articles.ArticleUnit.T ? 60m : 300m,
        Domain.Articles.ArticleCategory.Seed => 250m,
        Domain.Articles.ArticleCategory.PlantProtection => 120m,
        Domain.Articles.ArticleCategory.Feed => article.Unit == Domain.Articles.ArticleUnit.T ? 40m : 200m,
        Domain.Articles.ArticleCategory.Fuel => 25_000m,
        Domain.Articles.ArticleCategory.ShopGoods => 50m,
        _ => 0m,
    };

    private async Task<bool> SeedMasterData(CancellationToken ct)
    {
        await provision.Handle(Tenant, TenantName, "system", ct);
        if (await store.Get(Tenant, Scope.Master, MarkerType, MarkerId, ct) is not null) return false;

        var steps = new StepwiseWrite(store, Tenant, Scope.Master, StepsName);
        var number = 0;
        var farmers = DemoData.CustomersAlsoSuppliers.ToHashSet();
        for (var i = 0; i < DemoData.Customers.Count; i++)
        {
            PartnerRole[] roles = farmers.Contains(i) ? [PartnerRole.Customer, PartnerRole.Supplier] : [PartnerRole.Customer];
            var partner = Valid(PartnerRules.Build(DemoData.Customers[i], Ids.New(), ++number, roles));
            steps.Add(c => data.Stage(c, PartnerResource.Customers, partner));
        }
        foreach (var supplier in DemoData.Suppliers)
        {
            var partner = Valid(PartnerRules.Build(supplier, Ids.New(), ++number, [PartnerRole.Supplier]));
            steps.Add(c => data.Stage(c, PartnerResource.Suppliers, partner));
        }
        foreach (var article in DemoData.Articles)
            steps.Add(c => data.Stage(c, ArticleResource.Instance, Valid(ArticleFeatures.Build(article, Ids.New()))));
        foreach (var warehouse in DemoData.Warehouses)
            steps.Add(c => data.Stage(c, WarehouseResource.Instance, Valid(WarehouseFeatures.Build(warehouse, Ids.New(), isDefault: false))));
        foreach (var user in DemoData.Users)
            steps.Add(c => data.Stage(c, UserResource.Instance, user));
        var next = number + 1;
        steps.Add(c => MasterData.StageCounter(c, PartnerFeatures.Counter, next));
        await steps.Apply(ct);

        var marker = new ChangeSet();
        marker.Writes.Add(new CreateRecord(MarkerType, MarkerId, ValeoJson.Serialize(new { seeded = MarkerId }), RecordIndex.For(MarkerId)));
        try
        {
            await store.Commit(Tenant, Scope.Master, marker, ct);
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
