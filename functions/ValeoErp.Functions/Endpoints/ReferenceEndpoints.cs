using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Audit;
using ValeoErp.Application.Tenants;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Reference data provisioned with every tenant, the tenant's users and its audit trail.</summary>
public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        app.MapReadOnly(AccountResource.Instance, Scopes.FinanceRead);
        app.MapReadOnly(VatRateResource.Instance, Scopes.FinanceRead);
        app.MapReadOnly(PaymentTermsResource.Instance, Scopes.CrmRead);
        return app;
    }

    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        app.MapReadOnly(UserResource.Instance, Scopes.Admin);
        app.MapReadOnly(NumberSeriesResource.Instance, Scopes.Admin);
        app.MapGet("/api/v1/audit/logs", async (string? entityId, int? limit, string? continuation, AuditLog audit, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await audit.List(entityId, checkedLimit.Value, continuation, ct);
                return Results.Json(new ListResponse<AuditLogView>(page.Items, page.Continuation), ValeoJson.Options);
            })
            .WithTags("Audit").WithName("ListAuditLogs").WithSummary("The audit trail: who changed what, when, before and after")
            .RequireScope(Scopes.AuditRead).ProducesProblem(400);
        return app;
    }
}
