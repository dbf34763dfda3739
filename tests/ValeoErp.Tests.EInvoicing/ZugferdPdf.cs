using ValeoErp.Application.EInvoicing;
using ValeoErp.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>A case as a ZUGFeRD/Factur-X PDF (profile EN 16931): the visible invoice drawn from the same model as the
/// embedded CII, rendered by the product's PDF renderer with factur-x.xml attached.</summary>
public static class ZugferdPdf
{
    public static byte[] Render(EInvoice invoice)
    {
        var en16931 = invoice with { Specification = EInvoice.En16931 };
        var totals = EInvoiceTotals.Compute(en16931);
        var print = new PrintDocument
        {
            Kind = invoice.Kind == EInvoiceKind.CreditNote ? PrintKind.CreditNote : PrintKind.Invoice,
            SelfBilled = invoice.Kind == EInvoiceKind.SelfBilled,
            Number = invoice.Number,
            Date = invoice.IssueDate,
            Delivery = invoice.DeliveryDate is { } d ? PrintDeliveryPeriod.On(d) : null,
            CustomerReference = invoice.BuyerReference,
            Issuer = new PrintIssuer
            {
                LegalName = invoice.Seller.Name,
                Address = Address(invoice.Seller.Address),
                VatId = invoice.Seller.VatId,
                TaxNumber = invoice.Seller.TaxNumber,
                BankAccounts = [new PrintBankAccount(invoice.Payment.Iban, invoice.Payment.Bic, null)],
                ContactName = invoice.Seller.Contact.Name,
                ContactPhone = invoice.Seller.Contact.Phone,
                ContactEmail = invoice.Seller.Contact.Email,
            },
            Recipient = new PrintRecipient { Name = invoice.Buyer.Name, Address = Address(invoice.Buyer.Address), VatId = invoice.Buyer.VatId },
            Lines = invoice.Lines.Select((l, i) => new PrintLine(i + 1, l.SellerItemId, l.Name, l.Quantity, l.UnitCode, l.NetPrice, l.NetAmount, l.Vat.Percent)).ToList(),
            TaxBreakdown = totals.Breakdown.Select(b => new PrintTaxLine(b.Vat.Percent, b.TaxableAmount, b.TaxAmount)).ToList(),
            Totals = new PrintTotals(totals.TaxBasis, totals.TaxTotal, totals.GrandTotal),
            Payment = new PrintPaymentTerms(invoice.Payment.DueDate),
            Corrects = invoice.Preceding is { IssueDate: { } date } p ? new PrintCorrectedInvoice(p.Number, date) : null,
            Notes = Notes(invoice).ToList(),
        };
        return PdfRenderer.Render(print, EInvoices.Write(en16931, EInvoiceSyntax.Cii));
    }

    private static IEnumerable<PrintNote> Notes(EInvoice invoice)
    {
        var categories = invoice.Lines.Select(l => l.Vat.Category).ToHashSet();
        if (categories.Contains(VatCategory.AE)) yield return PrintNote.ReverseCharge;
        if (categories.Contains(VatCategory.K)) yield return PrintNote.IntraEuSupply;
        if (categories.Contains(VatCategory.G)) yield return PrintNote.Export;
        if (invoice.Kind == EInvoiceKind.SelfBilled) yield return PrintNote.SelfBilling;
    }

    private static Address Address(PostalAddress a) => new(a.Street, a.PostalCode, a.City, a.CountryCode);
}
