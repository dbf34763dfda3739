using ValeoErp.Client;

namespace ValeoErp.Ui.Services;

/// <summary>What the console may do with a kind of trade document, and the scopes it takes (mirrors the API's).</summary>
public sealed record DocKind(DocumentKind Kind, string Route, string Title, bool Purchase, string ReadScope, string WriteScope,
    string ApproveScope, bool Editable, bool Postable, bool Printable, bool EInvoice)
{
    public string PostScope => Purchase ? "purchase:post" : "sales:post";

    public static IReadOnlyList<DocKind> All { get; } =
    [
        new(DocumentKind.SalesQuote, "salesQuote", "SalesQuotes", false, "sales:read", "sales:write", "sales:approve", true, false, true, false),
        new(DocumentKind.SalesOrder, "salesOrder", "SalesOrders", false, "sales:read", "sales:write", "sales:approve", true, false, true, false),
        new(DocumentKind.DeliveryNote, "deliveryNote", "DeliveryNotes", false, "sales:read", "sales:write", "sales:approve", false, false, true, false),
        new(DocumentKind.SalesInvoice, "salesInvoice", "SalesInvoices", false, "sales:read", "sales:write", "sales:approve", false, true, true, true),
        new(DocumentKind.SalesCreditNote, "salesCreditNote", "CreditNotes", false, "sales:read", "sales:write", "sales:approve", false, true, true, true),
        new(DocumentKind.PurchaseOrder, "purchaseOrder", "PurchaseOrders", true, "purchase:read", "purchase:write", "purchase:approve", true, false, false, false),
        new(DocumentKind.GoodsReceipt, "goodsReceipt", "GoodsReceipts", true, "purchase:read", "purchase:write", "purchase:approve", false, false, false, false),
        new(DocumentKind.PurchaseInvoice, "purchaseInvoice", "PurchaseInvoices", true, "purchase:read", "purchase:write", "purchase:approve", false, true, true, true),
    ];

    public static DocKind? ByRoute(string route) => All.FirstOrDefault(k => k.Route == route);
    public static DocKind Of(DocumentKind kind) => All.First(k => k.Kind == kind);

    /// <summary>Kinds with a workflow (submit, approve, reject).</summary>
    public bool HasWorkflow => Kind is not (DocumentKind.DeliveryNote or DocumentKind.GoodsReceipt);
}

/// <summary>The generated client's per-kind operations behind one shape, so the document pages are written once.</summary>
public sealed class DocumentApi(IValeoClient api)
{
    public Task<ValeoResponse<ListResponseOfDocumentView>> List(DocumentKind kind, string? status, string? q, string? partnerId, int limit, string? continuation) => kind switch
    {
        DocumentKind.SalesQuote => api.ListSalesQuotesAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.SalesOrder => api.ListSalesOrdersAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.DeliveryNote => api.ListDeliveryNotesAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.SalesInvoice => api.ListSalesInvoicesAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.SalesCreditNote => api.ListCreditNotesAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.PurchaseOrder => api.ListPurchaseOrdersAsync(null, partnerId, status, q, limit, continuation, null),
        DocumentKind.GoodsReceipt => api.ListGoodsReceiptsAsync(null, partnerId, status, q, limit, continuation, null),
        _ => api.ListPurchaseInvoicesAsync(null, partnerId, status, q, limit, continuation, null),
    };

    public Task<ValeoResponse<DocumentView>> Get(DocumentKind kind, string id) => kind switch
    {
        DocumentKind.SalesQuote => api.GetSalesQuoteAsync(id),
        DocumentKind.SalesOrder => api.GetSalesOrderAsync(id),
        DocumentKind.DeliveryNote => api.GetDeliveryNoteAsync(id),
        DocumentKind.SalesInvoice => api.GetSalesInvoiceAsync(id),
        DocumentKind.SalesCreditNote => api.GetCreditNoteAsync(id),
        DocumentKind.PurchaseOrder => api.GetPurchaseOrderAsync(id),
        DocumentKind.GoodsReceipt => api.GetGoodsReceiptAsync(id),
        _ => api.GetPurchaseInvoiceAsync(id),
    };

    public Task<ValeoResponse<DocumentView>> Create(DocumentKind kind, string key, OrderInput input) => kind switch
    {
        DocumentKind.SalesQuote => api.CreateSalesQuoteAsync(key, input),
        DocumentKind.SalesOrder => api.CreateSalesOrderAsync(key, input),
        DocumentKind.PurchaseOrder => api.CreatePurchaseOrderAsync(key, input),
        _ => throw new NotSupportedException($"{kind} is created from another document."),
    };

    public Task<ValeoResponse<DocumentView>> Update(DocumentKind kind, string id, string etag, OrderInput input) => kind switch
    {
        DocumentKind.SalesQuote => api.UpdateSalesQuoteAsync(id, etag, input),
        DocumentKind.SalesOrder => api.UpdateSalesOrderAsync(id, etag, input),
        DocumentKind.PurchaseOrder => api.UpdatePurchaseOrderAsync(id, etag, input),
        _ => throw new NotSupportedException($"{kind} lines are not edited."),
    };

