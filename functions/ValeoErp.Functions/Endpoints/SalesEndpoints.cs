using ValeoErp.Application.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using static ValeoErp.Functions.Http.DocumentEndpoints;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Sales: orders with their workflow, deliveries, invoices, credit notes, and the document flow.</summary>
public static class SalesEndpoints
{
    public static IEndpointRouteBuilder MapSales(this IEndpointRouteBuilder app)
    {
        var quotes = app.MapDocumentReads("/api/v1/sales-quotes", DocumentKind.SalesQuote, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesQuote, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesQuote, Scopes.SalesWrite);
        quotes.MapPost("", async (OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Create(DocumentKind.SalesQuote, body, ct)))
            .WithName("CreateSalesQuote").WithSummary("Create a quote (customerId, quoteDate, lines); totals computed by the server")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400);
        quotes.MapPut("{id}", async (string id, OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Revise(DocumentKind.SalesQuote, id, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName("UpdateSalesQuote").WithSummary("Revise a draft or rejected quote; needs If-Match")
            .RequireScope(Scopes.SalesWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        quotes.MapPost("{id}/orders", async (string id, QuoteOrderInput? body, Quotes handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.ToOrder(id, body ?? new(null), ct)))
            .WithName("OrderSalesQuote").WithSummary("Turn an approved quote into a sales order (once)")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        var orders = app.MapDocumentReads("/api/v1/sales-orders", DocumentKind.SalesOrder, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesOrder, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesOrder, Scopes.SalesWrite);
        orders.MapPost("", async (OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Create(DocumentKind.SalesOrder, body, ct)))
            .WithName("CreateSalesOrder").WithSummary("Create a sales order; totals and VAT are computed by the server")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400);
        orders.MapPut("{id}", async (string id, OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Revise(DocumentKind.SalesOrder, id, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName("UpdateSalesOrder").WithSummary("Revise a draft or rejected order; needs If-Match")
            .RequireScope(Scopes.SalesWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        orders.MapPost("{id}/deliveries", async (string id, FulfilInput? body, Fulfilment handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Handle(purchase: false, id, body ?? new(null, null, null), ct)))
            .WithName("DeliverSalesOrder").WithSummary("Deliver an approved order, fully or in part (issues stock)")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        orders.MapPost("{id}/invoices", async (string id, InvoiceInput? body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.FromOrder(purchase: false, id, body ?? new(null, null), ct)))
            .WithName("InvoiceSalesOrder").WithSummary("Draft invoice for delivered, not yet invoiced quantities")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        app.MapDocumentReads("/api/v1/delivery-notes", DocumentKind.DeliveryNote, Scopes.SalesRead)
            .MapDraftDeletion(DocumentKind.DeliveryNote, Scopes.SalesWrite);

        var invoices = app.MapDocumentReads("/api/v1/sales-invoices", DocumentKind.SalesInvoice, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesInvoice, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesInvoice, Scopes.SalesWrite);
        invoices.MapPut("{id}", async (string id, InvoiceInput body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Redate(id, DocumentKind.SalesInvoice, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName("UpdateSalesInvoice").WithSummary("Change the date of a draft invoice; a posted invoice answers 409")
            .RequireScope(Scopes.SalesWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        invoices.MapPost("{id}/post", async (string id, Posting handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Post(id, DocumentKind.SalesInvoice, ct)))
            .WithName("PostSalesInvoice").WithSummary("Post: assigns the number, writes the journal entry and the open item")
            .RequireScope(Scopes.SalesPost).Idempotent().ProducesProblem(404).ProducesProblem(409);
        invoices.MapPost("{id}/credit-notes", async (string id, CreditNoteInput body, CreditNotes handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.FromInvoice(id, body, ct)))
            .WithName("CreditSalesInvoice").WithSummary("Draft credit note for all or part of a posted invoice")
            .RequireScope(Scopes.SalesWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        var credits = app.MapDocumentReads("/api/v1/credit-notes", DocumentKind.SalesCreditNote, Scopes.SalesRead)
            .MapWorkflow(DocumentKind.SalesCreditNote, Scopes.SalesWrite, Scopes.SalesApprove)
            .MapDraftDeletion(DocumentKind.SalesCreditNote, Scopes.SalesWrite);
        credits.MapPost("{id}/post", async (string id, Posting handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Post(id, DocumentKind.SalesCreditNote, ct)))
            .WithName("PostCreditNote").WithSummary("Post a credit note: number, reversing journal entry, credit item")
            .RequireScope(Scopes.SalesPost).Idempotent().ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/v1/documents/{id}/flow", async (string id, DocumentFlow flow, CancellationToken ct) =>
                Answer(await flow.Of(id, ct)))
            .WithTags("Documents").WithName("GetDocumentFlow").WithSummary("Where a document came from and what came of it")
            .RequireScope(Scopes.SalesRead).ProducesProblem(404);
        return app;
    }
}
