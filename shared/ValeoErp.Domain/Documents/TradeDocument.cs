using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Documents;

public enum DocumentKind { SalesQuote, SalesOrder, DeliveryNote, SalesInvoice, SalesCreditNote, PurchaseOrder, GoodsReceipt, PurchaseInvoice }

public enum DocumentStatus { Draft, Submitted, Approved, Rejected, Posted, Cancelled }

public sealed record DocumentLine(
    int LineNo, string ArticleId, string ArticleNumber, string Description, ArticleUnit Unit,
    decimal Quantity, decimal UnitPrice, VatRateCode RateCode, decimal Rate, decimal Net)
{
    /// <summary>On orders: how much has been delivered/received and invoiced so far.</summary>
    public decimal Fulfilled { get; init; }
    public decimal Invoiced { get; init; }

    /// <summary>On delivery notes and goods receipts of lot-tracked articles: the lots the line moved.</summary>
    public IReadOnlyList<Inventory.LotQuantity>? Lots { get; init; }

    public decimal OpenToFulfil => Quantity - Fulfilled;
    public decimal OpenToInvoice => Fulfilled - Invoiced;
}

/// <summary>A workflow step: who moved the document from one status to another, when, and why.</summary>
public sealed record Transition(DocumentStatus From, DocumentStatus To, string By, Instant At, string? Reason = null);

/// <summary>A flow link to a document this one came from or that came of it.</summary>
public sealed record FlowLink(string Id, DocumentKind Kind, string? Number);

public static class DocumentKinds
{
    public static bool IsPurchase(this DocumentKind kind) => kind is DocumentKind.PurchaseOrder or DocumentKind.GoodsReceipt or DocumentKind.PurchaseInvoice;
    public static bool IsOrder(this DocumentKind kind) => kind is DocumentKind.SalesOrder or DocumentKind.PurchaseOrder;
    public static bool IsQuoteOrOrder(this DocumentKind kind) => kind is DocumentKind.SalesQuote || kind.IsOrder();
    public static bool IsInvoice(this DocumentKind kind) => kind is DocumentKind.SalesInvoice or DocumentKind.PurchaseInvoice or DocumentKind.SalesCreditNote;
    public static bool IsFulfilment(this DocumentKind kind) => kind is DocumentKind.DeliveryNote or DocumentKind.GoodsReceipt;

    /// <summary>The number series a kind draws from (tenant data, see TenantDefaults.NumberSeries).</summary>
    public static string Series(this DocumentKind kind, bool selfBilled = false) => kind switch
    {
        DocumentKind.SalesQuote => "salesQuote",
        DocumentKind.SalesOrder => "salesOrder",
        DocumentKind.DeliveryNote => "deliveryNote",
        DocumentKind.SalesInvoice => "salesInvoice",
        DocumentKind.SalesCreditNote => "creditNote",
        DocumentKind.PurchaseOrder => "purchaseOrder",
        DocumentKind.GoodsReceipt => "goodsReceipt",
        DocumentKind.PurchaseInvoice => selfBilled ? "selfBilledCreditNote" : "purchaseInvoice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