    public Task<ValeoResponse<DocumentView>> Submit(DocumentKind kind, string id, string key) => kind switch
    {
        DocumentKind.SalesQuote => api.SubmitSalesQuoteAsync(id, key, null),
        DocumentKind.SalesOrder => api.SubmitSalesOrderAsync(id, key, null),
        DocumentKind.SalesInvoice => api.SubmitSalesInvoiceAsync(id, key, null),
        DocumentKind.SalesCreditNote => api.SubmitCreditNoteAsync(id, key, null),
        DocumentKind.PurchaseOrder => api.SubmitPurchaseOrderAsync(id, key, null),
        DocumentKind.PurchaseInvoice => api.SubmitPurchaseInvoiceAsync(id, key, null),
        _ => throw new NotSupportedException(),
    };

    public Task<ValeoResponse<DocumentView>> Approve(DocumentKind kind, string id, string key) => kind switch
    {
        DocumentKind.SalesQuote => api.ApproveSalesQuoteAsync(id, key),
        DocumentKind.SalesOrder => api.ApproveSalesOrderAsync(id, key),
        DocumentKind.SalesInvoice => api.ApproveSalesInvoiceAsync(id, key),
        DocumentKind.SalesCreditNote => api.ApproveCreditNoteAsync(id, key),
        DocumentKind.PurchaseOrder => api.ApprovePurchaseOrderAsync(id, key),
        DocumentKind.PurchaseInvoice => api.ApprovePurchaseInvoiceAsync(id, key),
        _ => throw new NotSupportedException(),
    };

    public Task<ValeoResponse<DocumentView>> Reject(DocumentKind kind, string id, string key, string reason)
    {
        var body = new RejectInput { Reason = reason };
        return kind switch
        {
            DocumentKind.SalesQuote => api.RejectSalesQuoteAsync(id, key, body),
            DocumentKind.SalesOrder => api.RejectSalesOrderAsync(id, key, body),
            DocumentKind.SalesInvoice => api.RejectSalesInvoiceAsync(id, key, body),
            DocumentKind.SalesCreditNote => api.RejectCreditNoteAsync(id, key, body),
            DocumentKind.PurchaseOrder => api.RejectPurchaseOrderAsync(id, key, body),
            DocumentKind.PurchaseInvoice => api.RejectPurchaseInvoiceAsync(id, key, body),
            _ => throw new NotSupportedException(),
        };
    }

    public Task<ValeoResponse<DocumentView>> Post(DocumentKind kind, string id, string key) => kind switch
    {
        DocumentKind.SalesInvoice => api.PostSalesInvoiceAsync(id, key),
        DocumentKind.SalesCreditNote => api.PostCreditNoteAsync(id, key),
        DocumentKind.PurchaseInvoice => api.PostPurchaseInvoiceAsync(id, key),
        _ => throw new NotSupportedException(),
    };

    public Task<ValeoResponse<DocumentView>> Cancel(DocumentKind kind, string id, string key, string reason) => kind switch
    {
        DocumentKind.SalesOrder => api.CancelSalesOrderAsync(id, key, new CancelInput { Reason = reason }),
        DocumentKind.PurchaseOrder => api.CancelPurchaseOrderAsync(id, key, new CancelInput { Reason = reason }),
        _ => throw new NotSupportedException(),
    };

    public Task<FileResponse> Pdf(DocumentKind kind, string id) => kind switch
    {
        DocumentKind.SalesQuote => api.GetSalesQuotePdfAsync(id),
        DocumentKind.SalesOrder => api.GetSalesOrderPdfAsync(id),
        DocumentKind.DeliveryNote => api.GetDeliveryNotePdfAsync(id),
        DocumentKind.SalesInvoice => api.GetSalesInvoicePdfAsync(id),
        DocumentKind.SalesCreditNote => api.GetCreditNotePdfAsync(id),
        _ => api.GetPurchaseInvoicePdfAsync(id),
    };

    public Task<ValeoResponse<string>> XRechnung(DocumentKind kind, string id) => kind switch
    {
        DocumentKind.SalesInvoice => api.GetSalesInvoiceXRechnungAsync(id, null),
        DocumentKind.SalesCreditNote => api.GetCreditNoteXRechnungAsync(id, null),
        _ => api.GetPurchaseInvoiceXRechnungAsync(id, null),
    };

    public Task<FileResponse> Zugferd(DocumentKind kind, string id) => kind switch
    {
        DocumentKind.SalesInvoice => api.GetSalesInvoiceZugferdAsync(id),
        DocumentKind.SalesCreditNote => api.GetCreditNoteZugferdAsync(id),
        _ => api.GetPurchaseInvoiceZugferdAsync(id),
    };

    /// <summary>A file answer's bytes (the generated client hands binary responses over as a stream).</summary>
    public static async Task<byte[]> Bytes(Task<FileResponse> answer)
    {
        using var file = await answer;
        using var copy = new MemoryStream();
        await file.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static string? Header<T>(ValeoResponse<T> response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
