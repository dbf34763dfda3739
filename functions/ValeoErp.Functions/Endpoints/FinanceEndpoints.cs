using ValeoErp.Application.Finance;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Finance;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using static ValeoErp.Functions.Http.DocumentEndpoints;

namespace ValeoErp.Functions.Endpoints;

/// <summary>The books: journal, trial balance, open items, payments, periods, approval settings.</summary>
public static class FinanceEndpoints
{
    /// <summary>A tenant setting with its version as ETag (read, or the answer to a write with If-Match).</summary>
    private static IResult Setting<T>(HttpContext http, Application.Abstractions.Versioned<T> setting)
    {
        http.Response.Headers.ETag = setting.ETag;
        return Results.Json(setting.Value, Application.Abstractions.ValeoJson.Options);
    }

    private static IResult Setting<T>(HttpContext http, Domain.Common.Result<Application.Abstractions.Versioned<T>> written) =>
        written.IsSuccess ? Setting(http, written.Value) : Problems.From(written.Error!);

    private static string HandedOverFile(string period)
    {
        var first = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"/api/v1/exports/datev?from={first:yyyy-MM-dd}&to={first.AddMonths(1).AddDays(-1):yyyy-MM-dd}&kind=bookings";
    }

    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        var journal = app.MapGroup("/api/v1/journal-entries").WithTags("Journal");
        journal.MapGet("", async (string? from, string? to, int? limit, string? continuation, Journal handler, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await handler.List(from, to, checkedLimit.Value, continuation, ct);
                return page.IsSuccess
                    ? Results.Json(new ListResponse<JournalEntry>(page.Value.Items, page.Value.Continuation), Application.Abstractions.ValeoJson.Options)
                    : Problems.From(page.Error!);
            })
            .WithName("ListJournalEntries").WithSummary("Journal entries by date range (default: the current year)")
            .RequireScope(Scopes.FinanceRead).Returns<ListResponse<JournalEntry>>().Invalid().Exportable("journal");
        journal.MapGet("{id}", async (string id, Journal handler, CancellationToken ct) => Answer(await handler.Get(id, ct)))
            .WithName("GetJournalEntry").WithSummary("One journal entry with its lines").RequireScope(Scopes.FinanceRead).Returns<JournalEntry>().NotFound();
        journal.MapPost("", async (ManualEntryInput body, Journal handler, CancellationToken ct) =>
                Answer(await handler.PostManual(body, ct), 201, e => $"/api/v1/journal-entries/{e.Id}"))
            .WithName("PostJournalEntry").WithSummary("Post a manual, balanced entry (e.g. opening balances)")
            .RequireScope(Scopes.FinancePost).Idempotent().ReturnsCreated<JournalEntry>(versioned: false).Invalid()
            .Conflicts("period-closed", "entry-unbalanced", "entry-incomplete", "entry-invalid-line");
        journal.MapPost("{id}/reverse", async (string id, ReverseInput? body, Journal handler, CancellationToken ct) =>
                Answer(await handler.Reverse(id, body ?? new(null), ct), 201, e => $"/api/v1/journal-entries/{e.Id}"))
            .WithName("ReverseJournalEntry").WithSummary("Reverse (Storno) a manual entry; document entries are corrected by credit notes")
            .RequireScope(Scopes.FinancePost).Idempotent().ReturnsCreated<JournalEntry>(versioned: false).Invalid().NotFound()
            .Conflicts("period-closed", "entry-already-reversed", "entry-is-reversal", "entry-belongs-to-document", "reversal-before-entry");

        app.MapGet("/api/v1/trial-balance", async (string? from, string? to, Journal handler, CancellationToken ct) =>
                Answer(await handler.TrialBalance(from, to, ct)))
            .WithTags("Journal").WithName("GetTrialBalance").WithSummary("Debit, credit and balance per account for a date range")
            .RequireScope(Scopes.FinanceRead).Returns<TrialBalance>().Invalid();

