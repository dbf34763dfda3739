using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Durable;
using ValeoErp.Durable.Engine;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Long-running processes (Durable Task orchestrations): their state and history; decisions on reorder proposals.</summary>
public static class ProcessEndpoints
{
    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/processes").WithTags("Processes");
        group.MapGet("", async (string? kind, string? state, int? year, int? limit, string? continuation, ProcessEngine engine, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                if (year is < 2000 or > 2999) return Problems.From(new ValidationFailed([new FieldError("year", "must be a year between 2000 and 2999.")]));
                var page = await engine.List(kind, state, year, checkedLimit.Value, continuation, ct);
                return page.IsSuccess
                    ? Results.Json(new ListResponse<ProcessInstance>(page.Value.Items, page.Value.Continuation), ValeoJson.Options)
                    : Problems.From(page.Error!);
            })
            .WithName("ListProcesses").WithSummary("Process instances of a fiscal year by kind (orderToCash, approval, reorder) and state")
            .RequireScope(Scopes.SalesRead).Returns<ListResponse<ProcessInstance>>().Invalid().Exportable("prozesse");
        group.MapGet("{id}", async (string id, ProcessEngine engine, CancellationToken ct) =>
                DocumentEndpoints.Answer(await engine.Find(id)))
            .WithName("GetProcess").WithSummary("One process: its business state, every step with its cause, who decided, and the engine's runtime status")
            .RequireScope(Scopes.SalesRead).Returns<ProcessInstance>().NotFound();
        group.MapPost("{id}/approve", async (string id, ProposalDecision? body, ProposalDecisions decisions, CancellationToken ct) =>
                Decided(id, await decisions.Approve(id, body ?? new(null, null, null), ct)))
            .WithName("ApproveReorderProposal").WithSummary("Accept a reorder proposal: the process creates the purchase order (202 while it is still at work)")
            .RequireScope(Scopes.PurchaseApprove).Idempotent().Returns<ProcessInstance>().Accepted<ProcessInstance>().Invalid().NotFound().Conflicts("invalid-status");
        group.MapPost("{id}/reject", async (string id, ProposalDecision body, ProposalDecisions decisions, CancellationToken ct) =>
                Decided(id, await decisions.Reject(id, body, ct)))
            .WithName("RejectReorderProposal").WithSummary("Decline a reorder proposal (reason required; 202 while the process is still at work)")
            .RequireScope(Scopes.PurchaseApprove).Idempotent().Returns<ProcessInstance>().Accepted<ProcessInstance>().Invalid().NotFound().Conflicts("invalid-status");
        return app;
    }

    private static IResult Decided(string id, Result<(ProcessInstance View, bool Done)> result) => result.IsSuccess
        ? result.Value.Done
            ? Results.Json(result.Value.View, ValeoJson.Options)
            : new DocumentEndpoints.Located(Results.Json(result.Value.View, ValeoJson.Options, statusCode: 202), $"/api/v1/processes/{id}")
        : Problems.From(result.Error!);
}
