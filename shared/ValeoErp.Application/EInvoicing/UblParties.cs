using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.UblWriter;

namespace ValeoErp.Application.EInvoicing;

/// <summary>UBL parties, addresses and tax categories.</summary>
internal static class UblParties
{
    public static XElement Seller(Seller s) =>
        Ca("Party",
            Endpoint(s.ElectronicAddress),
            s.Identifier is { } id ? Ca("PartyIdentification", Cb("ID", id)) : null,
            Address("PostalAddress", s.Address),
            s.VatId is { } vat ? TaxScheme(vat, "VAT") : null,
            // BT-32 (Steuernummer): a PartyTaxScheme whose scheme is not VAT.
            s.TaxNumber is { } tax ? TaxScheme(tax, "FC") : null,
            Ca("PartyLegalEntity", Cb("RegistrationName", s.Name),
                s.RegisterId is { } reg ? Cb("CompanyID", reg) : null,
                s.LegalInfo is { } legal ? Cb("CompanyLegalForm", legal) : null),
            Ca("Contact", Cb("Name", s.Contact.Name), Cb("Telephone", s.Contact.Phone),
                Cb("ElectronicMail", s.Contact.Email)));

    public static XElement Buyer(Buyer b) =>
        Ca("Party",
            Endpoint(b.ElectronicAddress),
            Address("PostalAddress", b.Address),
            b.VatId is { } vat ? TaxScheme(vat, "VAT") : null,
            Ca("PartyLegalEntity", Cb("RegistrationName", b.Name)),
            b.ContactName is { } c ? Ca("Contact", Cb("Name", c)) : null);

    public static XElement Address(string name, PostalAddress a) =>
        Ca(name,
            Cb("StreetName", a.Street),
            Cb("CityName", a.City),
            Cb("PostalZone", a.PostalCode),
            Ca("Country", Cb("IdentificationCode", a.CountryCode)));

    /// <summary>TaxCategory (BG-23, BG-20/21) or ClassifiedTaxCategory (BG-30); the exemption reason only in
    /// the breakdown (BT-120/121).</summary>
    public static XElement TaxCategory(string name, VatRate vat, bool withExemption) =>
        Ca(name,
            Cb("ID", vat.Category.ToString()),
            Cb("Percent", XmlFormat.Percent(vat.Percent)),
            withExemption && vat.ExemptionReasonCode is { } code ? Cb("TaxExemptionReasonCode", code) : null,
            withExemption && vat.ExemptionReason is { } reason ? Cb("TaxExemptionReason", reason) : null,
            Ca("TaxScheme", Cb("ID", "VAT")));

    private static XElement Endpoint(ElectronicAddress e) =>
        new(Cbc + "EndpointID", new XAttribute("schemeID", e.Scheme), e.Value);

    private static XElement TaxScheme(string id, string scheme) =>
        Ca("PartyTaxScheme", Cb("CompanyID", id), Ca("TaxScheme", Cb("ID", scheme)));
}