        app.MapGet("/api/v1/exports/datev", async (string? from, string? to, string? kind, DatevExport export, CancellationToken ct) =>
                await export.Export(from, to, kind, ct) is var file && file.IsSuccess
                    ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName)
                    : Problems.From(file.Error!))
            .WithTags("Exports").WithName("ExportDatev")
            .WithSummary("DATEV EXTF for the tax advisor: Buchungsstapel (kind=bookings) of a date range within one fiscal year, Debitoren/Kreditoren (kind=partners) or the account names (kind=accounts); Windows-1252, the same period gives the same bytes")
            .RequireScope(Scopes.FinanceExport).RequireRateLimiting(RateLimits.Exports)
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv").Invalid().Conflicts("datev-numbers-missing");

        app.MapPost("/api/v1/exports/datev/handovers", async (HandoverInput body, DatevExport export, CancellationToken ct) =>
                Answer(await export.Handover(body, ct), 201, h => HandedOverFile(h.Period)))
            .WithTags("Exports").WithName("HandOverDatevPeriod")
            .WithSummary("Hand a month over to the tax advisor: the month is closed for postings, its Buchungsstapel carries Festschreibung and its SHA-256 is recorded")
            .RequireScope(Scopes.FinanceExport).RequireRateLimiting(RateLimits.Exports)
            .ReturnsCreated<DatevHandover>(versioned: false).Invalid().Conflicts("already-handed-over", "datev-numbers-missing");
        app.MapGet("/api/v1/exports/datev/handovers", async (int? year, DatevExport export, Application.Abstractions.Ledger ledger, CancellationToken ct) =>
                Results.Json(new ListResponse<DatevHandover>(await export.Handovers(year ?? ledger.Today.Year, ct), null), Application.Abstractions.ValeoJson.Options))
            .WithTags("Exports").WithName("ListDatevHandovers").WithSummary("The months of a year handed over to the tax advisor, with who, when and the file's SHA-256")
            .RequireScope(Scopes.FinanceExport).Returns<ListResponse<DatevHandover>>().Invalid();

        app.MapGet("/api/v1/settings/datev-keys", async (DatevKeys keys, HttpContext http, CancellationToken ct) =>
                Setting(http, await keys.Get(ct)))
            .WithTags("Settings").WithName("GetDatevKeys").WithSummary("The DATEV tax keys (BU-Schlüssel) per tax code of the postings")
            .RequireScope(Scopes.FinanceRead).Returns<DatevKeyTable>().WithETag();
        app.MapPut("/api/v1/settings/datev-keys", async (DatevKeyTableInput body, DatevKeys keys, HttpContext http, CancellationToken ct) =>
                Setting(http, await keys.Update(body, ResourceEndpoints.IfMatch(http), ct)))
            .WithTags("Settings").WithName("UpdateDatevKeys").WithSummary("The DATEV tax keys per tax code, as the tax advisor wants them; null for none")
            .RequireScope(Scopes.Admin).Returns<DatevKeyTable>().WithETag().Invalid().RequiresIfMatch();

        app.MapGet("/api/v1/exports/gobd", async (string? from, string? to, Application.Finance.Gobd.GobdExport export, CancellationToken ct) =>
                await export.Export(from, to, ct) is var file && file.IsSuccess
                    ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName)
                    : Problems.From(file.Error!))
            .WithTags("Exports").WithName("ExportGobd")
            .WithSummary("The auditors' data export (GoBD Datenträgerüberlassung): a zip with index.xml in the GDPdU description standard, its DTD and the CSV tables it describes (accounts, journal, partners, documents with lines, open items, audit log)")
            .RequireScope(Scopes.FinanceExport).RequireRateLimiting(RateLimits.Exports)
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").Invalid();

        app.MapGet("/api/v1/open-items", async (string? partnerId, string? status, int? year, OpenItems handler, CancellationToken ct) =>
                Results.Json(new ListResponse<OpenItem>(await handler.List(partnerId, status, year, ct), null), Application.Abstractions.ValeoJson.Options))
            .WithTags("Open items").WithName("ListOpenItems").WithSummary("Receivables and payables, by partner and status (open|closed)")
            .RequireScope(Scopes.FinanceRead).Returns<ListResponse<OpenItem>>().Invalid().Exportable("offene-posten");
        app.MapGet("/api/v1/open-items/{id}", async (string id, OpenItems handler, CancellationToken ct) => Answer(await handler.Get(id, ct)))
            .WithTags("Open items").WithName("GetOpenItem").WithSummary("One open item with its payments").RequireScope(Scopes.FinanceRead).Returns<OpenItem>().NotFound();

        app.MapPost("/api/v1/payments", async (PaymentInput body, Payments handler, CancellationToken ct) =>
                Answer(await handler.Register(body, ct), 201, p => $"/api/v1/journal-entries/{p.JournalEntryId}"))
            .WithTags("Open items").WithName("RegisterPayment").WithSummary("Settle an open item; Skonto within the discount period")
            .RequireScope(Scopes.FinancePost).Idempotent().ReturnsCreated<PaymentResult>(versioned: false).Invalid().NotFound()
            .Conflicts("period-closed", "open-item-settled", "overpayment", "payment-before-document", "credit-item", "concurrent-write");

        app.MapPost("/api/v1/open-items/{id}/offset", async (string id, OffsetInput body, OpenItemOffsets handler, CancellationToken ct) =>
                Answer(await handler.Offset(id, body, ct)))
            .WithTags("Open items").WithName("OffsetOpenItem")
            .WithSummary("Offset an open credit (credit note) against an open invoice item of the same partner; both change together")
            .RequireScope(Scopes.FinancePost).Returns<OffsetResult>().Invalid().NotFound()
            .Conflicts("not-a-credit", "not-an-invoice", "offset-partner-mismatch", "offset-across-years", "open-item-settled", "overpayment",
                "payment-before-document", "period-closed", "concurrent-write");

        app.MapGet("/api/v1/periods", async (int? year, Journal handler, Application.Abstractions.Ledger ledger, CancellationToken ct) =>
                Results.Json(new ClosedPeriods(await handler.ClosedPeriods(year ?? ledger.Today.Year, ct)), Application.Abstractions.ValeoJson.Options))
            .WithTags("Journal").WithName("ListClosedPeriods").WithSummary("The closed months of a year (default: the current one)")
            .RequireScope(Scopes.FinanceRead).Returns<ClosedPeriods>().Invalid();
        app.MapPost("/api/v1/periods/{period}/close", async (string period, Journal handler, CancellationToken ct) =>
                Answer(await handler.ClosePeriod(period, ct)))
            .WithTags("Journal").WithName("ClosePeriod").WithSummary("Close a month (YYYY-MM): it accepts no further postings")
            .RequireScope(Scopes.FinancePost).Idempotent().Returns<ClosedPeriod>().Invalid().Conflicts("period-already-closed");

        app.MapGet("/api/v1/settings/approval", async (Settings settings, HttpContext http, CancellationToken ct) =>
                Setting(http, await settings.Approval(ct)))
            .WithTags("Settings").WithName("GetApprovalPolicy").WithSummary("Approval thresholds (gross EUR) per document kind")
            .RequireScope(Scopes.Admin).Returns<ApprovalPolicy>().WithETag();
        app.MapPut("/api/v1/settings/approval", async (ApprovalPolicyInput body, Settings settings, HttpContext http, CancellationToken ct) =>
                Setting(http, await settings.UpdateApproval(body, ResourceEndpoints.IfMatch(http), ct)))
            .WithTags("Settings").WithName("UpdateApprovalPolicy").WithSummary("Approval thresholds (gross EUR) per document kind; needs If-Match")
            .RequireScope(Scopes.Admin).Returns<ApprovalPolicy>().WithETag().Invalid().RequiresIfMatch();
        return app;
    }
}

/// <summary>The closed months of a year.</summary>
public sealed record ClosedPeriods(IReadOnlyList<ClosedPeriod> Closed);
