using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.Reading.XmlFacts;

namespace ValeoErp.Application.EInvoicing.Reading;

/// <summary>Reads the EN 16931 business terms of a UBL 2.1 Invoice or CreditNote (the XRechnung UBL binding).</summary>
public static class UblReader
{
    public static readonly XNamespace Invoice = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public static readonly XNamespace CreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly Dictionary<string, XNamespace> Ns = new() { ["cac"] = Cac, ["cbc"] = Cbc };

    public static bool Reads(XElement root) =>
        root.Name == Invoice + "Invoice" || root.Name == CreditNote + "CreditNote";

    public static InvoiceFacts Read(XDocument document)
    {
        var root = document.Root ?? throw new ArgumentException("empty document");
        var credit = root.Name == CreditNote + "CreditNote";
        var x = new XmlFacts();
        var lineName = credit ? "cac:CreditNoteLine" : "cac:InvoiceLine";
        var currency = Text(root, Ns, "cbc:DocumentCurrencyCode");
        var taxTotals = All(root, Ns, "cac:TaxTotal").ToList();
        var mainTax = taxTotals.FirstOrDefault(t => t.Element(Cac + "TaxSubtotal") is not null) ?? taxTotals.FirstOrDefault();
        var taxAmount = taxTotals.Select(t => t.Element(Cbc + "TaxAmount"))
            .FirstOrDefault(a => a is not null && (string?)a.Attribute("currencyID") == currency);
        var totals = At(root, Ns, "cac:LegalMonetaryTotal");
        var delivery = At(root, Ns, "cac:Delivery");
        return new InvoiceFacts
        {
            Syntax = EInvoiceSyntax.Ubl,
            IsCreditNoteRoot = credit,
            Specification = Text(root, Ns, "cbc:CustomizationID"),
            BusinessProcess = Text(root, Ns, "cbc:ProfileID"),
            Number = Text(root, Ns, "cbc:ID"),
            IssueDate = Text(root, Ns, "cbc:IssueDate"),
            TypeCode = Text(root, Ns, credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode"),
            Currency = currency,
            TaxCurrency = Text(root, Ns, "cbc:TaxCurrencyCode"),
            BuyerReference = Text(root, Ns, "cbc:BuyerReference"),
            OrderReference = Text(root, Ns, "cac:OrderReference/cbc:ID"),
            DueDate = Text(root, Ns, "cbc:DueDate") ?? Text(root, Ns, "cac:PaymentMeans/cbc:PaymentDueDate"),
            DeliveryDate = Text(delivery, Ns, "cbc:ActualDeliveryDate"),
            HasInvoicePeriod = At(root, Ns, "cac:InvoicePeriod") is not null,
            Notes = All(root, Ns, "cbc:Note").Select(n => n.Value).ToList(),
            PrecedingInvoices = All(root, Ns, "cac:BillingReference/cac:InvoiceDocumentReference").Select(r => Text(r, Ns, "cbc:ID")).ToList(),
            Seller = Party(At(root, Ns, "cac:AccountingSupplierParty/cac:Party")),
            Buyer = Party(At(root, Ns, "cac:AccountingCustomerParty/cac:Party")),
            TaxRepresentativeVatId = All(root, Ns, "cac:TaxRepresentativeParty/cac:PartyTaxScheme")
                .Where(IsVat).Select(s => Text(s, Ns, "cbc:CompanyID")).FirstOrDefault(),
            DeliverTo = At(delivery, Ns, "cac:DeliveryLocation/cac:Address") is { } to ? Address(to) : null,
            PaymentMeans = All(root, Ns, "cac:PaymentMeans").Select(PaymentMeans).ToList(),
            PaymentTerms = At(root, Ns, "cac:PaymentTerms/cbc:Note")?.Value, // untrimmed: BR-DE-18 needs the final line break
            CreditorId = All(root, Ns, "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID")
                .Concat(All(root, Ns, "cac:PayeeParty/cac:PartyIdentification/cbc:ID"))
                .FirstOrDefault(i => (string?)i.Attribute("schemeID") == "SEPA")?.Value.Trim(),
            Lines = All(root, Ns, lineName).Select(l => Line(l, x)).ToList(),
            AllowancesCharges = All(root, Ns, "cac:AllowanceCharge").Select(a => AllowanceCharge(a, x)).ToList(),
            Breakdown = (mainTax is null ? [] : All(mainTax, Ns, "cac:TaxSubtotal")).Select(s => new BreakdownFacts(
                x.Decimal(At(s, Ns, "cbc:TaxableAmount"), "BT-116", amount: true), x.Decimal(At(s, Ns, "cbc:TaxAmount"), "BT-117", amount: true),
                Vat(At(s, Ns, "cac:TaxCategory"), x))).ToList(),
            Totals = new TotalsFacts(
                x.Decimal(At(totals, Ns, "cbc:LineExtensionAmount"), "BT-106", amount: true),
                x.Decimal(At(totals, Ns, "cbc:AllowanceTotalAmount"), "BT-107", amount: true),
                x.Decimal(At(totals, Ns, "cbc:ChargeTotalAmount"), "BT-108", amount: true),
                x.Decimal(At(totals, Ns, "cbc:TaxExclusiveAmount"), "BT-109", amount: true),
                x.Decimal(taxAmount, "BT-110", amount: true),
                x.Decimal(At(totals, Ns, "cbc:TaxInclusiveAmount"), "BT-112", amount: true),
                x.Decimal(At(totals, Ns, "cbc:PrepaidAmount"), "BT-113", amount: true),
                x.Decimal(At(totals, Ns, "cbc:PayableRoundingAmount"), "BT-114", amount: true),
                x.Decimal(At(totals, Ns, "cbc:PayableAmount"), "BT-115", amount: true),
                All(root, Ns, "cac:PrepaidPayment").Sum(p => x.Decimal(At(p, Ns, "cbc:PaidAmount"), "BT-DEX-002") ?? 0m)),
            HasThirdPartyPayments = At(root, Ns, "cac:PrepaidPayment") is not null,
            TaxTotalsWithSubtotals = taxTotals.Count(t => t.Element(Cac + "TaxSubtotal") is not null),
            AttachmentNames = All(root, Ns, "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject")
                .Select(b => (string?)b.Attribute("filename") ?? "").ToList(),
            EmptyElements = root.Descendants().Count(e => !e.HasElements && string.IsNullOrWhiteSpace(e.Value)),
            Amounts = x.Amounts,
            Unreadable = x.Unreadable,
        };
    }

    private static bool IsVat(XElement taxScheme) =>
        string.Equals(Text(taxScheme, Ns, "cac:TaxScheme/cbc:ID")?.Trim(), "VAT", StringComparison.OrdinalIgnoreCase);

    private static PartyFacts Party(XElement? party)
    {
        if (party is null) return new PartyFacts();
        var schemes = All(party, Ns, "cac:PartyTaxScheme").ToList();
        var endpoint = At(party, Ns, "cbc:EndpointID");
        var contact = At(party, Ns, "cac:Contact");
        return new PartyFacts
        {
            Name = Text(party, Ns, "cac:PartyLegalEntity/cbc:RegistrationName"),
            TradingName = Text(party, Ns, "cac:PartyName/cbc:Name"),
            VatId = schemes.Where(IsVat).Select(s => Text(s, Ns, "cbc:CompanyID")).FirstOrDefault(),
            TaxNumber = schemes.Where(s => !IsVat(s)).Select(s => Text(s, Ns, "cbc:CompanyID")).FirstOrDefault(),
            LegalId = Text(party, Ns, "cac:PartyLegalEntity/cbc:CompanyID"),
            Identifiers = All(party, Ns, "cac:PartyIdentification/cbc:ID").Where(i => (string?)i.Attribute("schemeID") != "SEPA")
                .Select(i => i.Value.Trim()).ToList(),
            ElectronicAddress = endpoint?.Value.Trim(),
            ElectronicAddressScheme = (string?)endpoint?.Attribute("schemeID"),
            Address = At(party, Ns, "cac:PostalAddress") is { } a ? Address(a) : null,
            Contact = contact is null ? null
                : new ContactFacts(Text(contact, Ns, "cbc:Name"), Text(contact, Ns, "cbc:Telephone"), Text(contact, Ns, "cbc:ElectronicMail")),
        };
    }

    private static AddressFacts Address(XElement a) => new(Text(a, Ns, "cbc:StreetName"), Text(a, Ns, "cbc:CityName"),
        Text(a, Ns, "cbc:PostalZone"), Text(a, Ns, "cac:Country/cbc:IdentificationCode"));

    private static PaymentMeansFacts PaymentMeans(XElement m) => new(
        Text(m, Ns, "cbc:PaymentMeansCode"),
        Text(m, Ns, "cac:PayeeFinancialAccount/cbc:ID"),
        Text(m, Ns, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"),
        Text(m, Ns, "cac:PayeeFinancialAccount/cbc:Name"),
        At(m, Ns, "cac:CardAccount") is not null,
        At(m, Ns, "cac:PaymentMandate") is not null,
        Text(m, Ns, "cac:PaymentMandate/cbc:ID"),
        Text(m, Ns, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"),
        At(m, Ns, "cac:PayeeFinancialAccount") is not null);

    private static VatFacts Vat(XElement? category, XmlFacts x) => new(
        Text(category, Ns, "cbc:ID"),
        x.Decimal(At(category, Ns, "cbc:Percent"), "VAT rate"),
        Text(category, Ns, "cbc:TaxExemptionReason"),
        Text(category, Ns, "cbc:TaxExemptionReasonCode"));

    private static LineFacts Line(XElement l, XmlFacts x)
    {
        var quantity = At(l, Ns, "cbc:InvoicedQuantity") ?? At(l, Ns, "cbc:CreditedQuantity");
        var charges = All(l, Ns, "cac:AllowanceCharge").ToList();
        decimal Sum(bool charge) => charges.Where(c => IsTrue(Text(c, Ns, "cbc:ChargeIndicator")) == charge)
            .Sum(c => x.Decimal(At(c, Ns, "cbc:Amount"), "BT-136/141", amount: true) ?? 0m);
        return new LineFacts(
            Text(l, Ns, "cbc:ID"),
            Text(l, Ns, "cac:Item/cbc:Name"),
            x.Decimal(quantity, "BT-129"),
            (string?)quantity?.Attribute("unitCode"),
            x.Decimal(At(l, Ns, "cac:Price/cbc:PriceAmount"), "BT-146"),
            x.Decimal(At(l, Ns, "cac:Price/cbc:BaseQuantity"), "BT-149"),
            x.Decimal(At(l, Ns, "cbc:LineExtensionAmount"), "BT-131", amount: true),
            Vat(At(l, Ns, "cac:Item/cac:ClassifiedTaxCategory"), x),
            Sum(false), Sum(true),
            Text(l, Ns, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
            Text(l, Ns, "cac:Item/cac:BuyersItemIdentification/cbc:ID"),
            Text(l, Ns, "cac:Item/cac:StandardItemIdentification/cbc:ID"));
    }

    private static AllowanceChargeFacts AllowanceCharge(XElement a, XmlFacts x) => new(
        IsTrue(Text(a, Ns, "cbc:ChargeIndicator")),
        x.Decimal(At(a, Ns, "cbc:Amount"), "BT-92/99", amount: true),
        x.Decimal(At(a, Ns, "cbc:BaseAmount"), "BT-93/100", amount: true),
        x.Decimal(At(a, Ns, "cbc:MultiplierFactorNumeric"), "BT-94/101"),
        Vat(At(a, Ns, "cac:TaxCategory"), x),
        Text(a, Ns, "cbc:AllowanceChargeReason"),
        Text(a, Ns, "cbc:AllowanceChargeReasonCode"));

    internal static bool IsTrue(string? value) => value is "true" or "1";
}
