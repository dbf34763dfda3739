using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.CiiWriter;
using static ValeoErp.Application.EInvoicing.XmlFormat;

namespace ValeoErp.Application.EInvoicing;

/// <summary>CII ApplicableHeaderTradeSettlement: payment means, VAT breakdown, period, allowances/charges,
/// payment terms, totals, preceding invoice.</summary>
internal static class CiiSettlement
{
    public static XElement Header(EInvoice invoice, EInvoiceTotals totals)
    {
        var pay = invoice.Payment;
        var terms = PaymentTerms(pay);
        return R("ApplicableHeaderTradeSettlement",
            pay.RemittanceInformation is { } r ? R("PaymentReference", r) : null,
            R("InvoiceCurrencyCode", invoice.Currency),
            R("SpecifiedTradeSettlementPaymentMeans",
                R("TypeCode", Payment.MeansCode),
                R("PayeePartyCreditorFinancialAccount",
                    R("IBANID", pay.Iban.Replace(" ", "", StringComparison.Ordinal)),
                    pay.AccountName is { } n ? R("AccountName", n) : null),
                pay.Bic is { } bic ? R("PayeeSpecifiedCreditorFinancialInstitution", R("BICID", bic)) : null),
            totals.Breakdown.Select(b => Tax(b.Vat, b.TaxAmount, b.TaxableAmount, withExemption: true)),
            invoice.Period is { } p
                ? R("BillingSpecifiedPeriod",
                    R("StartDateTime", UdtDateString(p.Start)), R("EndDateTime", UdtDateString(p.End)))
                : null,
            invoice.AllowancesCharges.Select(ac => R("SpecifiedTradeAllowanceCharge",
                R("ChargeIndicator", new XElement(Udt + "Indicator", ac.IsCharge ? "true" : "false")),
                R("ActualAmount", Amount(ac.Amount)),
                ac.ReasonCode is { } rc ? R("ReasonCode", rc) : null,
                R("Reason", ac.Reason),
                R("CategoryTradeTax",
                    R("TypeCode", "VAT"),
                    R("CategoryCode", ac.Vat.Category.ToString()),
                    R("RateApplicablePercent", Percent(ac.Vat.Percent))))),
            terms is null && pay.DueDate is null
                ? null
                : R("SpecifiedTradePaymentTerms",
                    terms is null ? null : R("Description", terms),
                    pay.DueDate is { } due ? R("DueDateDateTime", UdtDateString(due)) : null),
            R("SpecifiedTradeSettlementHeaderMonetarySummation",
                R("LineTotalAmount", Amount(totals.LineTotal)),
                totals.ChargeTotal != 0 ? R("ChargeTotalAmount", Amount(totals.ChargeTotal)) : null,
                totals.AllowanceTotal != 0 ? R("AllowanceTotalAmount", Amount(totals.AllowanceTotal)) : null,
                R("TaxBasisTotalAmount", Amount(totals.TaxBasis)),
                new XElement(Ram + "TaxTotalAmount", new XAttribute("currencyID", invoice.Currency), Amount(totals.TaxTotal)),
                R("GrandTotalAmount", Amount(totals.GrandTotal)),
                R("DuePayableAmount", Amount(totals.Payable))),
            invoice.Preceding is { } pre
                ? R("InvoiceReferencedDocument",
                    R("IssuerAssignedID", pre.Number),
                    pre.IssueDate is { } pd ? R("FormattedIssueDateTime", QdtDateString(pd)) : null)
                : null);
    }

    /// <summary>ApplicableTradeTax of a line (no amounts) or of the breakdown (with amounts and exemption).</summary>
    public static XElement Tax(VatRate vat, decimal? taxAmount, decimal? basis, bool withExemption) =>
        R("ApplicableTradeTax",
            taxAmount is { } t ? R("CalculatedAmount", Amount(t)) : null,
            R("TypeCode", "VAT"),
            withExemption && vat.ExemptionReason is { } reason ? R("ExemptionReason", reason) : null,
            basis is { } b ? R("BasisAmount", Amount(b)) : null,
            R("CategoryCode", vat.Category.ToString()),
            withExemption && vat.ExemptionReasonCode is { } code ? R("ExemptionReasonCode", code) : null,
            R("RateApplicablePercent", Percent(vat.Percent)));
}
