using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", async (string? q, int? limit, ISearchIndex index, RequestContext context, Ledger ledger, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
                    return Problems.From(new Domain.Common.ValidationFailed([new Domain.Common.FieldError("q", "must be 1-200 characters.")]));
                var checkedLimit = Paging.Limit(limit ?? 20);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var scopes = context.Actor.Scopes;
                var kinds = new HashSet<string>();
                if (scopes.Contains(Scopes.InventoryRead)) kinds.Add("article");
                if (scopes.Contains(Scopes.CrmRead)) kinds.Add("partner");
                if (scopes.Contains(Scopes.SalesRead) || scopes.Contains(Scopes.PurchaseRead)) kinds.Add("document");
                var hits = await index.Query(context.Actor.Tenant, q, kinds, checkedLimit.Value, ct);
                // A posted invoice keeps its recipient; what search shows of it is redacted after an erasure.
                var erased = await Application.Privacy.DataSubjectErasure.Erased(ledger, ct);
                var shown = erased.Count == 0 ? hits : [.. hits.Select(h => h with
                {
                    Title = Application.Privacy.DataSubjectErasure.Redact(h.Title, erased)!,
                    Subtitle = Application.Privacy.DataSubjectErasure.Redact(h.Subtitle, erased),
                })];
                return Results.Json(new ListResponse<SearchHit>(shown, null), ValeoJson.Options);
            })
            .WithTags("Search").WithName("Search")
            .WithSummary("Articles, partners and documents by text (German-aware: Dünger = duenger = dunger, ß = ss, parts of words)")
            .RequireScope(Scopes.SearchRead).Returns<ListResponse<SearchHit>>().Invalid();
        return app;
    }
}
