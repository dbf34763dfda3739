using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Purchasing mirrors sales: orders, goods receipts, supplier invoices and self-billed credit notes (Gutschrift).</summary>
public static class PurchaseEndpoints
{
    public static IEndpointRouteBuilder MapPurchasing(this IEndpointRouteBuilder app)
    {
        app.MapDocumentReads("/api/v1/purchase-orders", DocumentKind.PurchaseOrder, Scopes.PurchaseRead)
            .MapDraftEditing(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite)
            .MapWorkflow(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite, Scopes.PurchaseApprove)
            .MapDraftDeletion(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite)
            .MapOrderFollowUps(DocumentKind.PurchaseOrder, Scopes.PurchaseWrite);

        app.MapDocumentReads("/api/v1/goods-receipts", DocumentKind.GoodsReceipt, Scopes.PurchaseRead)
            .MapDraftDeletion(DocumentKind.GoodsReceipt, Scopes.PurchaseWrite);

        app.MapDocumentReads("/api/v1/purchase-invoices", DocumentKind.PurchaseInvoice, Scopes.PurchaseRead)
            .MapWorkflow(DocumentKind.PurchaseInvoice, Scopes.PurchaseWrite, Scopes.PurchaseApprove)
            .MapDraftDeletion(DocumentKind.PurchaseInvoice, Scopes.PurchaseWrite)
            .MapInvoicePosting(DocumentKind.PurchaseInvoice, Scopes.PurchaseWrite, Scopes.PurchasePost)
            .MapEInvoice(DocumentKind.PurchaseInvoice, Scopes.PurchaseRead)
            .MapPdf(DocumentKind.PurchaseInvoice, Scopes.PurchaseRead)
            .MapZugferd(DocumentKind.PurchaseInvoice, Scopes.PurchaseRead);
        app.MapEInvoiceImport();
        return app;
    }
}
