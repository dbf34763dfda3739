using ValeoErp.Application.Finance;
using ValeoErp.Application.Tenants;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using static ValeoErp.Functions.Http.DocumentEndpoints;

namespace ValeoErp.Functions.Endpoints;

/// <summary>The books: journal, trial balance, open items, payments, periods, approval settings.</summary>
public static class FinanceEndpoints
{
    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        var journal = app.MapGroup("/api/v1/journal-entries").WithTags("Journal");
        journal.MapGet("", async (string? from, string? to, int? limit, string? continuation, Journal handler, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await handler.List(from, to, checkedLimit.Value, continuation, ct);
                return page.IsSuccess
                    ? Results.Json(new ListResponse<ValeoErp.Domain.Finance.JournalEntry>(page.Value.Items, page.Value.Continuation), Application.Abstractions.ValeoJson.Options)
                    : Problems.From(page.Error!);
            })
            .WithName("ListJournalEntries").WithSummary("Journal entries by date range (default: the current year)")
            .RequireScope(Scopes.FinanceRead).ProducesProblem(400);
        journal.MapGet("{id}", async (string id, Journal handler, CancellationToken ct) => Answer(await handler.Get(id, ct)))
            .WithName("GetJournalEntry").RequireScope(Scopes.FinanceRead).ProducesProblem(404);
        journal.MapPost("", async (ManualEntryInput body, Journal handler, CancellationToken ct) =>
                Answer(await handler.PostManual(body, ct), 201, e => $"/api/v1/journal-entries/{e.Id}"))
            .WithName("PostJournalEntry").WithSummary("Post a manual, balanced entry (e.g. opening balances)")
            .RequireScope(Scopes.FinancePost).Idempotent().ProducesProblem(400).ProducesProblem(409);
        journal.MapPost("{id}/reverse", async (string id, ReverseInput? body, Journal handler, CancellationToken ct) =>
                Answer(await handler.Reverse(id, body ?? new(null), ct), 201, e => $"/api/v1/journal-entries/{e.Id}"))
            .WithName("ReverseJournalEntry").WithSummary("Reverse (Storno) a manual entry; document entries are corrected by credit notes")
            .RequireScope(Scopes.FinancePost).Idempotent().ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/v1/trial-balance", async (string? from, string? to, Journal handler, CancellationToken ct) =>
                Answer(await handler.TrialBalance(from, to, ct)))
            .WithTags("Journal").WithName("GetTrialBalance").WithSummary("Debit, credit and balance per account for a date range")
            .RequireScope(Scopes.FinanceRead).ProducesProblem(400);

        app.MapGet("/api/v1/open-items", async (string? partnerId, string? status, int? year, OpenItems handler, CancellationToken ct) =>
                Results.Json(new { items = await handler.List(partnerId, status, year, ct), continuation = (string?)null }, Application.Abstractions.ValeoJson.Options))
            .WithTags("Open items").WithName("ListOpenItems").WithSummary("Receivables and payables, by partner and status (open|closed)")
            .RequireScope(Scopes.FinanceRead);
        app.MapGet("/api/v1/open-items/{id}", async (string id, OpenItems handler, CancellationToken ct) => Answer(await handler.Get(id, ct)))
            .WithTags("Open items").WithName("GetOpenItem").RequireScope(Scopes.FinanceRead).ProducesProblem(404);

        app.MapPost("/api/v1/payments", async (PaymentInput body, Payments handler, CancellationToken ct) =>
                Answer(await handler.Register(body, ct), 201, p => $"/api/v1/journal-entries/{p.JournalEntryId}"))
            .WithTags("Open items").WithName("RegisterPayment").WithSummary("Settle an open item; Skonto within the discount period")
            .RequireScope(Scopes.FinancePost).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/v1/periods", async (int? year, Journal handler, Application.Abstractions.Ledger ledger, CancellationToken ct) =>
                Results.Json(new { closed = await handler.ClosedPeriods(year ?? ledger.Today.Year, ct) }, Application.Abstractions.ValeoJson.Options))
            .WithTags("Journal").WithName("ListClosedPeriods").RequireScope(Scopes.FinanceRead);
        app.MapPost("/api/v1/periods/{period}/close", async (string period, Journal handler, CancellationToken ct) =>
                Answer(await handler.ClosePeriod(period, ct)))
            .WithTags("Journal").WithName("ClosePeriod").WithSummary("Close a month (YYYY-MM): it accepts no further postings")
            .RequireScope(Scopes.FinancePost).Idempotent().ProducesProblem(400).ProducesProblem(409);

        app.MapGet("/api/v1/settings/approval", async (Settings settings, HttpContext http, CancellationToken ct) =>
            {
                var policy = await settings.Approval(ct);
                http.Response.Headers.ETag = policy.ETag;
                return Results.Json(policy.Value, Application.Abstractions.ValeoJson.Options);
            })
            .WithTags("Settings").WithName("GetApprovalPolicy").RequireScope(Scopes.Admin);
        app.MapPut("/api/v1/settings/approval", async (ApprovalPolicyInput body, Settings settings, HttpContext http, CancellationToken ct) =>
            {
                var updated = await settings.UpdateApproval(body, ResourceEndpoints.IfMatch(http), ct);
                if (!updated.IsSuccess) return Problems.From(updated.Error!);
                http.Response.Headers.ETag = updated.Value.ETag;
                return Results.Json(updated.Value.Value, Application.Abstractions.ValeoJson.Options);
            })
            .WithTags("Settings").WithName("UpdateApprovalPolicy").WithSummary("Approval thresholds (gross EUR) per document kind; needs If-Match")
            .RequireScope(Scopes.Admin).ProducesProblem(400).ProducesProblem(412).ProducesProblem(428);
        return app;
    }
}
