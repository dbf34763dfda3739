using ValeoErp.Application.Finance;
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
        app.MapCrud<AccountInput, ValeoErp.Domain.Finance.Account>(AccountResource.Instance, Scopes.FinanceRead, Scopes.FinanceWrite,
            (sp, input, ct) => sp.GetRequiredService<ChartOfAccounts>().Create(input, ct),
            (sp, id, ifMatch, input, ct) => sp.GetRequiredService<ChartOfAccounts>().Update(id, ifMatch, input, ct),
            (sp, id, ifMatch, ct) => sp.GetRequiredService<ChartOfAccounts>().Delete(id, ifMatch, ct),
            conflicts: ["account-in-use", "duplicate-id", "concurrent-write"]);
        app.MapReadOnly(VatRateResource.Instance, Scopes.FinanceRead);
        app.MapReadOnly(PaymentTermsResource.Instance, Scopes.CrmRead);
        return app;
    }

    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        app.MapReadOnly(UserResource.Instance, Scopes.Admin);
        app.MapReadOnly(NumberSeriesResource.Instance, Scopes.Admin)
            .MapPut("{id}", async (string id, NumberSeriesInput body, Configuration configuration, HttpContext http, CancellationToken ct) =>
                ResourceEndpoints.Ok(http, NumberSeriesResource.Instance, await configuration.UpdateSeries(id, ResourceEndpoints.IfMatch(http), body, ct), 200))
            .WithName("UpdateNumberSeries").WithSummary("Change the number pattern of a document type; the counter continues")
            .RequireScope(Scopes.Admin).Returns<ValeoErp.Domain.Tenants.NumberSeries>().WithETag().Invalid().NotFound().RequiresIfMatch();
        app.MapGet("/api/v1/settings/posting-accounts", async (Configuration configuration, HttpContext http, CancellationToken ct) =>
            {
                var accounts = await configuration.Accounts(ct);
                http.Response.Headers.ETag = accounts.ETag;
                return Results.Json(accounts.Value, ValeoJson.Options);
            })
            .WithTags("Settings").WithName("GetPostingAccounts").WithSummary("The SKR03 accounts postings go to")
            .RequireScope(Scopes.FinanceRead).Returns<ValeoErp.Domain.Finance.PostingAccounts>().WithETag();
        app.MapPut("/api/v1/settings/posting-accounts", async (ValeoErp.Domain.Finance.PostingAccounts body, Configuration configuration, HttpContext http, CancellationToken ct) =>
            {
                var updated = await configuration.UpdateAccounts(body, ResourceEndpoints.IfMatch(http), ct);
                if (!updated.IsSuccess) return Problems.From(updated.Error!);
                http.Response.Headers.ETag = updated.Value.ETag;
                return Results.Json(updated.Value.Value, ValeoJson.Options);
            })
            .WithTags("Settings").WithName("UpdatePostingAccounts").WithSummary("The SKR03 accounts postings go to; every account must be in the chart")
            .RequireScope(Scopes.Admin).Returns<ValeoErp.Domain.Finance.PostingAccounts>().WithETag().Invalid().RequiresIfMatch();
        app.MapGet("/api/v1/audit/logs", async (string? entityId, int? limit, string? continuation, AuditLog audit, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await audit.List(entityId, checkedLimit.Value, continuation, ct);
                return Results.Json(new ListResponse<AuditLogView>(page.Items, page.Continuation), ValeoJson.Options);
            })
            .WithTags("Audit").WithName("ListAuditLogs").WithSummary("The audit trail: who changed what, when, before and after")
            .RequireScope(Scopes.AuditRead).Returns<ListResponse<AuditLogView>>().Invalid().Exportable("protokoll");
        return app;
    }
}
