using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Http;

/// <summary>Shared mapping for document resources: list and read, workflow steps, and the answer shape.</summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentReads(this IEndpointRouteBuilder app, string path, DocumentKind kind, string readScope)
    {
        var name = Contract.Pascal(DocumentStore.Describe(kind));
        var group = app.MapGroup(path).WithTags(DocumentStore.Describe(kind));
        group.MapGet("", async (int? year, string? partnerId, string? status, string? q, int? limit, string? continuation,
                DocumentQueries queries, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await queries.List(kind, year, partnerId, status, q, checkedLimit.Value, continuation, ct);
                return page.IsSuccess
                    ? Results.Json(new ListResponse<DocumentView>(page.Value.Items, page.Value.Continuation), ValeoJson.Options)
                    : Problems.From(page.Error!);
            })
            .WithName($"List{name}s").WithSummary($"List {DocumentStore.Describe(kind).ToLowerInvariant()}s of a fiscal year (default: current)")
            .RequireScope(readScope).Returns<ListResponse<DocumentView>>().Invalid().Exportable($"{name}s".ToLowerInvariant());
        group.MapGet("{id}", async (string id, DocumentQueries queries, HttpContext http, CancellationToken ct) =>
                await queries.Get(kind, id, ct) is { IsSuccess: true } found
                    ? Answer(http, new DocumentOutcome(found.Value.Value, found.Value.Version))
                    : Problems.From(new NotFound(DocumentStore.Describe(kind), id)))
            .WithName($"Get{name}").WithSummary($"Read one {DocumentStore.Describe(kind).ToLowerInvariant()} with its ETag")
            .RequireScope(readScope).Returns<DocumentView>().WithETag().NotFound();
        return group;
    }

    /// <summary>POST (create) and PUT (revise, If-Match) for quotes and orders.</summary>
    public static RouteGroupBuilder MapDraftEditing(this RouteGroupBuilder group, DocumentKind kind, string writeScope)
    {
        var name = Contract.Pascal(DocumentStore.Describe(kind));
        var text = DocumentStore.Describe(kind).ToLowerInvariant();
        group.MapPost("", async (OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Create(kind, body, ct)))
            .WithName($"Create{name}").WithSummary($"Create a {text}; totals and VAT (rate of the delivery date) are computed by the server")
            .RequireScope(writeScope).Idempotent().ReturnsCreated<DocumentView>().Invalid().Conflicts("vat-rate-missing", "concurrent-write");
        group.MapPut("{id}", async (string id, OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Revise(kind, id, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName($"Update{name}").WithSummary($"Revise a draft or rejected {text}; needs If-Match")
            .RequireScope(writeScope).Returns<DocumentView>().WithETag().Invalid().NotFound()
            .Conflicts("document-not-editable", "document-posted", "document-empty", "vat-rate-missing").RequiresIfMatch();
        return group;
    }

    /// <summary>What follows an approved order: deliveries (sales) or receipts (purchase), and the draft invoice.</summary>
    public static RouteGroupBuilder MapOrderFollowUps(this RouteGroupBuilder group, DocumentKind kind, string writeScope)
    {
        var purchase = kind.IsPurchase();
        var name = Contract.Pascal(DocumentStore.Describe(kind));
        group.MapPost(purchase ? "{id}/receipts" : "{id}/deliveries", async (string id, FulfilInput? body, Fulfilment handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Handle(purchase, id, body ?? new(null, null, null), ct)))
            .WithName(purchase ? $"Receive{name}" : $"Deliver{name}")
            .WithSummary(purchase ? "Receive goods of an approved order, fully or in part (receives stock)" : "Deliver an approved order, fully or in part (issues stock)")
            .RequireScope(writeScope).Idempotent().ReturnsCreated<DocumentView>().Invalid().NotFound()
            .Conflicts("not-an-order", "order-cancelled", "nothing-to-fulfil", "date-before-order", "article-missing", "insufficient-stock", "stock-year-carried-forward", "concurrent-write");
        group.MapPost("{id}/cancel", async (string id, CancelInput body, Cancellation handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Cancel(id, kind, body, ct)))
            .WithName($"Cancel{name}").WithSummary("Cancel what is left of an order (a reason is required); compensation follows as a process")
            .RequireScope(writeScope).Idempotent().Returns<DocumentView>().WithETag().Invalid().NotFound()
            .Conflicts("not-an-order", "order-cancelled", "order-invoiced", "concurrent-write");
        group.MapPost("{id}/invoices", async (string id, InvoiceInput? body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.FromOrder(purchase, id, body ?? new(null, null), ct)))
            .WithName($"Invoice{name}")
            .WithSummary(purchase ? "Draft supplier invoice (or self-billed credit note) for received quantities" : "Draft invoice for delivered, not yet invoiced quantities")
            .RequireScope(writeScope).Idempotent().ReturnsCreated<DocumentView>().Invalid().NotFound()
            .Conflicts("not-an-order", "nothing-to-invoice", "date-before-order", "vat-rate-missing", "concurrent-write");
        return group;
    }

    /// <summary>PUT (date/reference of a draft) and POST /post for invoices and credit notes.</summary>
    public static RouteGroupBuilder MapInvoicePosting(this RouteGroupBuilder group, DocumentKind kind, string writeScope, string postScope)
    {
        var name = Contract.Pascal(DocumentStore.Describe(kind));
        group.MapPut("{id}", async (string id, InvoiceInput body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Redate(id, kind, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName($"Update{name}").WithSummary("Change the date or reference of a draft; a posted document answers 409")
            .RequireScope(writeScope).Returns<DocumentView>().WithETag().Invalid().NotFound()
            .Conflicts("document-not-editable", "document-posted", "date-before-order", "date-before-invoice").RequiresIfMatch();
        group.MapPost("{id}/post", async (string id, Posting handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Post(id, kind, ct)))
            .WithName($"Post{name}").WithSummary("Post: assigns the number, writes the journal entry and the open item")
            .RequireScope(postScope).Idempotent().Returns<DocumentView>().WithETag().NotFound()
            .Conflicts("period-closed", "document-posted", "document-empty", "vat-rate-missing", "concurrent-write", "einvoice-invalid");
        return group;
    }

    /// <summary>The XRechnung of a posted invoice, credit note or self-billed credit note, as UBL (default) or CII.</summary>
    public static RouteGroupBuilder MapEInvoice(this RouteGroupBuilder group, DocumentKind kind, string readScope)
    {
        group.MapGet("{id}/xrechnung", async (string id, string? syntax, DocumentQueries queries, Application.EInvoicing.EInvoices einvoices,
                DocumentArchive archive, CancellationToken ct) =>
            {
                var format = syntax?.ToLowerInvariant() switch
                {
                    null or "" or "ubl" => Application.EInvoicing.EInvoiceSyntax.Ubl,
                    "cii" => Application.EInvoicing.EInvoiceSyntax.Cii,
                    _ => (Application.EInvoicing.EInvoiceSyntax?)null,
                };
                if (format is null) return Problems.From(new ValidationFailed([new FieldError("syntax", "must be ubl or cii.")]));
                var issued = await DocumentPrints.Issued(queries, kind, id, ct);
                if (!issued.IsSuccess) return Problems.From(issued.Error!);
                var document = issued.Value;
                var archivedKind = format == Application.EInvoicing.EInvoiceSyntax.Cii ? ArchivedFile.XRechnungCii : ArchivedFile.XRechnungUbl;
                if (document.Archive?.FirstOrDefault(f => f.Kind == archivedKind) is { } archived)
                    return await archive.Read(archived, ct) is { } bytes
                        ? Results.File(bytes, archived.ContentType, $"{document.Number}-{format.Value.ToString().ToLowerInvariant()}.xml")
                        : Problems.From(new RuleBroken("archive-mismatch", $"The archived e-invoice of {document.Number} does not match its recorded SHA-256."));
                var built = await einvoices.Build(document, ct);
                return built.IsSuccess
                    ? Results.File(Application.EInvoicing.EInvoices.Write(built.Value, format.Value), "application/xml",
                        $"{document.Number}-{format.Value.ToString().ToLowerInvariant()}.xml")
                    : Problems.From(built.Error!);
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}XRechnung")
            .WithSummary("XRechnung 3.0 (EN 16931) of the posted document: UBL 2.1 (syntax=ubl, default) or UN/CEFACT CII (syntax=cii)")
            .RequireScope(readScope).Produces<string>(StatusCodes.Status200OK, "application/xml").Invalid().NotFound()
            .Conflicts("document-not-posted", "not-issued", "einvoice-invalid", "archive-mismatch");
        return group;
    }

    /// <summary>DELETE for drafts; posted or issued documents answer 409 (they are corrected, never removed).</summary>
    public static RouteGroupBuilder MapDraftDeletion(this RouteGroupBuilder group, DocumentKind kind, string writeScope)
    {
        group.MapDelete("{id}", async (string id, Deletion deletion, HttpContext http, CancellationToken ct) =>
                await deletion.Delete(id, kind, ResourceEndpoints.IfMatch(http), ct) is { IsSuccess: false } failed
                    ? Problems.From(failed.Error!)
                    : Results.NoContent())
            .WithName($"Delete{Contract.Pascal(DocumentStore.Describe(kind))}").WithSummary("Delete a draft; needs If-Match")
            .RequireScope(writeScope).ReturnsNothing().NotFound().Conflicts("document-not-editable", "document-posted", "document-has-successors").RequiresIfMatch();
        return group;
    }

    public static RouteGroupBuilder MapWorkflow(this RouteGroupBuilder group, DocumentKind kind, string writeScope, string approveScope)
    {
        var name = Contract.Pascal(DocumentStore.Describe(kind));
        var submit = group.MapPost("{id}/submit", async (string id, Application.Compliance.SubmitInput? body, Workflow workflow, HttpContext http, CancellationToken ct) =>
                body is null && HasForeignBody(http.Request)
                    ? Problems.Problem(415, "unsupported-media-type", "Unsupported media type", "The body of a submit is optional; when sent, it is application/json.")
                    : Answer(http, await workflow.Submit(id, kind, body, ct)))
            .WithName($"Submit{name}")
            .RequireScope(writeScope).Idempotent().Returns<DocumentView>().WithETag().Invalid().NotFound();
        if (kind == DocumentKind.SalesOrder)
            submit.WithSummary("Submit for approval (approves at once below the tenant's threshold); restricted articles need evidence on file or shown (shownEvidence)")
                .Conflicts("document-not-editable", "document-empty", "concurrent-write", Domain.Compliance.SaleGate.PlantProtection,
                    Domain.Compliance.SaleGate.PrecursorPrivateBuyer, Domain.Compliance.SaleGate.PrecursorDeclaration, Domain.Compliance.SaleGate.QsFeed);
        else
            submit.WithSummary("Submit for approval (approves at once below the tenant's threshold)").Conflicts("document-not-editable", "document-empty", "concurrent-write");
        group.MapPost("{id}/approve", async (string id, Workflow workflow, HttpContext http, CancellationToken ct) =>
                Answer(http, await workflow.Approve(id, kind, ct)))
            .WithName($"Approve{name}").WithSummary("Approve a submitted document (not by its creator)")
            .RequireScope(approveScope).Idempotent().Returns<DocumentView>().WithETag().NotFound()
            .Conflicts("approver-is-creator", "document-not-editable", "concurrent-write");
        group.MapPost("{id}/reject", async (string id, RejectInput body, Workflow workflow, HttpContext http, CancellationToken ct) =>
                Answer(http, await workflow.Reject(id, kind, body, ct)))
            .WithName($"Reject{name}").WithSummary("Reject a submitted document; a reason is required")
            .RequireScope(approveScope).Idempotent().Returns<DocumentView>().WithETag().Invalid().NotFound()
            .Conflicts("document-not-editable", "concurrent-write");
        return group;
    }

    /// <summary>
    /// An optional body binds to null when it is not JSON: a body sent with another content type is refused instead of
    /// being ignored. (A JSON body is the binder's: JSON null is no body; unknown members are refused by the input type.)
    /// The headers decide, not the stream: request buffering (idempotency, body limits) may have rewound it.
    /// </summary>
    internal static bool HasForeignBody(HttpRequest request) =>
        !request.HasJsonContentType() && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);

    public static IResult Answer(HttpContext http, Result<DocumentOutcome> result)
    {
        if (!result.IsSuccess) return Problems.From(result.Error!);
        var outcome = result.Value;
        http.Response.Headers.ETag = outcome.ETag;
        if (outcome.Status == 201) http.Response.Headers.Location = DocumentStore.PathOf(outcome.Document);
        return Results.Json(DocumentStore.View(outcome.Document), ValeoJson.Options, statusCode: outcome.Status);
    }

    public static IResult Answer<T>(Result<T> result, int status = 200, Func<T, string>? location = null)
    {
        if (!result.IsSuccess) return Problems.From(result.Error!);
        return status == 201 && location is not null
            ? Results.Json(result.Value, ValeoJson.Options, statusCode: 201) is var json ? new Located(json, location(result.Value)) : json
            : Results.Json(result.Value, ValeoJson.Options, statusCode: status);
    }

    internal sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.Location = location;
            return inner.ExecuteAsync(http);
        }
    }
}
