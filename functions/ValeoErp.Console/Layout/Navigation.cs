using MudBlazor;

namespace ValeoErp.Ui.Layout;

/// <summary>The console's menu; a link shows when the user holds any of its scopes (the API enforces them anyway).</summary>
public static class Navigation
{
    public sealed record Link(string Href, string Title, params string[] Scopes);
    public sealed record Group(string Title, string Icon, params Link[] Links);

    public static IReadOnlyList<Group> Groups { get; } =
    [
        new("MasterData", Icons.Material.Filled.People,
            new Link("customers", "Customers", "crm:read"), new Link("suppliers", "Suppliers", "crm:read"), new Link("contacts", "Contacts", "crm:read"),
            new Link("articles", "Articles", "inventory:read"), new Link("warehouses", "Warehouses", "inventory:read"), new Link("stock", "Stock", "inventory:read")),
        new("Sales", Icons.Material.Filled.PointOfSale,
            new Link("documents/salesQuote", "SalesQuotes", "sales:read"), new Link("documents/salesOrder", "SalesOrders", "sales:read"),
            new Link("documents/deliveryNote", "DeliveryNotes", "sales:read"), new Link("documents/salesInvoice", "SalesInvoices", "sales:read"),
            new Link("documents/salesCreditNote", "CreditNotes", "sales:read")),
        new("Purchasing", Icons.Material.Filled.LocalShipping,
            new Link("documents/purchaseOrder", "PurchaseOrders", "purchase:read"), new Link("documents/goodsReceipt", "GoodsReceipts", "purchase:read"),
            new Link("documents/purchaseInvoice", "PurchaseInvoices", "purchase:read")),
        new("Finance", Icons.Material.Filled.AccountBalance,
            new Link("open-items", "OpenItems", "finance:read"), new Link("journal", "Journal", "finance:read"),
            new Link("trial-balance", "TrialBalance", "finance:read"), new Link("periods", "Periods", "finance:read")),
        new("Workflow", Icons.Material.Filled.TaskAlt,
            new Link("approvals", "Approvals", "sales:approve", "purchase:approve"), new Link("processes", "Processes", "sales:read", "purchase:read")),
        new("AgriTrade", Icons.Material.Filled.Agriculture,
            new Link("compliance", "Compliance", "audit:read"), new Link("recalls", "Recall", "inventory:read")),
        new("Audit", Icons.Material.Filled.Policy, new Link("audit", "AuditLog", "audit:read")),
        new("Administration", Icons.Material.Filled.Settings,
            new Link("admin/company", "CompanyProfile", "admin"), new Link("admin/approval", "ApprovalThresholds", "admin"),
            new Link("admin/number-series", "NumberSeries", "admin"), new Link("admin/posting-accounts", "PostingAccounts", "admin"),
            new Link("admin/dead-letters", "DeadLetters", "admin"), new Link("admin/backups", "Backups", "admin")),
    ];
}
