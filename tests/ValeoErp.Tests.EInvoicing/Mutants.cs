using System.Xml.Linq;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>One valid sample broken on purpose so that it violates exactly the rule named (the product and the
/// official kit must both refuse it with that rule id).</summary>
public sealed record Mutant(string Name, string Sample, string Rule, Action<XDocument> Break);

/// <summary>Mutants of the official testsuite's 01.01a sample in both syntaxes. Each removes or changes one business
/// term in a way the XML Schema still accepts, so that the business rule, not the schema, is what refuses it.</summary>
public static class Mutants
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    public const string Ubl = "testsuite/business-cases/standard/01.01a-INVOICE_ubl.xml";
    public const string Cii = "testsuite/business-cases/standard/01.01a-INVOICE_uncefact.xml";

    public static IReadOnlyList<Mutant> All() =>
    [
        new("ubl-no-buyer-reference", Ubl, "BR-DE-15", d => U(d, "cbc:BuyerReference").Remove()),
        new("cii-no-buyer-reference", Cii, "BR-DE-15", d => C(d, "ram:BuyerReference").Remove()),
        new("ubl-vat-subtotal-plus-1", Ubl, "BR-CO-14", d => Add(U(d, "cac:TaxSubtotal", "cbc:TaxAmount"), 1m)),
        new("cii-vat-subtotal-plus-1", Cii, "BR-CO-14", d => Add(C(d, "ram:ApplicableHeaderTradeSettlement", "ram:ApplicableTradeTax", "ram:CalculatedAmount"), 1m)),
        new("ubl-line-net-plus-10", Ubl, "BR-CO-10", d => Add(U(d, "cac:InvoiceLine", "cbc:LineExtensionAmount"), 10m)),
        new("cii-line-net-plus-10", Cii, "BR-CO-10", d => Add(C(d, "ram:SpecifiedTradeSettlementLineMonetarySummation", "ram:LineTotalAmount"), 10m)),
        new("ubl-no-seller-email", Ubl, "BR-DE-7", d => U(d, "cac:Contact", "cbc:ElectronicMail").Remove()),
        new("cii-no-seller-email", Cii, "BR-DE-7", d => C(d, "ram:DefinedTradeContact", "ram:EmailURIUniversalCommunication").Remove()),
        new("ubl-no-seller-phone", Ubl, "BR-DE-6", d => U(d, "cac:Contact", "cbc:Telephone").Remove()),
        new("cii-no-seller-phone", Cii, "BR-DE-6", d => C(d, "ram:DefinedTradeContact", "ram:TelephoneUniversalCommunication").Remove()),
        new("ubl-no-seller-contact", Ubl, "BR-DE-2", d => U(d, "cac:Contact").Remove()),
        new("cii-no-seller-contact", Cii, "BR-DE-2", d => C(d, "ram:DefinedTradeContact").Remove()),
        new("ubl-no-payment-means", Ubl, "BR-DE-1", d => d.Root!.Elements(Cac + "PaymentMeans").Remove()),
        new("cii-no-payment-means", Cii, "BR-DE-1", d => d.Descendants(Ram + "SpecifiedTradeSettlementPaymentMeans").Remove()),
        new("ubl-no-seller-city", Ubl, "BR-DE-3", d => Seller(d).Element(Cac + "PostalAddress")!.Element(Cbc + "CityName")!.Remove()),
        new("cii-no-buyer-postcode", Cii, "BR-DE-9", d => C(d, "ram:BuyerTradeParty", "ram:PostalTradeAddress", "ram:PostcodeCode").Remove()),
        new("ubl-payable-plus-5", Ubl, "BR-CO-16", d => Add(U(d, "cac:LegalMonetaryTotal", "cbc:PayableAmount"), 5m)),
        new("cii-grand-total-plus-1", Cii, "BR-CO-15", d => Add(C(d, "ram:SpecifiedTradeSettlementHeaderMonetarySummation", "ram:GrandTotalAmount"), 1m)),
        new("ubl-no-buyer-endpoint", Ubl, "PEPPOL-EN16931-R010", d => U(d, "cac:AccountingCustomerParty", "cac:Party", "cbc:EndpointID").Remove()),
        new("cii-no-seller-endpoint", Cii, "PEPPOL-EN16931-R020", d => C(d, "ram:SellerTradeParty", "ram:URIUniversalCommunication").Remove()),
        new("ubl-skonto-without-decimals", Ubl, "BR-DE-18", d => U(d, "cac:PaymentTerms", "cbc:Note").Value = "#SKONTO#TAGE=14#PROZENT=2#\n"),
        new("cii-skonto-lowercase", Cii, "BR-DE-18", d => C(d, "ram:SpecifiedTradePaymentTerms", "ram:Description").Value = "#skonto#TAGE=14#PROZENT=2.00#\n"),
        new("ubl-no-business-process", Ubl, "PEPPOL-EN16931-R001", d => U(d, "cbc:ProfileID").Remove()),
        new("cii-tax-exclusive-minus-1", Cii, "BR-CO-13", d => Add(C(d, "ram:SpecifiedTradeSettlementHeaderMonetarySummation", "ram:TaxBasisTotalAmount"), -1m)),
        new("ubl-xrechnung-2.3", Ubl, "NO-SCENARIO", d => U(d, "cbc:CustomizationID").Value = "urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_2.3"),
    ];

    private static XElement U(XDocument d, params string[] path) => Find(d, Cac, Cbc, path);
    private static XElement C(XDocument d, params string[] path) => Find(d, Ram, Ram, path);

    private static XElement Seller(XDocument d) => U(d, "cac:AccountingSupplierParty", "cac:Party");

    /// <summary>The first descendant matching the path (first step anywhere, then children).</summary>
    private static XElement Find(XDocument d, XNamespace aggregate, XNamespace basic, string[] path)
    {
        XName Name(string step) => (step.StartsWith("cbc:", StringComparison.Ordinal) ? basic : aggregate) + step[(step.IndexOf(':') + 1)..];
        var first = path[0] == "cbc:BuyerReference" || path[0] == "cbc:ProfileID" || path[0] == "cbc:CustomizationID"
            ? d.Root!.Element(Name(path[0]))
            : d.Descendants(Name(path[0])).FirstOrDefault();
        var current = first ?? throw new InvalidOperationException($"{path[0]} not in the sample");
        foreach (var step in path.Skip(1))
            current = current.Element(Name(step)) ?? throw new InvalidOperationException($"{step} not in the sample");
        return current;
    }

    private static void Add(XElement amount, decimal delta) =>
        amount.Value = (decimal.Parse(amount.Value, System.Globalization.CultureInfo.InvariantCulture) + delta)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
