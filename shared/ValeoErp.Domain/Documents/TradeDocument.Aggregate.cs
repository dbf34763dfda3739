using NodaTime;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Documents;

/// <summary>
/// A sales or purchase document: order, delivery note / goods receipt, invoice or credit note. State
/// changes go through the methods below, each a named rule; a posted document never changes again
/// (GoBD Festschreibung) - corrections are credit notes and reversals.
/// </summary>
public sealed record TradeDocument
{
    public required string Id { get; init; }
    public required DocumentKind Kind { get; init; }
    public string? Number { get; init; }
    public required string PartnerId { get; init; }
    public required int PartnerNumber { get; init; }
    public required string PartnerName { get; init; }
    public required TaxTreatment TaxTreatment { get; init; }
    public required LocalDate DocumentDate { get; init; }
    public required LocalDate DeliveryDate { get; init; }
    public required IReadOnlyList<DocumentLine> Lines { get; init; }
    public required decimal NetTotal { get; init; }
    public required decimal TaxTotal { get; init; }
    public required decimal GrossTotal { get; init; }
    public required IReadOnlyList<TaxLine> TaxBreakdown { get; init; }
    public required DocumentStatus Status { get; init; }
    public required string CreatedBy { get; init; }
    public required IReadOnlyList<Transition> History { get; init; }
    /// <summary>A purchase invoice the buyer issues for the supplier (Gutschrift, §14 (2) UStG).</summary>
    public bool SelfBilled { get; init; }
    public PaymentTerms? PaymentTerms { get; init; }
    public LocalDate? DueDate { get; init; }
    public LocalDate? DiscountDate { get; init; }
    public string? OpenItemId { get; init; }
    public string? JournalEntryId { get; init; }
    public string? WarehouseId { get; init; }
    /// <summary>The supplier's own invoice number, or the customer's order reference.</summary>
    public string? ExternalReference { get; init; }
    /// <summary>The document this one was made from (the order of a delivery or invoice, the invoice of a credit note).</summary>
    public string? OriginId { get; init; }
    /// <summary>The code behind the QR code on the issued document (public verification), set at posting.</summary>
    public string? VerificationCode { get; init; }
    /// <summary>The PDF and e-invoice written once into the archive when the document was posted.</summary>
    public IReadOnlyList<ArchivedFile>? Archive { get; init; }

    /// <summary>Why the restricted lines could be sold: the evidence on file or shown at the sale (Landhandel compliance).</summary>
    public IReadOnlyList<Compliance.ComplianceCheck> Compliance { get; init; } = [];
    /// <summary>Goods receipts of imported feed: the TRACES CHED reference of the consignment.</summary>
    public string? TracesReference { get; init; }
    /// <summary>A grain settlement (Gutschrift): every step from the weighbridge to the amount, printed on it.</summary>
    public IReadOnlyList<Grain.SettlementLine>? GrainSettlement { get; init; }

    public int Year => DocumentDate.Year;
    public bool IsEditable => Status is DocumentStatus.Draft or DocumentStatus.Rejected;
    public FlowLink Link => new(Id, Kind, Number);

    public static TradeDocument Draft(string id, DocumentKind kind, Partner partner, LocalDate date, LocalDate delivery,
        IReadOnlyList<DocumentLine> lines, string createdBy, Instant at) =>
        WithLines(new TradeDocument
        {
            Id = id, Kind = kind, PartnerId = partner.Id, PartnerNumber = partner.Number, PartnerName = partner.Name,
            TaxTreatment = partner.TaxTreatment, DocumentDate = date, DeliveryDate = delivery, Lines = lines,
            NetTotal = 0, TaxTotal = 0, GrossTotal = 0, TaxBreakdown = [], Status = DocumentStatus.Draft,
            CreatedBy = createdBy, History = [new Transition(DocumentStatus.Draft, DocumentStatus.Draft, createdBy, at, "created")],
            SelfBilled = kind == DocumentKind.PurchaseInvoice && partner.TaxTreatment == TaxTreatment.FlatRateFarmer,
        }, lines);

    public static TradeDocument WithLines(TradeDocument document, IReadOnlyList<DocumentLine> lines)
    {
        var totals = Totals.Of(lines.Select(l => (l.RateCode, l.Rate, l.Net)));
        return document with
        {
            Lines = lines, NetTotal = totals.NetTotal, TaxTotal = totals.TaxTotal,
            GrossTotal = totals.GrossTotal, TaxBreakdown = totals.TaxBreakdown,
        };
    }

    /// <summary>Changes a draft (or a rejected document, which returns to draft).</summary>
    public Result<TradeDocument> Revise(LocalDate date, LocalDate delivery, IReadOnlyList<DocumentLine> lines, string by, Instant at)
    {
        if (Status == DocumentStatus.Posted) return Rules.Posted(this);
        if (!IsEditable) return new RuleBroken("document-not-editable", $"A {Status.ToString().ToLowerInvariant()} document cannot be changed; reject it first.");
        if (date.Year != Year) return Rules.YearChange(Year, date);
        return WithLines(this with { DocumentDate = date, DeliveryDate = delivery, Status = DocumentStatus.Draft }, lines)
            .Moved(DocumentStatus.Draft, by, at, "revised");
    }

