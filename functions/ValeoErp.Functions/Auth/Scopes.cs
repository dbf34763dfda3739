using ValeoErp.Functions.Http;
namespace ValeoErp.Functions.Auth;

/// <summary>
/// Every endpoint names one scope; roles grant scopes through the single table below. A new endpoint
/// picks an existing scope; a new scope is added here and granted to roles deliberately.
/// </summary>
public static class Scopes
{
    public const string SalesRead = "sales:read", SalesWrite = "sales:write", SalesApprove = "sales:approve", SalesPost = "sales:post";
    public const string PurchaseRead = "purchase:read", PurchaseWrite = "purchase:write", PurchaseApprove = "purchase:approve", PurchasePost = "purchase:post";
    public const string FinanceRead = "finance:read", FinanceWrite = "finance:write", FinancePost = "finance:post";

    /// <summary>The books leave the house: DATEV and the auditors' data export.</summary>
    public const string FinanceExport = "finance:export";
    public const string InventoryRead = "inventory:read", InventoryWrite = "inventory:write";
    public const string CrmRead = "crm:read", CrmWrite = "crm:write";
    public const string DocsExport = "docs:export", GdprExport = "gdpr:export", GdprErase = "gdpr:erase";
    public const string AuditRead = "audit:read", Admin = "admin";

    /// <summary>The live event stream; what it shows is further filtered by the caller's read scopes.</summary>
    public const string EventsRead = "events:read";

    /// <summary>Search; hits are further limited to the kinds the caller's read scopes allow.</summary>
    public const string SearchRead = "search:read";

    /// <summary>The caller's own identity and scopes (<c>GET /api/v1/me</c>): what a front end may offer them.</summary>
    public const string ProfileRead = "profile:read";

    public static IReadOnlyList<string> All { get; } =
    [
        SalesRead, SalesWrite, SalesApprove, SalesPost, PurchaseRead, PurchaseWrite, PurchaseApprove, PurchasePost,
        FinanceRead, FinanceWrite, FinancePost, FinanceExport, InventoryRead, InventoryWrite, CrmRead, CrmWrite,
        DocsExport, GdprExport, GdprErase, AuditRead, Admin, EventsRead, SearchRead, ProfileRead,
    ];

    private static readonly string[] ReadAll = [SalesRead, PurchaseRead, FinanceRead, InventoryRead, CrmRead];

    /// <summary>Role -> scopes. Roles come from the token (dev token locally, Entra app roles in Azure).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ByRole { get; } = new Dictionary<string, string[]>
    {
        ["admin"] = [.. All],
        ["viewer"] = ReadAll,
        ["sales"] = [SalesRead, SalesWrite, CrmRead, CrmWrite, InventoryRead, FinanceRead, DocsExport],
        ["salesManager"] = [SalesRead, SalesWrite, SalesApprove, SalesPost, CrmRead, CrmWrite, InventoryRead, FinanceRead, DocsExport],
        ["purchasing"] = [PurchaseRead, PurchaseWrite, CrmRead, CrmWrite, InventoryRead, InventoryWrite, FinanceRead],
        ["purchaseManager"] = [PurchaseRead, PurchaseWrite, PurchaseApprove, PurchasePost, CrmRead, CrmWrite, InventoryRead, InventoryWrite, FinanceRead],
        ["accountant"] = [.. ReadAll, FinanceWrite, FinancePost, FinanceExport, SalesPost, PurchasePost, DocsExport],
        ["warehouse"] = [InventoryRead, InventoryWrite, SalesRead, PurchaseRead, CrmRead],
        ["auditor"] = [.. ReadAll, AuditRead, DocsExport, FinanceExport],
        ["dataProtection"] = [CrmRead, GdprExport, GdprErase, AuditRead],
        ["cashier"] = [SalesRead, SalesWrite, CrmRead, InventoryRead, FinanceRead],
    }.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value.ToHashSet(), StringComparer.Ordinal);

    public static IReadOnlySet<string> For(IEnumerable<string> roles) =>
        roles.Where(ByRole.ContainsKey).SelectMany(r => ByRole[r]).Append(EventsRead).Append(SearchRead).Append(ProfileRead).ToHashSet();

    /// <summary>Claim added to the authenticated principal for each granted scope.</summary>
    public const string ClaimType = "valeo:scope";
}

/// <summary>Endpoint metadata naming the scope it requires; read by the OpenAPI document and the architecture tests.</summary>
public sealed record RequiredScope(string Scope);

public static class ScopeEndpointExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.All.Contains(scope)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        builder.WithMetadata(new RequiredScope(scope));
        return builder.RequireAuthorization(scope).ProducesAuthProblems();
    }
}
