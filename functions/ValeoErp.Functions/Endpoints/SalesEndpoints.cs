using ValeoErp.Application.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using static ValeoErp.Functions.Http.DocumentEndpoints;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Sales: quotes, orders with their workflow, deliveries, invoices, credit notes, and the document flow.</summary>
public static class SalesEndpoints
{
    public static IEndpointRouteBuilder MapSales(this IEndpointRouteBuilder app)
    {
        app.MapDocumentReads("/api/v1/sales-quotes", DocumentKind.SalesQuote, Scopes.SalesRead)
            .MapPdf(DocumentKind.SalesQuote, Scopes.SalesRead)
            .MapDraftEditing(DocumentKind.SalesQuote, Scopes.SalesWrite)
            .MapWorkflow(DocumentKind.SalesQuote, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesQuote, Scopes.SalesWrite)
            .MapPost("{id}/orders", async (string id, QuoteOrderInput? body, Quotes handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.ToOrder(id, body ?? new(null), ct)))
            .WithName("OrderSalesQuote").WithSummary("Turn an approved quote into a sales order (once)")
            .RequireScope(Scopes.SalesWrite).Idempotent().ReturnsCreated<DocumentView>().Invalid().NotFound()
            .Conflicts("quote-already-ordered", "date-before-quote", "document-not-editable", "concurrent-write");

        app.MapDocumentReads("/api/v1/sales-orders", DocumentKind.SalesOrder, Scopes.SalesRead)
            .MapPdf(DocumentKind.SalesOrder, Scopes.SalesRead)
            .MapDraftEditing(DocumentKind.SalesOrder, Scopes.SalesWrite)
            .MapWorkflow(DocumentKind.SalesOrder, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesOrder, Scopes.SalesWrite)
            .MapOrderFollowUps(DocumentKind.SalesOrder, Scopes.SalesWrite);

        app.MapDocumentReads("/api/v1/delivery-notes", DocumentKind.DeliveryNote, Scopes.SalesRead)
            .MapPdf(DocumentKind.DeliveryNote, Scopes.SalesRead)
            .MapDraftDeletion(DocumentKind.DeliveryNote, Scopes.SalesWrite);

        app.MapDocumentReads("/api/v1/sales-invoices", DocumentKind.SalesInvoice, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesInvoice, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesInvoice, Scopes.SalesWrite)
            .MapInvoicePosting(DocumentKind.SalesInvoice, Scopes.SalesWrite, Scopes.SalesPost)
            .MapEInvoice(DocumentKind.SalesInvoice, Scopes.SalesRead)
            .MapPdf(DocumentKind.SalesInvoice, Scopes.SalesRead)
            .MapZugferd(DocumentKind.SalesInvoice, Scopes.SalesRead)
            .MapPost("{id}/credit-notes", async (string id, CreditNoteInput body, CreditNotes handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.FromInvoice(id, body, ct)))
            .WithName("CreditSalesInvoice").WithSummary("Draft credit note for all or part of a posted invoice")
            .RequireScope(Scopes.SalesWrite).Idempotent().ReturnsCreated<DocumentView>().Invalid().NotFound()
            .Conflicts("nothing-to-credit", "date-before-invoice", "concurrent-write");

        app.MapDocumentReads("/api/v1/credit-notes", DocumentKind.SalesCreditNote, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesCreditNote, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesCreditNote, Scopes.SalesWrite)
            .MapInvoicePosting(DocumentKind.SalesCreditNote, Scopes.SalesWrite, Scopes.SalesPost)
            .MapEInvoice(DocumentKind.SalesCreditNote, Scopes.SalesRead)
            .MapPdf(DocumentKind.SalesCreditNote, Scopes.SalesRead)
            .MapZugferd(DocumentKind.SalesCreditNote, Scopes.SalesRead);

        app.MapGet("/api/v1/documents/{id}/flow", async (string id, DocumentFlow flow, CancellationToken ct) =>
                Answer(await flow.Of(id, ct)))
            .WithTags("Documents").WithName("GetDocumentFlow").WithSummary("Where a document came from and what came of it")
            .RequireScope(Scopes.SalesRead).Returns<FlowView>().NotFound();
        return app;
    }
}
