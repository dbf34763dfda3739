using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Documents;

/// <summary>The print model of a stored document: the document, the company it is issued under and its partner.</summary>
public static class PrintMapping
{
    public static PrintDocument From(TradeDocument d, CompanyProfile company, Partner partner, string? verificationUrl,
        (string Number, LocalDate Date)? corrected = null)
    {
        var delivery = d.Kind == DocumentKind.DeliveryNote;
        var selfBilled = d.Kind == DocumentKind.PurchaseInvoice && d.SelfBilled;
        var terms = d.PaymentTerms;
        var discount = terms is { DiscountPercent: > 0m } t && d.DiscountDate is { } until
            ? (t.DiscountPercent, Money.Round(d.GrossTotal * t.DiscountPercent / 100m), until)
            : ((decimal, decimal, LocalDate)?)null;
        return new PrintDocument
        {
            Kind = d.Kind switch
            {
                DocumentKind.SalesQuote => PrintKind.Quote,
                DocumentKind.SalesOrder => PrintKind.OrderConfirmation,
                DocumentKind.DeliveryNote => PrintKind.DeliveryNote,
                DocumentKind.SalesCreditNote => PrintKind.CreditNote,
                DocumentKind.PurchaseInvoice => PrintKind.CreditNote,
                _ => PrintKind.Invoice,
            },
            SelfBilled = selfBilled,
            Number = d.Number ?? "Entwurf",
            Date = d.DocumentDate,
            Delivery = PrintDeliveryPeriod.On(d.DeliveryDate),
            CustomerReference = d.ExternalReference,
            Issuer = Issuer(company),
            Recipient = new PrintRecipient
            {
                Name = partner.Name, Address = partner.Address, VatId = partner.VatId, TaxNumber = partner.TaxNumber,
                CustomerNumber = (selfBilled ? partner.CreditorAccount : partner.DebtorAccount)?.ToString(),
            },
            Lines = d.Lines.Select(l => new PrintLine(l.LineNo, l.ArticleNumber, delivery ? WithLots(l) : l.Description, l.Quantity, Unit(l.Unit),
                delivery ? null : l.UnitPrice, delivery ? null : l.Net, delivery ? null : l.Rate)).ToArray(),
            TaxBreakdown = delivery ? [] : d.TaxBreakdown.Select(t => new PrintTaxLine(t.Rate, t.Net, t.Tax)).ToArray(),
            Totals = delivery ? null : new PrintTotals(d.NetTotal, d.TaxTotal, d.GrossTotal),
            Payment = delivery || d.DueDate is null ? null
                : new PrintPaymentTerms(d.DueDate, discount?.Item1, discount?.Item2, discount?.Item3),
            Notes = Notes(d, selfBilled),
            Corrects = corrected is { } c ? new PrintCorrectedInvoice(c.Number, c.Date) : null,
            VerificationUrl = verificationUrl,
            // QS feed leaves the house with the seller's QS location number on its delivery note.
            Remark = d.GrainSettlement is { Count: > 0 } steps ? Settlement(d.ExternalReference, steps)
                : delivery && company.QsId is { } qs && d.Compliance.Any(c => c.Rule == Domain.Compliance.SaleGate.QsFeed)
                    ? $"QS-Standortnummer des Lieferanten: {qs}" : null,
        };
    }

    /// <summary>Every step of a grain settlement, from the weighbridge to the amount, so the farmer can follow it.</summary>
    private static string Settlement(string? ticket, IReadOnlyList<Domain.Grain.SettlementLine> steps) =>
        $"Abrechnung Wiegeschein {ticket}:\n" + string.Join("\n", steps.Select(s => s.WeightKg is { } kg
            ? $"{s.Label}: {Formats.Quantity(kg)} kg"
            : s.Amount != 0m ? $"{s.Label}: {Formats.Money(s.Amount)}" : s.Label));

    /// <summary>The lots a delivery-note line took, under its description: lot, quantity and expiry (MHD).</summary>
    private static string WithLots(DocumentLine line) => line.Lots is not { Count: > 0 } lots ? line.Description
        : line.Description + "\n" + string.Join("\n", lots.Select(l =>
            $"Charge {l.Lot}: {Formats.Quantity(l.Quantity)} {Unit(line.Unit)}" + (l.Expiry is { } e ? $", MHD {Formats.Date(e)}" : "")));

    private static PrintIssuer Issuer(CompanyProfile company) => new()
    {
        LegalName = company.LegalName, Address = company.Address, VatId = company.VatId, TaxNumber = company.TaxNumber,
        RegisterCourt = company.Register?.Court, RegisterNumber = company.Register?.Number, ManagingDirectors = company.ManagingDirectors,
        BankAccounts = company.BankAccounts.Select(b => new PrintBankAccount(b.Iban, b.Bic, b.BankName)).ToArray(),
        ContactName = company.Contact?.Name, ContactPhone = company.Contact?.Phone, ContactEmail = company.Contact?.Email,
        LogoPng = company.Logo is { ContentType: "image/png" } logo ? logo.Data : null,
    };

    private static IReadOnlyList<PrintNote> Notes(TradeDocument d, bool selfBilled)
    {
        var notes = new List<PrintNote>();
        if (d.Kind == DocumentKind.DeliveryNote) return notes;
        if (d.TaxTreatment == TaxTreatment.EuReverseCharge) notes.Add(PrintNote.IntraEuSupply);
        if (d.TaxTreatment == TaxTreatment.Export) notes.Add(PrintNote.Export);
        if (d.TaxTreatment == TaxTreatment.FlatRateFarmer) notes.Add(PrintNote.FlatRateFarmer);
        if (selfBilled) notes.Add(PrintNote.SelfBilling);
        return notes;
    }

    private static string Unit(ArticleUnit unit) => unit switch
    {
        ArticleUnit.T => "t",
        ArticleUnit.Kg => "kg",
        ArticleUnit.L => "l",
        ArticleUnit.Sack => "Sack",
        _ => "Stk",
    };
}
