namespace ValeoErp.Application;

/// <summary>The features the host wires up; each is a scoped service so it sees the request's context.</summary>
public static class Features
{
    public static IEnumerable<Type> All { get; } =
    [
        typeof(Abstractions.RequestContext),
        typeof(Abstractions.Ledger),
        typeof(Abstractions.MasterData),
        typeof(Partners.PartnerFeatures),
        typeof(Partners.ContactFeatures),
        typeof(Articles.ArticleFeatures),
        typeof(Inventory.WarehouseFeatures),
        typeof(Tenants.ProvisionTenant),
        typeof(Tenants.DemoSeed),
        typeof(Audit.AuditLog),
        typeof(Tenants.Settings),
        typeof(Tenants.Configuration),
        typeof(Tenants.CompanyProfiles),
        typeof(Finance.DatevExport),
        typeof(Privacy.DataSubjectExport),
        typeof(Finance.OpenItemOffsets),
        typeof(Finance.ChartOfAccounts),
        typeof(Finance.Gobd.GobdExport),
        typeof(Documents.Orders),
        typeof(Documents.Quotes),
        typeof(Documents.Deletion),
        typeof(Documents.Cancellation),
        typeof(Documents.DocumentQueries),
        typeof(Documents.Workflow),
        typeof(Documents.DocumentFlow),
        typeof(Documents.Fulfilment),
        typeof(Documents.Invoicing),
        typeof(Documents.Posting),
        typeof(Documents.Verification),
        typeof(EInvoicing.EInvoices),
        typeof(Documents.DocumentArchive),
        typeof(Documents.EInvoiceImport),
        typeof(Documents.CreditNotes),
        typeof(Inventory.Warehouses),
        typeof(Inventory.StockFeatures),
        typeof(Finance.Journal),
        typeof(Finance.Payments),
        typeof(Finance.OpenItems),
        typeof(Operations.Backups),
    ];
}
