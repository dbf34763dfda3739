using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.XmlFormat;

namespace ValeoErp.Application.EInvoicing;

/// <summary>Writes an <see cref="EInvoice"/> as UN/CEFACT Cross Industry Invoice D16B (XRechnung 3.0 CIUS);
/// type code 380, 381 or 389. Element order follows the CII D16B schema.</summary>
public static class CiiWriter
{
    internal static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    internal static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    internal static readonly XNamespace Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
    internal static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    public static XDocument Write(EInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var totals = EInvoiceTotals.Compute(invoice);
        var doc = new XElement(Rsm + "CrossIndustryInvoice",
            new XAttribute(XNamespace.Xmlns + "rsm", Rsm),
            new XAttribute(XNamespace.Xmlns + "ram", Ram),
            new XAttribute(XNamespace.Xmlns + "qdt", Qdt),
            new XAttribute(XNamespace.Xmlns + "udt", Udt),
            new XElement(Rsm + "ExchangedDocumentContext",
                R("BusinessProcessSpecifiedDocumentContextParameter", R("ID", EInvoice.PeppolBilling)),
                R("GuidelineSpecifiedDocumentContextParameter", R("ID", invoice.Specification))),
            new XElement(Rsm + "ExchangedDocument",
                R("ID", invoice.Number),
                R("TypeCode", invoice.TypeCode),
                R("IssueDateTime", UdtDate(invoice.IssueDate)),
                invoice.EffectiveNotes.Select(n => R("IncludedNote", R("Content", n)))),
            new XElement(Rsm + "SupplyChainTradeTransaction",
                invoice.Lines.Select(Line),
                Agreement(invoice),
                Delivery(invoice),
                CiiSettlement.Header(invoice, totals)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), doc);
    }

    private static XElement Line(InvoiceLine line) =>
        R("IncludedSupplyChainTradeLineItem",
            R("AssociatedDocumentLineDocument", R("LineID", line.Id)),
            R("SpecifiedTradeProduct",
                line.SellerItemId is { } sid ? R("SellerAssignedID", sid) : null,
                R("Name", line.Name),
                line.Description is { } d ? R("Description", d) : null),
            R("SpecifiedLineTradeAgreement",
                R("NetPriceProductTradePrice", R("ChargeAmount", Price(line.NetPrice)))),
            R("SpecifiedLineTradeDelivery",
                new XElement(Ram + "BilledQuantity", new XAttribute("unitCode", line.UnitCode), Quantity(line.Quantity))),
            R("SpecifiedLineTradeSettlement",
                CiiSettlement.Tax(line.Vat, null, null, withExemption: false),
                line.Allowance is { } a
                    ? R("SpecifiedTradeAllowanceCharge",
                        R("ChargeIndicator", new XElement(Udt + "Indicator", "false")),
                        R("ActualAmount", Amount(a.Amount)),
                        a.ReasonCode is { } rc ? R("ReasonCode", rc) : null,
                        R("Reason", a.Reason))
                    : null,
                R("SpecifiedTradeSettlementLineMonetarySummation", R("LineTotalAmount", Amount(line.NetAmount)))));

    private static XElement Agreement(EInvoice invoice)
    {
        var s = invoice.Seller;
        var b = invoice.Buyer;
        return R("ApplicableHeaderTradeAgreement",
            R("BuyerReference", invoice.BuyerReference),
            R("SellerTradeParty",
                s.Identifier is { } id ? R("ID", id) : null,
                R("Name", s.Name),
                s.LegalInfo is { } legal ? R("Description", legal) : null,
                s.RegisterId is { } reg ? R("SpecifiedLegalOrganization", R("ID", reg)) : null,
                R("DefinedTradeContact",
                    R("PersonName", s.Contact.Name),
                    R("TelephoneUniversalCommunication", R("CompleteNumber", s.Contact.Phone)),
                    R("EmailURIUniversalCommunication", R("URIID", s.Contact.Email))),
                Address(s.Address),
                Uri(s.ElectronicAddress),
                s.VatId is { } vat ? TaxRegistration(vat, "VA") : null,
                s.TaxNumber is { } tax ? TaxRegistration(tax, "FC") : null),
            R("BuyerTradeParty",
                R("Name", b.Name),
                b.ContactName is { } c ? R("DefinedTradeContact", R("PersonName", c)) : null,
                Address(b.Address),
                Uri(b.ElectronicAddress),
                b.VatId is { } bvat ? TaxRegistration(bvat, "VA") : null),
            invoice.OrderReference is { } order ? R("BuyerOrderReferencedDocument", R("IssuerAssignedID", order)) : null);
    }

    private static XElement Delivery(EInvoice invoice) =>
        R("ApplicableHeaderTradeDelivery",
            invoice.DeliverTo is { } to ? R("ShipToTradeParty", Address(to)) : null,
            invoice.DeliveryDate is { } d ? R("ActualDeliverySupplyChainEvent", R("OccurrenceDateTime", UdtDateString(d))) : null);

    internal static XElement Address(PostalAddress a) =>
        R("PostalTradeAddress",
            R("PostcodeCode", a.PostalCode),
            R("LineOne", a.Street),
            R("CityName", a.City),
            R("CountryID", a.CountryCode));

    private static XElement Uri(ElectronicAddress e) =>
        R("URIUniversalCommunication", new XElement(Ram + "URIID", new XAttribute("schemeID", e.Scheme), e.Value));

    private static XElement TaxRegistration(string id, string scheme) =>
        R("SpecifiedTaxRegistration", new XElement(Ram + "ID", new XAttribute("schemeID", scheme), id));

    internal static XElement R(string name, params object?[] content) => new(Ram + name, content);
    internal static XElement UdtDate(NodaTime.LocalDate d) => UdtDateString(d);
    internal static XElement UdtDateString(NodaTime.LocalDate d) =>
        new(Udt + "DateTimeString", new XAttribute("format", "102"), Date102(d));
    internal static XElement QdtDateString(NodaTime.LocalDate d) =>
        new(Qdt + "DateTimeString", new XAttribute("format", "102"), Date102(d));
}
