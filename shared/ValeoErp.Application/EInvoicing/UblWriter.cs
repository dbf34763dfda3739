using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.XmlFormat;

namespace ValeoErp.Application.EInvoicing;

/// <summary>Writes an <see cref="EInvoice"/> as OASIS UBL 2.1 (XRechnung 3.0 CIUS): Invoice for 380 and 389,
/// CreditNote for 381. Element order follows the UBL 2.1 schema.</summary>
public static class UblWriter
{
    internal static readonly XNamespace Inv = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    internal static readonly XNamespace Cn = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    internal static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    internal static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static XDocument Write(EInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var totals = EInvoiceTotals.Compute(invoice);
        var credit = invoice.Kind == EInvoiceKind.CreditNote;
        var root = credit ? Cn + "CreditNote" : Inv + "Invoice";
        var cur = invoice.Currency;

        var doc = new XElement(root,
            new XAttribute(XNamespace.Xmlns + "cac", Cac),
            new XAttribute(XNamespace.Xmlns + "cbc", Cbc),
            Cb("CustomizationID", invoice.Specification),
            Cb("ProfileID", EInvoice.PeppolBilling),
            Cb("ID", invoice.Number),
            Cb("IssueDate", IsoDate(invoice.IssueDate)),
            !credit && invoice.Payment.DueDate is { } due ? Cb("DueDate", IsoDate(due)) : null,
            Cb(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", invoice.TypeCode),
            invoice.EffectiveNotes.Select(n => Cb("Note", n)),
            Cb("DocumentCurrencyCode", cur),
            Cb("BuyerReference", invoice.BuyerReference),
            invoice.Period is { } p
                ? Ca("InvoicePeriod", Cb("StartDate", IsoDate(p.Start)), Cb("EndDate", IsoDate(p.End)))
                : null,
            invoice.OrderReference is { } order ? Ca("OrderReference", Cb("ID", order)) : null,
            invoice.Preceding is { } pre
                ? Ca("BillingReference", Ca("InvoiceDocumentReference", Cb("ID", pre.Number),
                    pre.IssueDate is { } pd ? Cb("IssueDate", IsoDate(pd)) : null))
                : null,
            Ca("AccountingSupplierParty", UblParties.Seller(invoice.Seller)),
            Ca("AccountingCustomerParty", UblParties.Buyer(invoice.Buyer)),
            Delivery(invoice),
            PaymentMeans(invoice, credit),
            PaymentTerms(invoice.Payment) is { } terms ? Ca("PaymentTerms", Cb("Note", terms)) : null,
            invoice.AllowancesCharges.Select(ac => Ca("AllowanceCharge",
                Cb("ChargeIndicator", ac.IsCharge ? "true" : "false"),
                ac.ReasonCode is { } rc ? Cb("AllowanceChargeReasonCode", rc) : null,
                Cb("AllowanceChargeReason", ac.Reason),
                Money("Amount", ac.Amount, cur),
                UblParties.TaxCategory("TaxCategory", ac.Vat, withExemption: false))),
            Ca("TaxTotal", Money("TaxAmount", totals.TaxTotal, cur),
                totals.Breakdown.Select(b => Ca("TaxSubtotal",
                    Money("TaxableAmount", b.TaxableAmount, cur),
                    Money("TaxAmount", b.TaxAmount, cur),
                    UblParties.TaxCategory("TaxCategory", b.Vat, withExemption: true)))),
            Ca("LegalMonetaryTotal",
                Money("LineExtensionAmount", totals.LineTotal, cur),
                Money("TaxExclusiveAmount", totals.TaxBasis, cur),
                Money("TaxInclusiveAmount", totals.GrandTotal, cur),
                totals.AllowanceTotal != 0 ? Money("AllowanceTotalAmount", totals.AllowanceTotal, cur) : null,
                totals.ChargeTotal != 0 ? Money("ChargeTotalAmount", totals.ChargeTotal, cur) : null,
                Money("PayableAmount", totals.Payable, cur)),
            invoice.Lines.Select(l => Line(l, credit, cur)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), doc);
    }

    private static XElement? Delivery(EInvoice invoice) =>
        invoice.DeliveryDate is null && invoice.DeliverTo is null
            ? null
            : Ca("Delivery",
                invoice.DeliveryDate is { } d ? Cb("ActualDeliveryDate", IsoDate(d)) : null,
                invoice.DeliverTo is { } a ? Ca("DeliveryLocation", UblParties.Address("Address", a)) : null);

    private static XElement PaymentMeans(EInvoice invoice, bool credit)
    {
        var pay = invoice.Payment;
        return Ca("PaymentMeans",
            Cb("PaymentMeansCode", Payment.MeansCode),
            credit && pay.DueDate is { } due ? Cb("PaymentDueDate", IsoDate(due)) : null,
            pay.RemittanceInformation is { } r ? Cb("PaymentID", r) : null,
            Ca("PayeeFinancialAccount",
                Cb("ID", pay.Iban.Replace(" ", "", StringComparison.Ordinal)),
                pay.AccountName is { } n ? Cb("Name", n) : null,
                pay.Bic is { } bic ? Ca("FinancialInstitutionBranch", Cb("ID", bic)) : null));
    }

    private static XElement Line(InvoiceLine line, bool credit, string cur) =>
        Ca(credit ? "CreditNoteLine" : "InvoiceLine",
            Cb("ID", line.Id),
            new XElement(Cbc + (credit ? "CreditedQuantity" : "InvoicedQuantity"),
                new XAttribute("unitCode", line.UnitCode), Quantity(line.Quantity)),
            Money("LineExtensionAmount", line.NetAmount, cur),
            line.Allowance is { } a
                ? Ca("AllowanceCharge", Cb("ChargeIndicator", "false"),
                    a.ReasonCode is { } rc ? Cb("AllowanceChargeReasonCode", rc) : null,
                    Cb("AllowanceChargeReason", a.Reason), Money("Amount", a.Amount, cur))
                : null,
            Ca("Item",
                line.Description is { } d ? Cb("Description", d) : null,
                Cb("Name", line.Name),
                line.SellerItemId is { } sid ? Ca("SellersItemIdentification", Cb("ID", sid)) : null,
                UblParties.TaxCategory("ClassifiedTaxCategory", line.Vat, withExemption: false)),
            Ca("Price", new XElement(Cbc + "PriceAmount", new XAttribute("currencyID", cur), Price(line.NetPrice))));

    internal static XElement Cb(string name, string value) => new(Cbc + name, value);
    internal static XElement Ca(string name, params object?[] content) => new(Cac + name, content);
    internal static XElement Money(string name, decimal value, string currency) =>
        new(Cbc + name, new XAttribute("currencyID", currency), Amount(value));
}
