using NodaTime;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Documents;

/// <summary>Which document leaves the house; decides the title and which blocks are printed.</summary>
public enum PrintKind { Quote, OrderConfirmation, DeliveryNote, Invoice, CreditNote }

/// <summary>Notes that must appear on the document when they apply (§14a UStG, §24 UStG, §14 (2) UStG).</summary>
public enum PrintNote { ReverseCharge, IntraEuSupply, Export, FlatRateFarmer, SelfBilling }

/// <summary>
/// A neutral print model: everything a trade document shows, already computed (line nets, tax per rate,
/// totals, due dates). The renderer formats and lays it out; it computes nothing but page breaks and the
/// carried total ("Übertrag").
/// </summary>
public sealed record PrintDocument
{
    public required PrintKind Kind { get; init; }
    /// <summary>A credit note issued by the buyer for a §24 farmer (self-billing): titled "Gutschrift".</summary>
    public bool SelfBilled { get; init; }
    public required string Number { get; init; }
    public required LocalDate Date { get; init; }
    /// <summary>Delivery/service date (Leistungsdatum) or the period it falls in.</summary>
    public PrintDeliveryPeriod? Delivery { get; init; }
    /// <summary>The customer's order reference / buyer reference (BT-10), printed as "Ihre Referenz".</summary>
    public string? CustomerReference { get; init; }
    public string? OrderNumber { get; init; }
    public required PrintIssuer Issuer { get; init; }
    public required PrintRecipient Recipient { get; init; }
    public required IReadOnlyList<PrintLine> Lines { get; init; }
    /// <summary>Per rate: net, rate, tax (empty on delivery notes).</summary>
    public IReadOnlyList<PrintTaxLine> TaxBreakdown { get; init; } = [];
    public PrintTotals? Totals { get; init; }
    public PrintPaymentTerms? Payment { get; init; }
    public IReadOnlyList<PrintNote> Notes { get; init; } = [];
    /// <summary>For credit notes: the invoice this document corrects.</summary>
    public PrintCorrectedInvoice? Corrects { get; init; }
    /// <summary>Printed as a QR code with a short caption when given.</summary>
    public string? VerificationUrl { get; init; }
    /// <summary>Free text under the totals (greeting, delivery conditions).</summary>
    public string? Remark { get; init; }
}

/// <summary>A single delivery date (From == To) or a period.</summary>
public sealed record PrintDeliveryPeriod(LocalDate From, LocalDate To)
{
    public static PrintDeliveryPeriod On(LocalDate date) => new(date, date);
}

public sealed record PrintIssuer
{
    public required string LegalName { get; init; }
    public required Address Address { get; init; }
    public string? VatId { get; init; }
    public string? TaxNumber { get; init; }
    public string? RegisterCourt { get; init; }
    public string? RegisterNumber { get; init; }
    public IReadOnlyList<string> ManagingDirectors { get; init; } = [];
    public IReadOnlyList<PrintBankAccount> BankAccounts { get; init; } = [];
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? ContactEmail { get; init; }
    /// <summary>PNG bytes for the letterhead (SVG is not drawn).</summary>
    public byte[]? LogoPng { get; init; }
}

public sealed record PrintBankAccount(string Iban, string? Bic, string? BankName);

public sealed record PrintRecipient
{
    public required string Name { get; init; }
    /// <summary>Second address line (department, contact person), optional.</summary>
    public string? NameAddition { get; init; }
    public required Address Address { get; init; }
    /// <summary>Required on reverse-charge and intra-EU invoices.</summary>
    public string? VatId { get; init; }
    public string? TaxNumber { get; init; }
    public string? CustomerNumber { get; init; }
}

/// <summary>One position; UnitPrice and Net are null on delivery notes.</summary>
public sealed record PrintLine(
    int Position, string? ArticleNumber, string Description, decimal Quantity, string Unit,
    decimal? UnitPrice, decimal? Net, decimal? VatRate);

public sealed record PrintTaxLine(decimal Rate, decimal Net, decimal Tax)
{
    public static IReadOnlyList<PrintTaxLine> From(Totals totals) => totals.TaxBreakdown.Select(t => new PrintTaxLine(t.Rate, t.Net, t.Tax)).ToArray();
}

public sealed record PrintTotals(decimal Net, decimal Tax, decimal Gross)
{
    /// <summary>Takes the domain's totals (EN 16931 rounding: tax per rate on the sum of line nets).</summary>
    public static PrintTotals From(Totals totals) => new(totals.NetTotal, totals.TaxTotal, totals.GrossTotal);
}

/// <summary>Due date and optional cash discount (Skonto) with its amount and pay-by date.</summary>
public sealed record PrintPaymentTerms(LocalDate? DueDate, decimal? SkontoPercent = null, decimal? SkontoAmount = null, LocalDate? SkontoUntil = null);

public sealed record PrintCorrectedInvoice(string Number, LocalDate Date);