    /// <summary>
    /// The tenant's threshold for this kind decides: without one, or below it, submitting approves at once
    /// (recorded as approved by "system"); at or above it the document waits for an approver.
    /// </summary>
    public Result<TradeDocument> Submit(string by, Instant at, decimal? approvalThreshold)
    {
        if (!IsEditable) return Rules.NotInStatus(this, "submitted", DocumentStatus.Draft, DocumentStatus.Rejected);
        if (Lines.Count == 0) return new RuleBroken("document-empty", "A document without lines cannot be submitted.");
        var submitted = Moved(DocumentStatus.Submitted, by, at);
        if (approvalThreshold is { } limit && GrossTotal >= limit) return submitted;
        return submitted.Moved(DocumentStatus.Approved, "system", at,
            approvalThreshold is { } l ? $"below approval threshold {l:0.00} EUR" : "no approval required");
    }

    /// <summary>Four-eyes: whoever created the document cannot approve it.</summary>
    public Result<TradeDocument> Approve(string by, Instant at)
    {
        if (Status != DocumentStatus.Submitted) return Rules.NotInStatus(this, "approved", DocumentStatus.Submitted);
        if (by == CreatedBy) return new RuleBroken("approver-is-creator", "The creator of a document cannot approve it (four-eyes rule).");
        return Moved(DocumentStatus.Approved, by, at);
    }

    public Result<TradeDocument> Reject(string by, Instant at, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return new ValidationFailed([new FieldError("reason", "is required to reject a document.")]);
        if (Status != DocumentStatus.Submitted) return Rules.NotInStatus(this, "rejected", DocumentStatus.Submitted);
        return Moved(DocumentStatus.Rejected, by, at, reason.Trim());
    }

    /// <summary>Posting fixes the document (Festschreibung): it gets its number and never changes again.</summary>
    public Result<TradeDocument> Post(string number, string by, Instant at, decimal? approvalThreshold)
    {
        if (Status == DocumentStatus.Posted) return Rules.Posted(this);
        var ready = this;
        if (Status is DocumentStatus.Draft)
        {
            // An invoice below the threshold needs no separate approval step; above it, it does.
            var submitted = Submit(by, at, approvalThreshold);
            if (!submitted.IsSuccess) return submitted;
            ready = submitted.Value;
        }
        if (ready.Status != DocumentStatus.Approved) return Rules.NotInStatus(this, "posted", DocumentStatus.Approved);
        if (Lines.Count == 0 || GrossTotal == 0m) return new RuleBroken("document-empty", "A document without an amount cannot be posted.");
        return ready.Moved(DocumentStatus.Posted, by, at) with { Number = number };
    }

    /// <summary>
    /// Cancels what is left of an order; refused once an invoice of it is posted (then it is a credit note).
    /// The order-to-cash process compensates: reservations released, invoice drafts voided.
    /// </summary>
    public Result<TradeDocument> Cancel(string by, Instant at, string? reason, bool hasPostedInvoice)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new ValidationFailed([new FieldError("reason", "is required to cancel an order.")]);
        if (!Kind.IsOrder()) return new RuleBroken("not-an-order", "Only orders can be cancelled.");
        if (Status is DocumentStatus.Cancelled) return new RuleBroken("order-cancelled", "The order is already cancelled.");
        if (hasPostedInvoice) return new RuleBroken("order-invoiced", "An invoice of this order is posted; correct it with a credit note.");
        return Moved(DocumentStatus.Cancelled, by, at, reason.Trim());
    }

    /// <summary>Issued documents (delivery notes, goods receipts) are final when created.</summary>
    public TradeDocument Issue(string number, string by, Instant at) => Moved(DocumentStatus.Posted, by, at, "issued") with { Number = number };

    public TradeDocument Numbered(string number) => this with { Number = number };

    private TradeDocument Moved(DocumentStatus to, string by, Instant at, string? reason = null) =>
        this with { Status = to, History = [.. History, new Transition(Status, to, by, at, reason)] };
}

/// <summary>The named rules documents break; the ids are stable problem types.</summary>
public static class Rules
{
    public static RuleBroken Posted(TradeDocument d) =>
        new("document-posted", $"{d.Kind} {d.Number} is posted and cannot be changed; issue a credit note or reverse it.");

    public static RuleBroken NotInStatus(TradeDocument d, string action, params DocumentStatus[] allowed) =>
        new("invalid-status", $"A {Camel(d.Status)} document cannot be {action}; it must be {string.Join(" or ", allowed.Select(Camel))}.");

    public static RuleBroken YearChange(int year, LocalDate date) =>
        new("fiscal-year-mismatch", $"The document belongs to fiscal year {year}; {date:yyyy-MM-dd} lies in another year. " +
                                    "Documents of a chain stay in the fiscal year of their order.");

    private static string Camel(DocumentStatus s) => char.ToLowerInvariant(s.ToString()[0]) + s.ToString()[1..];
}
