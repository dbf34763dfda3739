using ValeoErp.Application.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;
using static ValeoErp.Functions.Http.DocumentEndpoints;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Purchasing mirrors sales: orders, goods receipts, supplier invoices and self-billed credit notes (Gutschrift).</summary>
public static class PurchaseEndpoints
{
    public static IEndpointRouteBuilder MapPurchasing(this IEndpointRouteBuilder app)
    {
        var orders = app.MapDocumentReads("/api/v1/purchase-orders", DocumentKind.PurchaseOrder, Scopes.PurchaseRead)
            .MapWorkflow(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite, Scopes.PurchaseApprove)
            .MapDraftDeletion(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite);
        orders.MapPost("", async (OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Create(DocumentKind.PurchaseOrder, body, ct)))
            .WithName("CreatePurchaseOrder").WithSummary("Create a purchase order; for a flat-rate farmer the §24 rate of the delivery date applies")
            .RequireScope(Scopes.PurchaseWrite).Idempotent().ProducesProblem(400);
        orders.MapPut("{id}", async (string id, OrderInput body, Orders handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Revise(DocumentKind.PurchaseOrder, id, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName("UpdatePurchaseOrder").WithSummary("Revise a draft or rejected purchase order; needs If-Match")
            .RequireScope(Scopes.PurchaseWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        orders.MapPost("{id}/receipts", async (string id, FulfilInput? body, Fulfilment handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Handle(purchase: true, id, body ?? new(null, null, null), ct)))
            .WithName("ReceivePurchaseOrder").WithSummary("Receive goods of an approved purchase order (receives stock)")
            .RequireScope(Scopes.PurchaseWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        orders.MapPost("{id}/invoices", async (string id, InvoiceInput? body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.FromOrder(purchase: true, id, body ?? new(null, null), ct)))
            .WithName("InvoicePurchaseOrder").WithSummary("Draft supplier invoice (or self-billed credit note) for received quantities")
            .RequireScope(Scopes.PurchaseWrite).Idempotent().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        app.MapDocumentReads("/api/v1/goods-receipts", DocumentKind.GoodsReceipt, Scopes.PurchaseRead)
            .MapDraftDeletion(DocumentKind.GoodsReceipt, Scopes.PurchaseWrite);

        var invoices = app.MapDocumentReads("/api/v1/purchase-invoices", DocumentKind.PurchaseInvoice, Scopes.PurchaseRead)
            .MapWorkflow(DocumentKind.PurchaseInvoice, Scopes.PurchaseWrite, Scopes.PurchaseApprove)
            .MapDraftDeletion(DocumentKind.PurchaseInvoice, Scopes.PurchaseWrite);
        invoices.MapPut("{id}", async (string id, InvoiceInput body, Invoicing handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Redate(id, DocumentKind.PurchaseInvoice, ResourceEndpoints.IfMatch(http), body, ct)))
            .WithName("UpdatePurchaseInvoice").WithSummary("Change date or supplier reference of a draft; a posted one answers 409")
            .RequireScope(Scopes.PurchaseWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        invoices.MapPost("{id}/post", async (string id, Posting handler, HttpContext http, CancellationToken ct) =>
                Answer(http, await handler.Post(id, DocumentKind.PurchaseInvoice, ct)))
            .WithName("PostPurchaseInvoice").WithSummary("Post: number, journal entry (purchases, input VAT, payables) and open item")
            .RequireScope(Scopes.PurchasePost).Idempotent().ProducesProblem(404).ProducesProblem(409);
        return app;
    }
}
