using ValeoErp.Application.Abstractions;
using ValeoErp.Durable;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Long-running processes: read their state and history; decide reorder proposals.</summary>
public static class ProcessEndpoints
{
    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/processes").WithTags("Processes");
        group.MapGet("", async (string? kind, string? state, int? year, int? limit, string? continuation, ProcessQueries queries, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await queries.List(kind, state, year, checkedLimit.Value, continuation, ct);
                return Results.Json(new ListResponse<ProcessInstance>(page.Items, page.Continuation), ValeoJson.Options);
            })
            .WithName("ListProcesses").WithSummary("Process instances of a fiscal year by kind (orderToCash, approval, reorder) and state")
            .RequireScope(Scopes.SalesRead).Returns<ListResponse<ProcessInstance>>().Invalid().Exportable("prozesse");
        group.MapGet("{id}", async (string id, ProcessQueries queries, HttpContext http, CancellationToken ct) =>
            {
                var found = await queries.Get(id, ct);
                if (!found.IsSuccess) return Problems.From(found.Error!);
                http.Response.Headers.ETag = found.Value.ETag;
                return Results.Json(found.Value.Value, ValeoJson.Options);
            })
            .WithName("GetProcess").WithSummary("One process instance with its state and every step").RequireScope(Scopes.SalesRead).Returns<ProcessInstance>().WithETag().NotFound();
        group.MapPost("{id}/approve", async (string id, ProposalDecision? body, ReorderProposals reorder, CancellationToken ct) =>
                DocumentEndpoints.Answer(await reorder.Approve(id, body ?? new(null, null, null), ct)))
            .WithName("ApproveReorderProposal").WithSummary("Accept a reorder proposal: creates the purchase order")
            .RequireScope(Scopes.PurchaseApprove).Idempotent().Returns<ProcessInstance>().Invalid().NotFound().Conflicts("invalid-status", "concurrent-write");
        group.MapPost("{id}/reject", async (string id, ProposalDecision body, ReorderProposals reorder, CancellationToken ct) =>
                DocumentEndpoints.Answer(await reorder.Reject(id, body, ct)))
            .WithName("RejectReorderProposal").WithSummary("Decline a reorder proposal (reason required)")
            .RequireScope(Scopes.PurchaseApprove).Idempotent().Returns<ProcessInstance>().Invalid().NotFound().Conflicts("invalid-status", "concurrent-write");
        return app;
    }
}
