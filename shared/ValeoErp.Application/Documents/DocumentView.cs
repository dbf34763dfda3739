using System.Text.Json.Serialization;
using NodaTime;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Documents;

/// <summary>
/// The API shape of a trade document: the stored document plus the contract's side-specific names
/// (customerId or supplierId; quoteDate, orderDate or invoiceDate) and the kind as a label in <c>type</c>.
/// A type of its own, so the OpenAPI document states exactly what a client receives.
/// </summary>
public sealed record DocumentView
{
    /// <summary>salesQuote, salesOrder, deliveryNote, salesInvoice, salesCreditNote, purchaseOrder, goodsReceipt, purchaseInvoice.</summary>
    public required string Type { get; init; }
    public required string Id { get; init; }
    public required DocumentKind Kind { get; init; }
    public string? Number { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CustomerId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SupplierId { get; init; }
    public required string PartnerId { get; init; }
    public required int PartnerNumber { get; init; }
    public required string PartnerName { get; init; }
    public required TaxTreatment TaxTreatment { get; init; }
    public required LocalDate DocumentDate { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public LocalDate? QuoteDate { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public LocalDate? OrderDate { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public LocalDate? InvoiceDate { get; init; }
    public required LocalDate DeliveryDate { get; init; }
    public required IReadOnlyList<DocumentLine> Lines { get; init; }
    public required decimal NetTotal { get; init; }
    public required decimal TaxTotal { get; init; }
    public required decimal GrossTotal { get; init; }
    public required IReadOnlyList<TaxLine> TaxBreakdown { get; init; }
    public required DocumentStatus Status { get; init; }
    public required string CreatedBy { get; init; }
    public required IReadOnlyList<Transition> History { get; init; }
    public bool SelfBilled { get; init; }
    public PaymentTerms? PaymentTerms { get; init; }
    public LocalDate? DueDate { get; init; }
    public LocalDate? DiscountDate { get; init; }
    public string? OpenItemId { get; init; }
    public string? JournalEntryId { get; init; }
    public string? WarehouseId { get; init; }
    public string? ExternalReference { get; init; }
    public string? OriginId { get; init; }
    public string? VerificationCode { get; init; }
    public IReadOnlyList<ArchivedFile>? Archive { get; init; }

    /// <summary>Why restricted lines could be sold: evidence on file (its id) or shown at the sale, and who checked.</summary>
    public IReadOnlyList<Domain.Compliance.ComplianceCheck> Compliance { get; init; } = [];
    public string? TracesReference { get; init; }
    public IReadOnlyList<Domain.Grain.SettlementLine>? GrainSettlement { get; init; }
    public required int Year { get; init; }
    public required bool IsEditable { get; init; }
    public required FlowLink Link { get; init; }

    public static DocumentView Of(TradeDocument d)
    {
        var purchase = d.Kind.IsPurchase();
        return new DocumentView
        {
            Type = DocumentStore.KindLabel(d.Kind), Id = d.Id, Kind = d.Kind, Number = d.Number,
            CustomerId = purchase ? null : d.PartnerId, SupplierId = purchase ? d.PartnerId : null,
            PartnerId = d.PartnerId, PartnerNumber = d.PartnerNumber, PartnerName = d.PartnerName, TaxTreatment = d.TaxTreatment,
            DocumentDate = d.DocumentDate,
            QuoteDate = d.Kind == DocumentKind.SalesQuote ? d.DocumentDate : null,
            OrderDate = d.Kind.IsOrder() ? d.DocumentDate : null,
            InvoiceDate = d.Kind.IsInvoice() ? d.DocumentDate : null,
            DeliveryDate = d.DeliveryDate, Lines = d.Lines, NetTotal = d.NetTotal, TaxTotal = d.TaxTotal, GrossTotal = d.GrossTotal,
            TaxBreakdown = d.TaxBreakdown, Status = d.Status, CreatedBy = d.CreatedBy, History = d.History, SelfBilled = d.SelfBilled,
            PaymentTerms = d.PaymentTerms, DueDate = d.DueDate, DiscountDate = d.DiscountDate, OpenItemId = d.OpenItemId,
            JournalEntryId = d.JournalEntryId, WarehouseId = d.WarehouseId, ExternalReference = d.ExternalReference,
            OriginId = d.OriginId, VerificationCode = d.VerificationCode, Archive = d.Archive, Compliance = d.Compliance, TracesReference = d.TracesReference, GrainSettlement = d.GrainSettlement, Year = d.Year, IsEditable = d.IsEditable, Link = d.Link,
        };
    }
}
